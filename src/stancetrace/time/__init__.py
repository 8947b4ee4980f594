"""Temporal expressions resolved against a reference date (statement dates).

The pipeline calls `date_attributions(document, attributions)` right after attribution
extraction. It fills `said_on` ('YYYY-MM-DD' | 'YYYY-MM' | 'YYYY' | None),
`said_on_granularity` (day | month | year), `said_on_basis` (explicit | relative |
document | unknown, as in ../shared/gold/SCHEMA.md) and `said_on_start`/`said_on_end`
(the span of the expression that gave the date; the dateline for 'document', when known).

Pieces, each usable alone:
- `find_expressions(text, start, end)` -> `TemporalExpression` list (expressions.py)
- `Reference.from_document(published, published_range)`, `resolve_all(expressions, ref)`
  -> intervals of days and their coarsest calendar value (calendar.py)
- `date_statements(document, attributions)` -> `StatementDate` list (statements.py)

No spaCy: the stage works on the text and the attributions' spans only.
"""

from __future__ import annotations

from copy import copy

from ..records import Attribution, Document
from .calendar import Interval, Reference, ResolvedExpression, resolve, resolve_all
from .expressions import TemporalExpression, find_expressions
from .statements import StatementDate, date_statements
from .vocabulary import VOCABULARY_VERSION, Vocabulary, load_vocabulary

__all__ = [
    "Interval", "Reference", "ResolvedExpression", "StatementDate", "TemporalExpression",
    "VOCABULARY_VERSION", "Vocabulary", "date_attributions", "date_statements",
    "find_expressions", "load_vocabulary", "resolve", "resolve_all",
]


def date_attributions(document: Document, attributions: list[Attribution]) -> list[Attribution]:
    """Copies of the attributions with said_on, its basis, granularity and evidence span filled."""
    dates = date_statements(document, attributions)
    out = []
    for attribution, found in zip(attributions, dates):
        dated = copy(attribution)  # as dataclasses.replace, without its per-field checks
        for name, value in found.fields().items():
            setattr(dated, name, value)
        out.append(dated)
    return out
