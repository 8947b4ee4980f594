"""Attributions of a document: quotes paired, cues found, each quote given its cue.

The stage runs over the document body only (`Document.body_spans`) and keeps every
offset into `Document.text`. One bad span never fails a document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..records import Attribution, Document
from .cues import CueHit, find_cues, poll_subject
from .lexicon import Lexicon, load_lexicon
from .parse_cache import doc_text, remember_text, sentence_start, token_starting_at
from .quote_cues import (acts_before_quotes, comma_verb, cue_before_comma, holds_quote, is_sentence_quote,
                         speech_tag_after, word_span)
from .quotes import Quote, find_quotes, names_a_work
from .speaker_mentions import paragraph_break
from .speakers import UNKNOWN, SpeakerResolver, mention_span, speaker_token

# A quote of at least this many words with a verb is a clause (direct), shorter is a
# phrase (partial). Five words separate "no war, no negotiation" from a sentence.
CLAUSE_MIN_WORDS = 5
# A cue's reported clause with at least this many of the writer's own words beside its
# quoted parts is a paraphrase with quotes (mixed) rather than a direct quote.
MIXED_MIN_OUTSIDE_WORDS = 3
# An unattributed clausal quote inherits the previous speaker only this close after it
# (characters): the next paragraph of the same account, not a new topic.
INHERIT_WINDOW_CHARS = 400
# A block quotation is a paragraph after one ending in a colon; it stays a quotation for
# at most this many characters (a letter or statement, not the rest of the article).
BLOCK_MAX_CHARS = 1500
# A paragraph opening "Label: clause" (news headlines: "Graham: Trump Is Destroying
# the GOP") names its speaker in at most this many words before the colon.
LABEL_MAX_WORDS = 4
LABEL_MIN_CONTENT_WORDS = 3
# A label may follow an opening mark: transcripts quoted turn by turn ("WALLACE: ...).
LABEL_OPENING_MARKS = "“\"‘«"
# Frames whose content is reported even with no quote marks ("name" too: "called the
# charges unsubstantiated" reports a judgement).
CONTENT_FRAMES = frozenset({"that", "to", "np", "name"})
# A cue verb opening the sentence right after a quote ("“Will you?” he asks.") takes the
# quote when it is at most this many tokens into that sentence: a speaker of up to a few
# words ("a narrator in the Clinton ad asks") and the verb.
TRAILING_CUE_MAX_TOKENS = 8
# A blank line (spaces allowed) between paragraphs.
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
_DASH_NAME = re.compile(r"[^\S\n]*[—–―-]{1,2}[^\S\n]*([A-Z][\w.’'-]*(?:[^\S\n]+[A-Z][\w.’'-]*){0,3})")


@dataclass
class Options:
    """Options of `extract` (one dataclass instead of a row of keywords)."""

    rules: str | None = None  # path of a cue lexicon; None for the shipped cues.v4
    # Also report unquoted states of mind ("X believes that ..."): PolNeAR's guideline
    # counts them, SCHEMA.md's "a speaker saying something" does not (see mental_verbs).
    beliefs: bool = False


def _token_spans(doc, base: int, quotes: list[Quote]) -> tuple[list[bool], dict[int, tuple[int, int]]]:
    """Which tokens are quoted, and each outermost quote's token span."""
    quoted = [False] * len(doc)
    spans: dict[int, tuple[int, int]] = {}
    for n, q in enumerate(quotes):
        span = doc.char_span(q.start - base, q.end - base, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        spans[n] = (span.start, span.end)
        if q.depth == 0:
            for i in range(span.start, span.end):
                quoted[i] = True
    return quoted, spans


def _is_clause(doc, start: int, end: int) -> bool:
    words = [t for t in doc[start:end] if not t.is_punct]
    return len(words) >= CLAUSE_MIN_WORDS and any(t.pos_ in ("VERB", "AUX") for t in words)


def _stands_alone(doc, start: int, end: int) -> bool:
    """A quote that reports words on its own (a clause or a whole sentence), unlike a
    quoted phrase, which needs a cue that governs it."""
    return _is_clause(doc, start, end) or is_sentence_quote(doc, start, end)


def _governs(edges: tuple[int, int], words: tuple[int, int]) -> bool:
    """The cue's phrase (`edges`: its head's left and right edge) spans the quote's words
    (`word_span` of the quote)."""
    start, end = words
    return end > start and edges[0] <= start and end - 1 <= edges[1]


def _holds_words(content: tuple[int, int] | None, words: tuple[int, int]) -> bool:
    """`holds_quote` for a quote whose `word_span` is known (the quote meets every cue)."""
    return content is not None and content[0] <= words[0] and words[1] <= content[1]


def _outside_words(doc, content: tuple[int, int], quoted: list[bool]) -> int:
    return sum(1 for t in doc[content[0] : content[1]] if not quoted[t.i] and not t.is_punct and t.lower_ != "that")


class _Builder:
    """Collects attributions for one document in reading order."""

    def __init__(self, document: Document, lexicon: Lexicon, options: Options | None = None):
        self.document = document
        self.lexicon = lexicon
        self.options = options or Options()
        self.resolver = SpeakerResolver(document)
        self.out: list[Attribution] = []

    def make(self, kind: str, start: int, end: int, cue: tuple[int, int] | None, speaker_tok, base: int,
             inherit: Attribution | None = None) -> Attribution:
        text = self.document.text
        att = Attribution(doc=self.document.doc, content=text[start:end], content_start=start, content_end=end,
                          type=kind, rules=self.lexicon.version, doc_id=self.document.id)
        if cue:
            att.cue, att.cue_start, att.cue_end = text[cue[0] : cue[1]], cue[0], cue[1]
        if speaker_tok is not None:  # the parse's subject may not be the speaker (speaker_mentions)
            speaker_tok = speaker_token(speaker_tok, base, cue, (start, end), self.lexicon.verbs)
        if speaker_tok is not None:
            s, e = mention_span(speaker_tok)
            doc = speaker_tok.doc
            ms, me = base + doc[s].idx, base + doc[e - 1].idx + len(doc[e - 1].text)
            att.speaker_mention, att.speaker_start, att.speaker_end = text[ms:me], ms, me
            found = self.resolver.resolve(speaker_tok, text[ms:me], ms)
            att.speaker, att.speaker_method, att.confidence = found.speaker, found.method, found.confidence
            self.resolver.remember(ms, found, speaker_tok)
        elif inherit is not None:
            att.speaker_mention, att.speaker_start, att.speaker_end = (
                inherit.speaker_mention, inherit.speaker_start, inherit.speaker_end)
            att.speaker, att.speaker_method = inherit.speaker, "inherited"
            att.confidence = min(inherit.confidence, 0.6) if inherit.speaker != UNKNOWN else 0.0
        self.out.append(att)
        return att

    def previous(self, before: int) -> Attribution | None:
        prior = [a for a in self.out if a.content_end <= before]
        return max(prior, key=lambda a: a.content_end) if prior else None


def _char(doc, base: int, start: int, end: int) -> tuple[int, int]:
    return base + doc[start].idx, base + doc[end - 1].idx + len(doc[end - 1].text)


def _colon_sentence(doc, qs: int, qe: int) -> bool:
    """A short sentence quote set off by a colon ("a new message: “It's about me.”"): the
    colon introduces it, not a cue elsewhere in the sentence ("With leaders worried, ...")."""
    return not _is_clause(doc, qs, qe) and _colon_cue(doc, qs) is not None


def _colon_cue(doc, start: int) -> int | None:
    """Token index of a colon right before the quote at token `start`."""
    i = start - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in "“\"‘«"):
        i -= 1
    return i if i >= 0 and doc[i].text == ":" else None


