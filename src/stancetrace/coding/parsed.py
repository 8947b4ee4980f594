"""The parse the pipeline already made, handed to coding (coding never parses).

`extract_many` parses each document's body pieces with `nlp.pipe`; `ParseRecorder` wraps the
model so that the pipeline keeps those Docs (a side channel: the extractor is unchanged and
its records identical), and `Parsed` finds the parsed span of an attribution in them.
Used by coding for what words alone cannot tell: which words a "neg" dependent negates, and
whether an act verb's subject is a third party ("the US ... continues to support them").
"""

from __future__ import annotations

from collections.abc import Iterable

from ..attribution.parse_cache import entity_at

# Entity labels that name a party that can act (spaCy's English NER scheme).
PARTY_LABELS = frozenset({"PERSON", "GPE", "ORG", "NORP"})
# Dependency labels of a clause subject, and of the links a subject is inherited through
# ("created ... and continues to support": conj; "continues to support": xcomp).
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
INHERITS = frozenset({"conj", "xcomp", "acl", "oprd", "dobj", "attr"})
MAX_CLIMB = 6  # head steps from a verb to its subject; deeper parses are not trusted
COLUMNS_KEY = "stancetrace.coding.columns"  # Doc.user_data key of `_columns`


class Parsed:
    """spaCy Docs over pieces of a document's text, each with the offset it starts at."""

    def __init__(self, pieces: Iterable[tuple[int, object]] = ()):
        self.pieces = sorted(pieces, key=lambda p: p[0])
        # Each piece's text length, once: `doc.text` joins every token on each access.
        self.lengths = [_text_length(doc) for _, doc in self.pieces]

    @classmethod
    def of(cls, doc) -> "Parsed | None":
        """A Parsed from a Parsed, a Doc over the whole text, or (offset, Doc) pairs."""
        if doc is None or isinstance(doc, Parsed):
            return doc
        if hasattr(doc, "char_span"):
            return cls([(0, doc)])
        return cls(doc)

    def span(self, start: int, end: int):
        """The parsed span over text[start:end], or None when no piece holds it."""
        for (offset, doc), length in zip(self.pieces, self.lengths):
            if offset <= start < offset + length:
                return doc.char_span(start - offset, min(end, offset + length) - offset, alignment_mode="expand")
        return None


def _text_length(doc) -> int:
    """len(doc.text) from the last token alone (a Doc's text ends with its last token)."""
    if len(doc) == 0:
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


class ParseRecorder:
    """Wraps a spaCy model: every Doc its `pipe(..., as_tuples=True)` yields for a context
    `(document, offset, ...)` is kept under the document, in order. Everything else is the model."""

    def __init__(self, nlp):
        self._nlp = nlp
        self.parsed: dict[int, list[tuple[int, object]]] = {}

    def pipe(self, texts, *args, as_tuples: bool = False, **kwargs):
        for item in self._nlp.pipe(texts, *args, as_tuples=as_tuples, **kwargs):
            if as_tuples:
                doc, context = item
                if isinstance(context, tuple) and len(context) > 1 and isinstance(context[1], int):
                    self.parsed.setdefault(id(context[0]), []).append((context[1], doc))
            yield item

    def take(self, document) -> Parsed:
        """The Docs of `document` (forgotten here once taken)."""
        return Parsed(self.parsed.pop(id(document), []))

    def __getattr__(self, name):
        return getattr(self._nlp, name)


def parse(document, nlp) -> Parsed:
    """Parse a document's body pieces as the pipeline does (for evaluation without extraction)."""
    spans = [(s.start, s.end) for s in document.body_spans] or [(0, len(document.text))]
    docs = nlp.pipe(document.text[s:e] for s, e in spans)
    return Parsed((s, doc) for (s, _), doc in zip(spans, docs))


def negated_words(span) -> frozenset[str]:
    """Words the parser marks as negated ("neg" dependents) inside the span."""
    doc = span.doc
    deps, _, heads = _columns(doc)
    neg = doc.vocab.strings["neg"]
    return frozenset(doc[heads[i]].lower_ for i in range(span.start, span.end) if deps[i] == neg)


def described_words(span, is_own_side) -> frozenset[str]:
    """Verbs in the span whose subject is a named third party: the speaker describes their
    act ("Imam Hussein never pledged allegiance") rather than performing it.
    `is_own_side(text)` says whether a named subject is the speaker or the speaker's side."""
    out = set()
    doc = span.doc
    _, pos, _ = _columns(doc)
    verbs = {doc.vocab.strings[p] for p in ("VERB", "AUX")}
    for i in range(span.start, span.end):
        if pos[i] not in verbs:
            continue
        tok = doc[i]
        subject = _subject(tok, span)
        if subject is not None and subject.ent_type_ in PARTY_LABELS and not is_own_side(_entity_text(subject)):
            out.add(tok.lower_)
    return frozenset(out)


def reports_third_party(span, is_own_side, is_report_verb) -> bool:
    """Whether the span is a nested report: a main verb of speech (`is_report_verb(word)`)
    whose subject is a named third party ("Khamenei dubbed Israel a 'cancer'", in Aznar's
    account). The acts in it are that party's, not the speaker's. The verb is the span's own
    head: the sentence root, or a verb whose head lies outside the span (the outer cue's clause)."""
    doc = span.doc
    _, _, heads = _columns(doc)
    for i in range(span.start, span.end):
        if not (heads[i] == i or not span.start <= heads[i] < span.end):
            continue  # not the span's own head
        tok = doc[i]
        if not is_report_verb(tok.text.lower()):
            continue
        subject = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
        if subject is not None and subject.ent_type_ in PARTY_LABELS and not is_own_side(_entity_text(subject)):
            return True
    return False


def _columns(doc) -> tuple[list[int], list[int], list[int]]:
    """Each token's dependency label and part of speech (as spaCy's ids) and head index,
    read once per parse: the span checks above run for every statement, and going through
    `Token` objects made one per word and per head on every pass."""
    columns = doc.user_data.get(COLUMNS_KEY)
    if columns is None:
        if len(doc) == 0:
            columns = ([], [], [])
        else:
            labels = doc.to_array(["DEP", "POS"])  # unsigned: label hashes use all 64 bits
            offsets = doc.to_array("HEAD").astype("int64").tolist()  # signed offset to the head
            columns = (labels[:, 0].tolist(), labels[:, 1].tolist(), [i + o for i, o in enumerate(offsets)])
        doc.user_data[COLUMNS_KEY] = columns
    return columns


def _subject(tok, span):
    head = tok
    for _ in range(MAX_CLIMB):
        found = [c for c in head.children if c.dep_ in SUBJECTS]
        if found:
            return found[0]
        if head.dep_ not in INHERITS or head.head.i == head.i or not (span.start <= head.head.i < span.end):
            return None
        head = head.head
    return None


def _entity_text(tok) -> str:
    ent = entity_at(tok.doc, tok.i)  # `doc.ents` makes every entity's Span anew on each read
    return ent.text if ent is not None else tok.text
