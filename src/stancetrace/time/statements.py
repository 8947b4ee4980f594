"""Which temporal expression dates which attribution, and the fallbacks when none does.

For one attribution (anchored at its cue, or at its content when it has no cue), in order:

1. an expression in the anchor's sentence, outside the reported content, not cut off
   from the cue by a new clause (", and", ";"), nearest to the cue; a footnote marker there ("[i]") lends its note's date;
2. a sentence opening with "Even then," / "At the time," takes the date just given;
3. no date at all (null, unknown) for what is not a dated speech act: no cue or a bare
   colon (a colon after a named speaker only takes the frame of step 4), a habitual
   report ("he calls", "long described", "has always tried to portray"), or the outer layer of a report of a report (when Aznar recounted a 2001 meeting is not the
   meeting's date);
4. the date of a sentence-opening phrase ("In an October 30 speech, ...") carries over
   to the next sentences of the same paragraph (not to a named speaker other than the
   ones it dated), and so does the date of an earlier attribution to a later one of the
   same speaker; a sentence "He replied that ..." continues the sentence before it;
5. the news event: an attribution takes the latest date counted from the document
   ('relative', to the day) of an earlier statement by the same speaker, or the day of
   the lead's event ("X yesterday rejected ...") when the lead names its speaker;
6. otherwise the document's year (basis 'document') when the document's date or range
   lies inside one year, else null with basis 'unknown'.

An expression inside quoted or reported content dates the content's events, not the
statement ("a quote mentioning 1979"), so it is never used, except for an attribution
nested inside that content. Likewise, in a sentence that follows a framed statement of
the same speaker ("In an October 30 speech, he reiterated ... He urged Iranians to read
the documents seized twenty-nine years ago, saying ..."), an expression inside the
sentence that lies wholly before the frame's date is background of what was said, and
the frame dates the statement, unless the cue is in the pluperfect ("he had said in
2001"). A quote with no cue of its own right after a quote of the same speaker in one
paragraph (or opening the next paragraph, when that quote ran to the end of its own with
no closing mark) shares its date, whatever that date's basis. "A week later" / "the day before"
counts from the date of the attribution before it, when that has one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..records import Attribution, Document
from .calendar import Reference, ResolvedExpression, interval_of, resolve, resolve_all
from .expressions import TemporalExpression, find_expressions
from .segments import TextIndex
from .vocabulary import Vocabulary, load_vocabulary

# How many sentences back a sentence-opening date still governs, in one paragraph. Three
# covers "In an October 30 speech, he reiterated ... He urged ... The leader added ...".
MAX_CARRY_SENTENCES = 3
# An expression opens its sentence when at most this many words come before it and no
# comma ("During nationally televised remarks on May 14, ..." has five).
LEADING_MAX_WORDS = 6
# Words before the cue searched for a habitual adverb ("has always tried to portray").
HABITUAL_WINDOW_WORDS = 3
# The document fallback gives the year only: an undated report in an article of
# 2014-09-02 was made in 2014 as far as a careful reader can tell (gold convention).
DOCUMENT_FALLBACK_GRANULARITY = "year"

_CLAUSE_BREAK = re.compile(r";|,[”\"’]?\s+(?:and|but|while|whereas|although)\b")
_ASIDE = re.compile(r",\s+(?:while|whereas|although)\b")
_FOOTNOTE = re.compile(r"\[([ivxlc]{1,6}|\d{1,3})\]")
_WORD = re.compile(r"[\w’'-]+")
# Types of a cue-less quote that can continue the statement before it (not a phrase).
CONTINUED_TYPES = ("direct", "block")
# A quoted word or phrase this short, named with a present-tense cue ("what the leader
# calls “experience”"), refers back to the speaker's earlier quote that holds it. Four
# words covers stock phrases ("heroic flexibility", "no war, no negotiation").
BACK_REFERENCE_MAX_WORDS = 4
# Words before the cue searched for a pluperfect auxiliary ("he had long said": the
# auxiliary, at most one adverb, then the cue; three leaves room for a subject pronoun).
PERFECT_WINDOW_WORDS = 3
# Bases of a date counted from the text (not the document fallback).
_FROM_TEXT = ("explicit", "relative")


@dataclass(frozen=True)
class StatementDate:
    """What the time stage writes into an attribution."""

    value: str | None = None
    granularity: str | None = None
    basis: str = "unknown"
    start: int | None = None
    end: int | None = None

    @classmethod
    def of(cls, resolved: ResolvedExpression) -> StatementDate:
        e = resolved.expression
        return cls(resolved.value, resolved.granularity, resolved.basis, e.start, e.end)

    def fields(self) -> dict:
        return {"said_on": self.value, "said_on_granularity": self.granularity, "said_on_basis": self.basis,
                "said_on_start": self.start, "said_on_end": self.end}


UNKNOWN = StatementDate()


def _anchor(a: Attribution) -> tuple[int, int]:
    if a.cue_start is not None and a.cue_end is not None:
        return a.cue_start, a.cue_end
    return a.content_start, a.content_end


def _inside(e: TemporalExpression, start: int, end: int) -> bool:
    return start <= e.start and e.end <= end


@dataclass
class DocumentDates:
    """Everything the per-attribution choice needs, computed once per document."""

    document: Document
    attributions: list[Attribution]
    vocabulary: Vocabulary
    reference: Reference | None = None
    index: TextIndex = None
    resolved: list[ResolvedExpression] = field(default_factory=list)
    used: dict[int, set[str]] = field(default_factory=dict)  # expression start -> speakers it dated
    lead: ResolvedExpression | None = None  # the day of the lead's event, if the lead gives one
    lead_speakers: frozenset[str] = frozenset()
    by_speaker: dict[str, StatementDate] = field(default_factory=dict)  # latest 'relative' day date
    previous: tuple[Attribution, StatementDate] | None = None  # the attribution dated just before
    stated: dict[int, StatementDate] = field(default_factory=dict)  # expression start -> its date
    quoted: list[tuple[Attribution, StatementDate]] = field(default_factory=list)  # dated so far

    @classmethod
    def build(cls, document: Document, attributions: list[Attribution], vocabulary: Vocabulary) -> DocumentDates:
        text = document.text
        start, end = document.body_start, document.body_end
        if not 0 <= start < end <= len(text):
            start, end = 0, len(text)
        reference = Reference.from_document(document.published, document.published_range)
        contents = [(a.content_start, a.content_end) for a in attributions]
        chrome = [(cut.start, cut.end) for cut in document.body_excluded]
        found = [e for e in find_expressions(text, start, end) if not any(s < e.end and e.start < t for s, t in chrome)]
        free = [e for e in found if not any(_inside(e, s, t) for s, t in contents)]
        quoted = [e for e in found if e not in free]
        resolved = resolve_all(free, reference) + resolve_all(quoted, reference)
        resolved.sort(key=lambda r: r.expression.start)
        index = TextIndex(text, start, end, frozenset(vocabulary.abbreviations))
        dates = cls(document, attributions, vocabulary, reference, index, resolved)
        dates.find_lead()
        return dates

    # -- the lead's event ------------------------------------------------------------------

    def find_lead(self) -> None:
        """The first day counted from the document ("yesterday", "on Monday") in the first
        paragraph, and who the sentence holding it names or quotes. An explicit date there
        ("On May 14, ...") is more often background than the news of the day."""
        if not self.index.paragraphs:
            return
        first = self.index.paragraphs[0]
        dateline = self.document.published_span
        for r in self.resolved:
            e = r.expression
            if not _inside(e, *first) or r.granularity != "day" or not self._free(r) or r.basis != "relative":
                continue
            if dateline is not None and dateline.start < e.end and e.start < dateline.end:
                continue
            i = self.index.sentence_index(e.start)
            if i is None:
                return
            sentence = self.index.sentences[i]
            self.lead, self.lead_speakers = r, self._named_in(sentence[0], e.start) | self._quoted_in(*sentence)
            return

    def _named_in(self, start: int, end: int) -> frozenset[str]:
        """Speakers whose every name part text[start:end] spells out (the lead's subject
        comes before its date: "Ayatollah Ali Khamenei yesterday rejected ...")."""
        words = {w.lower() for w in _WORD.findall(self.document.text, start, end)}
        speakers = {a.speaker for a in self.attributions if a.speaker != "unknown"}
        return frozenset(s for s in speakers if all(part in words for part in s.split("-")))

    def _quoted_in(self, start: int, end: int) -> frozenset[str]:
        return frozenset(a.speaker for a in self.attributions if start <= _anchor(a)[0] < end) - {"unknown"}

    # -- step 1: the anchor's own sentence -------------------------------------------

    def _allowed(self, r: ResolvedExpression, a: Attribution, anchor: tuple[int, int]) -> bool:
        e = r.expression
        if not e.can_date or r.after_reference or _inside(e, a.content_start, a.content_end):
            return False
        for other in self.attributions:
            if other is not a and _inside(e, other.content_start, other.content_end):
                # Inside someone's content: allowed only when `a` is nested in that content.
                if not (other.content_start <= anchor[0] < other.content_end):
                    return False
        return True

    def _blocked(self, e: TemporalExpression, anchor: tuple[int, int]) -> bool:
        """A new clause (", and ...", ";") between the expression and the cue cuts them apart;
        an aside set off by commas (", while still president,") does not."""
        low, high = (e.end, anchor[0]) if e.end <= anchor[0] else (anchor[1], e.start)
        text = self.document.text
        return any(not (_ASIDE.match(m.group(0)) and "," in text[m.end() : high])
                   for m in _CLAUSE_BREAK.finditer(text, low, high))

    def in_sentence(self, a: Attribution, anchor: tuple[int, int]) -> ResolvedExpression | None:
        i = self.index.sentence_index(anchor[0])
        if i is None:
            return None
        s_start, s_end = self.index.sentences[i]
        candidates = [r for r in self.resolved
                      if _inside(r.expression, s_start, s_end) and self._allowed(r, a, anchor)
                      and not self._blocked(r.expression, anchor)]
        if not candidates:
            return None
        return min(candidates, key=lambda r: _distance(r.expression, anchor))

    def footnote(self, anchor: tuple[int, int]) -> ResolvedExpression | None:
        """The date in the note that a marker ("[i]") in the anchor's sentence points to."""
        i = self.index.sentence_index(anchor[0])
        if i is None:
            return None
        text = self.document.text
        for marker in _FOOTNOTE.finditer(text, *self.index.sentences[i]):
            note = re.compile(rf"^\s*{re.escape(marker.group(0))}[^\n]*", re.M)
            hit = None
            for hit in note.finditer(text, marker.end()):
                pass  # the last line opening with the marker is the note itself
            if hit is None:
                continue
            dated = [r for r in resolve_all(find_expressions(text, hit.start(), hit.end()), self.reference)
                     if r.expression.can_date and r.value]
            if dated:
                return dated[-1]
        return None

    # -- steps 2 and 4: dates given in earlier sentences ---------------------------------

    def earlier(self, anchor: tuple[int, int], *, frames_only: bool, speaker: str = "unknown",
                reach: int = MAX_CARRY_SENTENCES) -> ResolvedExpression | None:
        """The latest usable expression in the previous sentences of the anchor's paragraph
        (with frames_only: a sentence-opening one, or one that dated this speaker)."""
        i = self.index.sentence_index(anchor[0])
        if i is None:
            return None
        for j in range(i - 1, max(-1, i - 1 - reach), -1):
            s_start, s_end = self.index.sentences[j]
            if not self.index.same_paragraph(s_start, anchor[0]):
                return None
            found = [r for r in self.resolved
                     if _inside(r.expression, s_start, s_end) and self._free(r)
                     and (not frames_only or self._dated_speaker(r, speaker)
                          or (self._frame(r, s_start) and not self._frames_others(r, speaker)))]
            if found:
                return found[-1]
        return None

    def _dated_speaker(self, r: ResolvedExpression, speaker: str) -> bool:
        return speaker != "unknown" and speaker in self.used.get(r.expression.start, ())

    def _frames_others(self, r: ResolvedExpression, speaker: str) -> bool:
        """A frame that dated only other named speakers ("On Monday, Rafsanjani said ...")
        does not carry to a named speaker of a later sentence ("In New York, Pérez ...")."""
        dated = self.used.get(r.expression.start, set())
        return speaker != "unknown" and bool(dated) and "unknown" not in dated and speaker not in dated

    def _free(self, r: ResolvedExpression) -> bool:
        e = r.expression
        return e.can_date and not r.after_reference and not any(
            _inside(e, a.content_start, a.content_end) for a in self.attributions)

    def _frame(self, r: ResolvedExpression, sentence_start: int) -> bool:
        before = self.document.text[sentence_start : r.expression.start]
        return "," not in before and len(_WORD.findall(before)) <= LEADING_MAX_WORDS

    def opens_with_anaphor(self, anchor: tuple[int, int]) -> bool:
        i = self.index.sentence_index(anchor[0])
        if i is None:
            return False
        opening = self.document.text[self.index.sentences[i][0] : self.index.sentences[i][1]].lstrip(" “\"‘'").lower()
        return _opening_word(tuple(self.vocabulary.anaphora), r"(?:\s*,|\s)").match(opening) is not None

    def opens_with_pronoun(self, a: Attribution) -> bool:
        """"He replied that ...": only a subject pronoun between the sentence start and the cue."""
        i = self.index.sentence_index(a.cue_start) if a.cue_start is not None else None
        if i is None:
            return False
        before = self.document.text[self.index.sentences[i][0] : a.cue_start].strip(" “\"‘'").lower()
        return before in self.vocabulary.subject_pronouns

    # -- step 3: what has no single date -------------------------------------------------

    def habitual(self, a: Attribution) -> bool:
        v = self.vocabulary
        cue = (a.cue or "").lower()
        if self._present_tense(a):
            return True  # generic present: "he contends", "Tehran calls"
        if any(adverb in cue for adverb in v.habitual_adverbs if " " in adverb):
            return True
        after = self.document.text[a.cue_end or 0 : (a.cue_end or 0) + 40].lower()
        if _opening_word(tuple(v.habitual_adverbs), r"\b", r"\s*").match(after):
            return True  # "has said more than once"
        before = self.document.text[max(0, (a.cue_start or 0) - 80) : a.cue_start or 0]
        clause = re.split(r"[,;:.“”\"]", before)[-1]
        words = [w.lower() for w in _WORD.findall(clause)][-HABITUAL_WINDOW_WORDS:]
        return any(w in v.habitual_adverbs for w in words)

    def reports_a_report(self, a: Attribution) -> bool:
        return any(other is not a and other.cue_start is not None
                   and a.content_start <= other.cue_start < a.content_end for other in self.attributions)

    def document_date(self) -> StatementDate:
        if self.reference is None or self.reference.earliest.year != self.reference.latest.year:
            return UNKNOWN
        span = self.document.published_span
        return StatementDate(f"{self.reference.earliest.year:04d}", DOCUMENT_FALLBACK_GRANULARITY, "document",
                             span.start if span else None, span.end if span else None)

    # -- the whole choice ------------------------------------------------------------------

    def date_of(self, a: Attribution) -> StatementDate:
        found = self.back_reference(a) or self._date_of(a)
        self.quoted.append((a, found))
        if found.basis in _FROM_TEXT:
            self.previous = (a, found)
            if found.basis == "relative" and found.granularity == "day" and a.speaker != "unknown":
                self.by_speaker[a.speaker] = found
        return found

    def _date_of(self, a: Attribution) -> StatementDate:
        anchor = _anchor(a)
        chosen = self.in_sentence(a, anchor)
        if chosen is not None:
            chosen = self.frame_over_background(a, anchor, chosen)
        chosen = chosen or self.footnote(anchor)
        if chosen is None and self.opens_with_anaphor(anchor):
            chosen = self.earlier(anchor, frames_only=False)
        if chosen is not None:
            self.used.setdefault(chosen.expression.start, set()).add(a.speaker)
            return self._stated(chosen)
        if a.cue is None or not re.search(r"\w", a.cue):
            if self.colon_after_speaker(a):
                carried = self.earlier(anchor, frames_only=True, speaker=a.speaker)
                if carried is not None:
                    return self._stated(carried)
            return self.continued(a, anchor)
        if self.habitual(a) or self.reports_a_report(a):
            return UNKNOWN
        carried = self.earlier(anchor, frames_only=True, speaker=a.speaker)
        if carried is None and self.opens_with_pronoun(a):
            carried = self.earlier(anchor, frames_only=False, reach=1)
        if carried is not None:
            return self._stated(carried)
        return self.news_event(a) or self.document_date()

    def colon_after_speaker(self, a: Attribution) -> bool:
        """A colon whose sentence names the speaker before it ("The supreme leader went
        further: “...”"): it takes the frame of the paragraph like a cue does."""
        if a.cue is None or a.cue_start is None or a.speaker_start is None or a.speaker_start >= a.cue_start:
            return False
        i = self.index.sentence_index(a.cue_start)
        return i is not None and i == self.index.sentence_index(a.speaker_start)

    def frame_over_background(self, a: Attribution, anchor: tuple[int, int],
                              chosen: ResolvedExpression) -> ResolvedExpression:
        """A date in the sentence wholly before the date that frames this speaker's
        statement in an earlier sentence is background ("documents seized twenty-nine
        years ago"): the frame wins, unless the cue is a pluperfect ("he had said")."""
        sentence_start = self.index.sentences[self.index.sentence_index(anchor[0])][0]
        if chosen.interval is None or chosen.expression.kind == "chained" or self._frame(chosen, sentence_start):
            return chosen
        frame = self.earlier(anchor, frames_only=True, speaker=a.speaker)
        if frame is None or frame.interval is None or not self._dated_speaker(frame, a.speaker) \
                or chosen.interval.latest >= frame.interval.earliest:
            return chosen
        if self._before_cue_has(a, self.vocabulary.pluperfect_auxiliaries, participial_reach=True):
            return chosen
        return frame

    def _before_cue_has(self, a: Attribution, auxiliaries, *, participial_reach: bool = False) -> bool:
        """An auxiliary in the cue ("had said") or among the last words of its clause ("he
        had said"); with participial_reach, for a participial cue right after a comma
        (", saying"), anywhere in the clause before that comma (the main clause)."""
        if a.cue_start is None:
            return False
        cue_words = [w.lower() for w in _WORD.findall(a.cue or "")]
        if cue_words[:1] and cue_words[0] in auxiliaries:
            return True
        i = self.index.sentence_index(a.cue_start)
        if i is None:
            return False
        clauses = re.split(r"[,;:“”\"]", self.document.text[self.index.sentences[i][0] : a.cue_start])
        words = [w.lower() for w in _WORD.findall(clauses[-1])][-PERFECT_WINDOW_WORDS:]
        if participial_reach and not words and len(clauses) > 1 and cue_words[:1] and cue_words[0].endswith("ing"):
            words = [w.lower() for w in _WORD.findall(clauses[-2])]
        return any(w in auxiliaries for w in words)

    def _stated(self, chosen: ResolvedExpression) -> StatementDate:
        """The chosen expression's date; "a week later" counts from the statement before."""
        e = chosen.expression
        if e.start not in self.stated:
            interval = None
            if e.kind == "chained" and self.previous is not None and self.previous[1].value:
                interval = resolve(e, self.reference, interval_of(self.previous[1].value))
            self.stated[e.start] = StatementDate.of(ResolvedExpression(e, interval) if interval else chosen)
        return self.stated[e.start]

    def continued(self, a: Attribution, anchor: tuple[int, int]) -> StatementDate:
        """A whole quote with no cue, opening the sentence right after a statement of the
        same speaker in one paragraph, shares its date (or its lack of one)."""
        if not self.quoted or a.type not in CONTINUED_TYPES or a.speaker == "unknown":
            return UNKNOWN
        before, found = self.quoted[-1]
        i, j = self.index.sentence_index(anchor[0]), self.index.sentence_index(_anchor(before)[0])
        if before.speaker != a.speaker or i is None or j is None or i - j != 1:
            return UNKNOWN
        opening = self.document.text[self.index.sentences[i][0] : a.content_start]
        if not self._runs_on(before, anchor) or opening.strip(" “\"‘'"):
            return UNKNOWN
        return found

    def _runs_on(self, before: Attribution, anchor: tuple[int, int]) -> bool:
        """The quote is in the paragraph of the statement before it, or opens the next one
        when that statement's quote ran to the end of its paragraph with no closing mark
        (a quotation over paragraphs reopens each paragraph with an opening mark)."""
        if self.index.same_paragraph(_anchor(before)[0], anchor[0]):
            return True
        here, there = self.index.paragraph_index(anchor[0]), self.index.paragraph_index(before.content_start)
        if here is None or there is None or here != there + 1:
            return False
        tail = self.document.text[before.content_end : self.index.paragraphs[there][1]]
        return not tail.strip(" .,!?…")

    def back_reference(self, a: Attribution) -> StatementDate | None:
        """"What the leader calls “experience”": the date of that speaker's earlier quote
        holding the word, when the cue is a present-tense naming verb."""
        words = _WORD.findall(a.content)
        if a.speaker == "unknown" or not words or len(words) > BACK_REFERENCE_MAX_WORDS or not self._present_tense(a):
            return None
        phrase = re.compile(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b", re.I)
        for before, found in reversed(self.quoted):
            if before.speaker == a.speaker and found.basis in _FROM_TEXT and phrase.search(before.content):
                return found
        return None

    def _present_tense(self, a: Attribution) -> bool:
        first = (a.cue or "").lower().split()[:1]
        return bool(first) and re.fullmatch(r"[a-z]+s", first[0]) is not None and not first[0].endswith("ss") \
            and first[0] not in self.vocabulary.not_present_tense

    def news_event(self, a: Attribution) -> StatementDate | None:
        """The same speaker's latest day counted from the document, or the lead's day."""
        if a.speaker == "unknown":
            return None
        if a.speaker in self.by_speaker:
            return self.by_speaker[a.speaker]
        if self.lead is not None and a.speaker in self.lead_speakers and self.lead.expression.start < _anchor(a)[0]:
            return StatementDate.of(self.lead)
        return None


@lru_cache(maxsize=16)
def _opening_word(words: tuple[str, ...], after: str, before: str = "") -> re.Pattern:
    """One pattern for "`before`, one of `words`, `after`" at the start of a text: it
    matches where one pattern per word would (the vocabulary is read for every statement)."""
    if not words:
        return re.compile(r"(?!)")
    return re.compile(before + "(?:" + "|".join(re.escape(w) for w in words) + ")" + after)


def _distance(e: TemporalExpression, anchor: tuple[int, int]) -> int:
    return max(0, e.start - anchor[1], anchor[0] - e.end)


def date_statements(document: Document, attributions: list[Attribution],
                    vocabulary: Vocabulary | None = None) -> list[StatementDate]:
    """The StatementDate of each attribution, in the order given."""
    if not attributions:
        return []
    dates = DocumentDates.build(document, attributions, vocabulary or load_vocabulary())
    order = sorted(range(len(attributions)), key=lambda k: _anchor(attributions[k]))
    result: list[StatementDate] = [UNKNOWN] * len(attributions)
    for k in order:  # text order, so an earlier attribution's date can carry over
        result[k] = dates.date_of(attributions[k])
    return result