def _root_subject(tok, lexicon):
    from .cues import _subject

    root = tok.sent.root
    return _subject(root, lexicon)


def _colon_speaker(colon, lexicon):
    """Who speaks after "...:": the object of "quoted him", the subject of the verb nearest
    before the colon when it reports ("one the leader used:"), else the sentence's subject."""
    from .cues import RELATIVE_PRONOUNS, _nearest_subject

    sent = colon.sent
    verb = next((t for t in reversed(doc_slice(colon.doc, sent.start, colon.i)) if t.pos_ in ("VERB", "AUX")), None)
    if verb is not None:
        lemma = verb.lemma_.lower()
        if lemma in lexicon.object_speaker_verbs:
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
        if verb is not sent.root and (lemma in lexicon.colon_speaker_verbs or lemma in lexicon.verbs):
            subject = _nearest_subject(verb)
            if subject is not None and subject.lower_ not in RELATIVE_PRONOUNS:
                return subject
    return _root_subject(colon, lexicon)


def doc_slice(doc, start: int, end: int):
    return [doc[i] for i in range(start, end)]


def _title_before(doc, start: int, lexicon: Lexicon) -> bool:
    if _colon_cue(doc, start) is not None:
        return False  # "used her words as its headline: “Finally. ...”" quotes them
    prev = [t for t in doc[max(0, start - 3) : start] if not t.is_punct and not t.is_space]
    return bool(prev) and prev[-1].lower_ in lexicon.title_cues


