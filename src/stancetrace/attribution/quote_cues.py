"""Which cue a quote belongs to: the frames news writing puts around quoted words.

Plain functions over a parsed spaCy `Doc` (token indexes, end exclusive) and the cue
hits of `cues.find_cues`, used by `extract` when it gives each quote its cue:

- a short quote can still be a sentence of its own ("“You winning?”");
- the period inside the closing mark belongs to the sentence, not to the quote's words;
- a speech tag right after the quote ("“No, no,” he said") or a verb and comma before it
  ("She continued, “...”", "tweeted, “...”") introduces it, however short it is;
- a cue whose object only names the act a quoting cue reports ("rejected the offer,
  telling ...") is not a second statement.
"""

from __future__ import annotations

from .quotes import title_cased

OPENING_MARKS = "“\"‘«"
# A quote of fewer words than a clause is still a sentence of its own when it is
# capitalised and ends in one of these inside its marks; two words keep one-word titles
# ("“Politicking.”") out.
SENTENCE_QUOTE_MIN_WORDS = 2
SENTENCE_END_MARKS = frozenset(".?!")
# The punctuation that closes spoken words before their speech tag ("“No, no,” he said",
# "“Out!” the crowd yelled"); a tag of a speaker and a verb is at most this many tokens.
SPEECH_TAG_MARKS = frozenset(",!?")
SPEECH_TAG_MAX_TOKENS = 6
# How a quoting cue hangs from a cue it explains: "rejected the offer, telling ..." (advcl),
# "welcomed the idea but said ..." (conj).
QUOTING_DEPENDENT_DEPS = ("advcl", "conj")


def is_sentence_quote(doc, start: int, end: int) -> bool:
    """A short quote written as a sentence of its own ("“You winning?”", "“That makes me
    smart.”", a verbless exclamation): capitalised, closed by its own end punctuation
    inside the marks. A scare quote or a term ("“con artist”", "“head.”") is neither, nor a
    title, every word capitalised ("the podcast “So, That Happened.”")."""
    tokens = [t for t in doc[start:end] if not t.is_space and not t.is_quote]
    words = [t for t in tokens if not t.is_punct]
    return len(words) >= SENTENCE_QUOTE_MIN_WORDS and words[0].text[:1].isupper() and \
        tokens[-1].text in SENTENCE_END_MARKS and not title_cased(doc[start:end].text)


def word_span(doc, start: int, end: int) -> tuple[int, int]:
    """The quote's tokens without the punctuation at its edges, which the parse often
    hangs on the sentence root ("described as “an intentional act.”")."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def holds_quote(doc, content: tuple[int, int] | None, span: tuple[int, int]) -> bool:
    """The content holds the quote's words; the period inside the marks ("its “threatening
    rhetoric.”") ends the sentence, not the content."""
    if content is None:
        return False
    start, end = word_span(doc, *span)
    return content[0] <= start and end <= content[1]


def verb_before_comma(doc, start: int):
    """The verb that a comma sets off from the quote at token `start` ("tweeted, “...”")."""
    i = start - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in OPENING_MARKS):
        i -= 1
    if i < 1 or doc[i].text != ",":
        return None
    return doc[i - 1] if doc[i - 1].pos_ == "VERB" else None


def comma_verb(doc, start: int):
    """ "She continued, “For us, ...”": the sentence's main verb, its subject before it,
    ending the words that a comma sets off from the quote at token `start`."""
    verb = verb_before_comma(doc, start)
    if verb is None or verb.dep_ != "ROOT" or verb.i == verb.sent.start:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    return verb if subject is not None else None


def cue_before_comma(doc, hits, qs: int) -> int | None:
    """ "Trump, who campaigned there, tweeted, “Thank you Indiana!”": the cue right before
    the comma that opens the quote introduces it, whatever the parse made of the quote."""
    verb = verb_before_comma(doc, qs)
    return next((h for h, hit in enumerate(hits) if verb is not None and hit.head == verb.i), None)


def speech_tag_after(doc, hits, qs: int, qe: int) -> int | None:
    """ "“No, no, no,” he said": a quote closed by a comma, "!" or "?" inside its marks and
    followed at once by its speaker and cue, words spoken however short they are."""
    inner = [t for t in doc[qs:qe] if not t.is_space and not t.is_quote]
    if not inner or inner[-1].text not in SPEECH_TAG_MARKS:
        return None
    after = qe
    while after < len(doc) and (doc[after].is_quote or doc[after].is_space):
        after += 1
    for h, hit in enumerate(hits):
        if hit.kind != "verb" or hit.speaker is None or hit.speaker < after:
            continue
        if not after <= hit.head <= after + SPEECH_TAG_MAX_TOKENS or hit.head > hit.speaker + SPEECH_TAG_MAX_TOKENS:
            continue
        if hit.content is not None and hit.content[0] >= qe:
            continue  # the cue reports words of its own after the quote
        between = doc[after : hit.head]
        if any(t.is_quote or t.is_punct for t in between) or "\n" in doc.text[doc[qe - 1].idx : doc[hit.head].idx]:
            continue
        return h
    return None


def acts_before_quotes(doc, hits, assigned: dict[int, list[int]]) -> set[int]:
    """ "Khamenei rejected Biden's offer, telling his commanders talks “will not solve
    anything”": a cue whose content is only a noun phrase, when a cue hanging from it
    ("telling", "and said") quotes what was said, names the act the quote reports; its
    object is not a second statement."""
    quoting = {hits[h].head for h in assigned}
    silenced = set()
    for h, hit in enumerate(hits):
        if h in assigned or hit.content is None or hit.kind != "verb":
            continue
        verb = doc[hit.head]
        content = doc[hit.content[0] : hit.content[1]]
        if any(t.pos_ in ("VERB", "AUX") for t in content):
            continue  # a clause: what was said, in the writer's words
        if any(c.i in quoting and c.dep_ in QUOTING_DEPENDENT_DEPS for c in verb.children):
            silenced.add(h)
    return silenced
