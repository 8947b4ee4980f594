"""Attribution: quote marks, reporting cues, and who said what.

Public API: `extract(document, nlp=None) -> list[Attribution]` and the batched
`extract_many(documents, nlp=None)`; `find_quotes(text)` for quote-mark pairing alone.
Rules come from `stancetrace/data/attribution/cues.v5.yaml` (see `lexicon`).
"""

from __future__ import annotations

from .extract import Options, extract, extract_many
from .lexicon import load_lexicon
from .quotes import Quote, find_quotes

__all__ = ["Options", "Quote", "extract", "extract_many", "find_quotes", "load_lexicon"]