def _analyse_span(builder: _Builder, doc, base: int, span_end: int) -> None:
    text, lexicon = builder.document.text, builder.lexicon
    quotes = find_quotes(text, base, span_end)
    quoted, qspans = _token_spans(doc, base, quotes)
    hits = find_cues(doc, lexicon, quoted)
    builder.resolver.note_subjects(doc, base, quoted)
    used: set[int] = set()  # hits whose content became a mixed attribution
    assigned: dict[int, list[int]] = {}  # hit index -> quote indexes it introduces
    events: list[tuple[int, str, object]] = []  # (token position, kind, payload) in reading order
    edges = [(doc[hit.head].left_edge.i, doc[hit.head].right_edge.i) for hit in hits] if quotes else []
    for n, q in enumerate(quotes):
        if q.depth != 0 or n not in qspans:
            continue
        qs, qe = qspans[n]
        if _title_before(doc, qs, lexicon) or names_a_work(text, q):
            continue
        clause = _stands_alone(doc, qs, qe)
        sents = {sentence_start(doc, qs), sentence_start(doc, qe - 1)}
        words = word_span(doc, qs, qe)
        best = None
        for h, hit in enumerate(hits):
            if _holds_words(hit.content, words) or _governs(edges[h], words):
                best = h if best is None or abs(hits[best].head - qs) > abs(hit.head - qs) else best
        if best is None and clause and not _colon_sentence(doc, qs, qe):
            near = [h for h, hit in enumerate(hits) if sentence_start(doc, hit.head) in sents]
            if near:
                best = min(near, key=lambda h: min(abs(hits[h].head - qs), abs(hits[h].head - qe)))
        if best is None and clause:
            best = _trailing_cue(doc, hits, qe)
        if best is None:
            best = speech_tag_after(doc, hits, qs, qe)
        if best is None:
            best = cue_before_comma(doc, hits, qs)
        if best is not None:
            assigned.setdefault(best, []).append(n)
            continue
        events.append((qs, "orphan", (n, clause)))
    silenced = acts_before_quotes(doc, hits, assigned)
    for h, hit in enumerate(hits):
        if h not in silenced:
            events.append((hit.start, "hit", h))
    events.sort(key=lambda e: (e[0], e[1]))
    for _, kind, payload in events:
        if kind == "hit":
            _emit_hit(builder, doc, base, hits[payload], assigned.get(payload, []), quotes, qspans, quoted)
        else:
            n, clause = payload
            _emit_orphan(builder, doc, base, quotes[n], qspans[n], clause, lexicon)
    _blocks(builder, doc, base, span_end, hits, quoted)
    _labels(builder, doc, base, span_end)
    del used


