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
SENTENCES_KEY = "stancetrace.sentence_starts"
ENT_TOKENS_KEY = "stancetrace.entity_of_token"


def doc_text(doc) -> str:
    """`doc.text`, built once per parse."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def remember_text(doc, text: str) -> None:
    """Give `doc_text` the text the Doc was made from (a tokenizer keeps it verbatim)."""
    doc.user_data[TEXT_KEY] = text


def sentence_start(doc, i: int) -> int:
    """`doc[i].sent.start`, from one pass over the parse's sentence starts (spaCy walks
    back to the sentence start and makes a Span on every `Token.sent`)."""
    starts = doc.user_data.get(SENTENCES_KEY)
    if starts is None:
        if not doc.has_annotation("SENT_START"):
            raise ValueError("the Doc has no sentence boundaries")  # as `Token.sent` raises
        starts, current = [], 0
        for n, flag in enumerate(doc.to_array("SENT_START").tolist()):
            current = n if flag == 1 else current
            starts.append(current)
        doc.user_data[SENTENCES_KEY] = starts
    return starts[i]


def doc_ents(doc) -> tuple:
    """`doc.ents`, built once per parse."""
    ents = doc.user_data.get(ENTS_KEY)
    if ents is None:
        ents = doc.user_data[ENTS_KEY] = tuple(doc.ents)
    return ents


def entity_at(doc, i: int):
    """The first of `doc_ents` holding token i, or None (as a scan of them would find)."""
    by_token = doc.user_data.get(ENT_TOKENS_KEY)
    if by_token is None:
        by_token = {}
        for ent in doc_ents(doc):
            for t in range(ent.start, ent.end):
                by_token.setdefault(t, ent)
        doc.user_data[ENT_TOKENS_KEY] = by_token
    return by_token.get(i)


def token_starting_at(doc, char: int):
    """The first token whose `idx` is `char`, or None (as a scan of `doc` would find)."""
    starts = doc.user_data.get(STARTS_KEY)
    if starts is None:
        starts = {}
        for i, idx in enumerate(doc.to_array("IDX").tolist()):  # no Token made per word
            starts.setdefault(idx, i)
        doc.user_data[STARTS_KEY] = starts
    i = starts.get(char)
    return None if i is None else doc[i]
