"""Plain-text layout: which lines are title, byline, dateline, body, page chrome.

PLACEHOLDER (being built): treats the whole text as body.
"""

from __future__ import annotations

from .base import Layout


def analyse_plain_text(text: str) -> Layout:
    """Find the body span and the metadata lines of a plain text. Never rewrites it."""
    return Layout(0, len(text))