def _trailing_cue(doc, hits, qe: int) -> int | None:
    """ "“Will you pledge not to?” he asks.": a quote ending its sentence, and a cue with
    its speaker opening the next one, with no content of its own before the quote's end."""
    after = qe
    while after < len(doc) and (doc[after].is_punct or doc[after].is_space):
        after += 1  # the closing mark, and the sentence split spaCy puts after "?”"
    for h, hit in enumerate(hits):
        sent_start = sentence_start(doc, hit.head)
        if sent_start > after or sent_start < qe or hit.speaker is None:
            continue
        if hit.head - sent_start <= TRAILING_CUE_MAX_TOKENS and hit.kind == "verb" and \
                hit.content is None and not any(t.is_quote for t in doc[after:hit.head]) and \
                "\n" not in doc_text(doc)[doc[qe - 1].idx : doc[hit.head].idx]:
            return h  # a line break between them: the cue opens another paragraph
    return None


def _emit_hit(builder, doc, base, hit: CueHit, quote_ids, quotes, qspans, quoted) -> None:
    cue = _char(doc, base, hit.start, hit.end)
    speaker = doc[hit.speaker] if hit.speaker is not None else None
    if hit.kind == "verb" and hit.speaker is None:
        # A report with no one reporting ("Simply stating a willingness and a “phone
        # number”"): only whole quoted clauses stay, short phrases are scare quotes.
        quote_ids = [n for n in quote_ids if _is_clause(doc, *qspans[n])]
        if not quote_ids:
            return
    if hit.content and quote_ids and not hit.author and any(holds_quote(doc, hit.content, qspans[n]) for n in quote_ids) and \
            _outside_words(doc, hit.content, quoted) >= MIXED_MIN_OUTSIDE_WORDS:
        s, e = _char(doc, base, *hit.content)
        builder.make("mixed", s, e, cue, speaker, base)
        quote_ids = _beyond_mixed(doc, hit, quote_ids, qspans)
        if not quote_ids:
            return
    if quote_ids:
        for n in quote_ids:
            q = quotes[n]
            clause = _stands_alone(doc, *qspans[n])
            kind = "direct" if clause else "partial"
            if clause and _follow_on(builder, cue, speaker, base, q):
                # Read as a quote with no cue: a colon or "— Name" introduces it, or it
                # continues the previous speaker; the cue keeps it only if none applies.
                count = len(builder.out)
                _emit_orphan(builder, doc, base, q, qspans[n], clause, builder.lexicon)
                if len(builder.out) > count:
                    continue
            builder.make(kind, q.start, q.end, cue, speaker, base)
        return
    if hit.author or hit.speaker is None and hit.kind == "verb":
        return  # the writer's voice, or a report with no one reporting ("Asking to negotiate")
    if hit.content is None or not hit.frames & CONTENT_FRAMES:
        return
    if hit.kind == "verb" and not builder.options.beliefs and _mental(doc[hit.head], builder.lexicon):
        return  # "Khamenei believes ...": a state of mind described, not words reported
    for piece in (hit.content, *hit.extra):
        s, e = _char(doc, base, *piece)
        builder.make("indirect", s, e, cue, speaker, base)


def _beyond_mixed(doc, hit: CueHit, quote_ids: list[int], qspans) -> list[int]:
    """The cue's quotes that its mixed content does not hold ("“...,” she said, citing the
    bank's drive to “cross-sell”"): each is still reported by the cue, on its own."""
    return [n for n in quote_ids if not holds_quote(doc, hit.content, qspans[n])]


def _follow_on(builder, cue, speaker, base: int, q: Quote) -> bool:
    """A quote its cue gives no speaker, after an attribution of the same paragraph that
    has one ("“...,” Khamenei said in the speech. “We are observing ...”", the parse hanging
    the second quote on a later "had said" whose subject lies inside the quote): it is read
    as a quote with no cue of its own."""
    own = speaker_token(speaker, base, cue, (q.start, q.end), builder.lexicon.verbs) if speaker is not None else None
    if own is not None:
        return False
    prev = builder.previous(q.start)
    return prev is not None and prev.speaker not in (None, UNKNOWN) and \
        not paragraph_break(builder.document.text, prev.content_end, q.start)


