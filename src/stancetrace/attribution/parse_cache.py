"""Per-parse memos of what spaCy rebuilds on every access.

`Doc.text` joins every token and `Doc.ents` makes a new `Span` for every entity each
time they are read; rules that ask per token or per mention would pay for the whole
document each time. These helpers compute each value once per `Doc` and forget it
when the `Doc` is collected (weak keys), so a memo never outlives its parse.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

_TEXTS: WeakKeyDictionary = WeakKeyDictionary()
_ENTS: WeakKeyDictionary = WeakKeyDictionary()
_STARTS: WeakKeyDictionary = WeakKeyDictionary()


def doc_text(doc) -> str:
    """`doc.text`, built once per parse."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


def doc_ents(doc) -> tuple:
    """`doc.ents`, built once per parse."""
    ents = _ENTS.get(doc)
    if ents is None:
        ents = _ENTS[doc] = tuple(doc.ents)
    return ents


def token_starting_at(doc, char: int):
    """The first token whose `idx` is `char`, or None (as a scan of `doc` would find)."""
    starts = _STARTS.get(doc)
    if starts is None:
        starts = {}
        for tok in doc:
            starts.setdefault(tok.idx, tok.i)
        _STARTS[doc] = starts
    i = starts.get(char)
    return None if i is None else doc[i]
