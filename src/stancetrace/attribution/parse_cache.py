"""Per-parse memos of what spaCy rebuilds on every access.

`Doc.text` joins every token and `Doc.ents` makes a new `Span` for every entity each
time they are read; rules that ask per token or per mention would pay for the whole
document each time. These helpers compute each value once per `Doc` and keep it in the
Doc's own `user_data`, so a memo lives exactly as long as its parse. (A weak-keyed
table does not work here: the memoised Spans refer back to their Doc, which would keep
every Doc of a long run alive.)
"""

from __future__ import annotations

TEXT_KEY = "stancetrace.text"
ENTS_KEY = "stancetrace.ents"
STARTS_KEY = "stancetrace.token_starts"


def doc_text(doc) -> str:
    """`doc.text`, built once per parse."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def doc_ents(doc) -> tuple:
    """`doc.ents`, built once per parse."""
    ents = doc.user_data.get(ENTS_KEY)
    if ents is None:
        ents = doc.user_data[ENTS_KEY] = tuple(doc.ents)
    return ents


def token_starting_at(doc, char: int):
    """The first token whose `idx` is `char`, or None (as a scan of `doc` would find)."""
    starts = doc.user_data.get(STARTS_KEY)
    if starts is None:
        starts = {}
        for tok in doc:
            starts.setdefault(tok.idx, tok.i)
        doc.user_data[STARTS_KEY] = starts
    i = starts.get(char)
    return None if i is None else doc[i]