def _mental(verb, lexicon: Lexicon) -> bool:
    """A state-of-mind cue not vouched for by a report ("As Khamenei told Aznar, he
    believes Iran will prevail" reports what he told)."""
    if verb.lemma_.lower() not in lexicon.mental_verbs or poll_subject(verb, lexicon):
        return False  # a poll's share of respondents holds it: their answer reported it
    return not any(c.dep_ == "advcl" and c.lemma_.lower() in lexicon.verbs and c.lemma_.lower() not in lexicon.mental_verbs
                   and any(g.dep_ == "mark" and g.text.lower() == "as" for g in c.children) for c in verb.children)


def _emit_orphan(builder, doc, base, q: Quote, span, alone: bool, lexicon) -> None:
    """A quote with no cue in its sentence: a verb and comma before it ("She continued,
    “...”", words reported however short), colon introduction, trailing "— Name",
    continuation of the previous speaker, or (dropped) a scare quote. `alone`: the quote
    is a clause or a sentence of its own."""
    text = builder.document.text
    verb = comma_verb(doc, span[0])
    if verb is not None:
        subject = _root_subject(verb, lexicon)
        if subject is not None and subject.lower_ not in lexicon.author_subjects:
            builder.make("direct", q.start, q.end, _char(doc, base, verb.i, verb.i + 1), subject, base)
            return
    if not alone:
        return  # a scare quote or a term with no speaker
    colon = _colon_cue(doc, span[0])
    if colon is not None:
        subject = _colon_speaker(doc[colon], lexicon)
        if subject is not None and subject.lower_ not in lexicon.author_subjects:
            builder.make("direct", q.start, q.end, _char(doc, base, colon, colon + 1), subject, base)
            return
    m = _DASH_NAME.match(text, q.outer_end)
    rest = text[m.end():].lstrip(" \t\xa0") if m else ""
    if m and (not rest or rest[0] in "\n,."):
        span = doc.char_span(m.start(1) - base, m.end(1) - base, alignment_mode="expand")
        if span is not None:
            dash = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
            builder.make("direct", q.start, q.end, (dash, dash + 1), span.root, base)
            return
    prev = builder.previous(q.start)
    first = doc[span[0] - 1] if span[0] > 0 and doc[span[0] - 1].is_quote else doc[span[0]]
    if prev is not None and q.start - prev.content_end <= INHERIT_WINDOW_CHARS and first.is_sent_start is not False \
            and _is_clause(doc, *span):
        builder.make("direct", q.start, q.end, None, None, base, inherit=prev)


def _blocks(builder, doc, base, span_end, hits, quoted) -> None:
    """A paragraph with no marks after a cue sentence ending in a colon: a block quote."""
    text = builder.document.text
    for hit in hits:
        sent = doc[hit.head].sent
        last = _last_word(sent)
        if last.text != ":" or hit.kind != "verb":
            continue
        start = base + last.idx + 1
        nl = text.find("\n", start, span_end)
        if nl < 0 or text[start:nl].strip():
            continue  # the colon is not at the end of its paragraph
        begin = start
        while begin < span_end and text[begin].isspace():
            begin += 1
        finish = text.find("\n\n", begin, span_end)
        finish = span_end if finish < 0 else finish
        if finish - begin > BLOCK_MAX_CHARS or text[begin] in "“\"‘«" or finish <= begin:
            continue
        while finish > begin and text[finish - 1].isspace():
            finish -= 1
        speaker = doc[hit.speaker] if hit.speaker is not None else None
        builder.make("block", begin, finish, _char(doc, base, hit.start, hit.end), speaker, base)


def _last_word(sent):
    """The sentence's last token that is not white space (a paragraph's sentence ends in
    its line breaks)."""
    for tok in reversed(sent):
        if not tok.is_space:
            return tok
    return sent[-1]


