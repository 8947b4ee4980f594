"""Temporal expressions resolved against a reference date (statement dates).

PLACEHOLDER (being built): `date_attributions` leaves attributions undated.
"""

from __future__ import annotations

from ..records import Attribution, Document


def date_attributions(document: Document, attributions: list[Attribution]) -> list[Attribution]:
    """Fill said_on / said_on_basis of each attribution from the text around it."""
    return attributions