def _labels(builder, doc, base, span_end) -> None:
    """ "Graham: Trump's rhetoric destroying GOP": a paragraph opened by a short name label."""
    text = builder.document.text
    for tok in _colon_tokens(doc):
        if tok.i == 0:
            continue
        first = tok.i - 1
        while first > 0 and doc[first - 1].pos_ in ("PROPN", "NOUN") and doc[first - 1].text != "\n":
            first -= 1
        label = doc[first : tok.i]
        at = base + label.start_char
        if at > 0 and text[at - 1] in LABEL_OPENING_MARKS:
            at -= 1  # a transcript paragraph re-opening the quote: "PENCE: Well, look, ..."
        if not (0 < len(label) <= LABEL_MAX_WORDS) or (at > 0 and text[at - 1] != "\n"):
            continue
        if not all(t.pos_ in ("PROPN", "NOUN") for t in label) or not any(t.pos_ == "PROPN" for t in label):
            continue
        start = base + tok.idx + 1
        nl = text.find("\n", start, span_end)
        end = span_end if nl < 0 else nl
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] == "."):
            end -= 1
        if len(text[start:end].split()) < LABEL_MIN_CONTENT_WORDS:
            continue
        builder.make("indirect", start, end, (base + tok.idx, base + tok.idx + 1), label.root, base)


def _colon_tokens(doc):
    """The Doc's colon tokens in order, found in its text rather than by a walk over every token."""
    chars = doc_text(doc)
    at = chars.find(":")
    while at != -1:
        tok = token_starting_at(doc, at)
        if tok is not None and tok.text == ":":
            yield tok
        at = chars.find(":", at + 1)


def _finish(atts: list[Attribution]) -> list[Attribution]:
    seen, out = set(), []
    for a in sorted(atts, key=lambda a: (a.content_start, a.content_end, a.cue_start or -1)):
        key = (a.content_start, a.content_end)
        if key in seen:
            continue
        seen.add(key)
        out.append(a)
    return out


def _body_texts(document: Document) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in document.body_spans if s.end > s.start]


def _paragraph_doc(nlp, text: str):
    """The text tokenised, each paragraph opening a sentence: the parser keeps preset
    sentence starts, and left alone it runs about one paragraph break in six into the
    sentence before (a cue then takes the previous paragraph's quote as its own)."""
    make_doc = getattr(nlp, "make_doc", None)
    if make_doc is None:
        return text  # a stand-in model that parses strings only
    doc = make_doc(text)
    remember_text(doc, text)
    if len(doc) < 2:
        return doc
    # Only a white-space token can hold a break: another token's trailing white space is
    # at most one space (spaCy's `whitespace_`), so the other tokens are never looked at.
    for i in doc.to_array("IS_SPACE")[:-1].nonzero()[0].tolist():
        if _PARAGRAPH_BREAK.search(doc[i].text):
            doc[i + 1].is_sent_start = True
    return doc


def extract_many(documents: Iterable[Document], nlp=None, options: Options | None = None,
                 batch_size: int = 16) -> Iterator[list[Attribution]]:
    """Attributions of each document, in order; parses stream through `nlp.pipe`."""
    if nlp is None:
        from ..nlp import load_model

        nlp = load_model()
    options = options or Options()
    lexicon = load_lexicon(options.rules) if options.rules else load_lexicon()

    def spans() -> Iterator[tuple[str, tuple[Document, int, int, bool]]]:
        for document in documents:
            pieces = _body_texts(document)
            if not pieces:
                yield "", (document, 0, 0, True)
            for k, (s, e) in enumerate(pieces):
                yield _paragraph_doc(nlp, document.text[s:e]), (document, s, e, k == len(pieces) - 1)

    builder = None
    for doc, (document, start, end, last) in nlp.pipe(spans(), as_tuples=True, batch_size=batch_size):
        if builder is None or builder.document is not document:
            builder = _Builder(document, lexicon, options)
        if end > start:
            try:
                _analyse_span(builder, doc, start, end)
            except (ValueError, IndexError, KeyError, AttributeError, RecursionError):
                # One span the rules did not foresee must not fail the document.
                pass
        if last:
            yield _finish(builder.out)
            builder = None


def extract(document: Document, nlp=None, options: Options | None = None) -> list[Attribution]:
    """Attributions of one document, sorted by content_start (deterministic)."""
    return next(extract_many([document], nlp=nlp, options=options))
