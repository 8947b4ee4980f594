"""Speaker mentions and their canonical actors.

`mention_span(tok)` chooses the words that name the speaker; `SpeakerResolver` turns a
mention into an actor id through the actor KB (names, aliases, roles held on a date,
"his successor"), and pronouns into the nearest compatible subject or the previous
attribution's speaker. When the KB is not installed or does not decide, the speaker is
`unknown`: never a guess, never the article's main figure by default.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

UNKNOWN = "unknown"
NAME_ENTS = ("PERSON", "ORG", "GPE", "NORP", "FAC")
# Children that belong to a common-noun mention ("Some in the Trump administration").
MENTION_DEPS = ("det", "amod", "compound", "poss", "nummod", "quantmod", "advmod", "prep", "case", "nmod", "predet")
# Pronoun -> the KB's gender code (Actor.gender is "m" / "f").
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
PLURAL_PRONOUNS = ("they", "them", "their")
# How far back (characters) a pronoun looks for its antecedent; two short paragraphs.
PRONOUN_WINDOW_CHARS = 700
# Confidence given to each way of finding a speaker (ordered by how often each is right
# on the seeds: names rarely mislead, pronouns and roles more often).
CONFIDENCE = {"named": 0.95, "alias": 0.85, "role": 0.75, "pronoun": 0.7, "inherited": 0.6}
RELATIONS = ("successor", "predecessor")
# A role phrase ("Iran's president", "the Majlis speaker") is short; a longer possessive
# phrase names someone else's aide. Four words cover every role phrase of the seeds.
ROLE_MAX_WORDS = 4


def mention_span(tok) -> tuple[int, int]:
    """Token span of the speaker mention headed by `tok`."""
    if tok.pos_ == "PRON":
        return tok.i, tok.i + 1
    if tok.ent_type_ in NAME_ENTS and tok.ent_iob_ in ("B", "I"):
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent.start, ent.end
    start, end = tok.i, tok.i + 1
    for child in tok.children:
        if child.dep_ in MENTION_DEPS:
            if child.i < tok.i:
                start = min(start, child.left_edge.i)
            elif child.dep_ == "prep":
                end = max(end, child.right_edge.i + 1)
    return start, end


def _kb():
    try:
        from ..actors import load_kb  # built alongside; absent until it lands
    except ImportError:
        return None
    try:
        return load_kb()
    except Exception:  # noqa: BLE001 - a broken KB must not fail extraction; speakers stay unknown
        return None


def _as_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    try:
        return dt.date(*parts)
    except ValueError:
        return None


def document_dates(document) -> dt.date | tuple[dt.date, dt.date] | None:
    """What a role lookup should be dated by: the document date or its inferred range."""
    if document.published_range:
        lo, hi = (_as_date(d) for d in document.published_range)
        if lo and hi:
            return (lo, hi)
    return _as_date(document.published)


@dataclass
class Resolved:
    speaker: str = UNKNOWN
    method: str = UNKNOWN
    confidence: float = 0.0
    gender: str | None = None


@dataclass
class Antecedent:
    """A resolved, named subject earlier in the document (for pronouns)."""

    at: int  # character offset
    resolved: Resolved


class SpeakerResolver:
    """Canonical speakers for one document; remembers antecedents in reading order."""

    def __init__(self, document, kb=None):
        self.kb = kb if kb is not None else _kb()
        self.on = document_dates(document)
        self.antecedents: list[Antecedent] = []

    def _gender(self, actor_id: str) -> str | None:
        try:
            return getattr(self.kb.actor(actor_id), "gender", None)
        except Exception:  # noqa: BLE001 - an id the KB does not know has no gender
            return None

    def _match(self, text: str, on=None, names: bool = True) -> Resolved:
        if self.kb is None:
            return Resolved()
        on = on or self.on
        possessive = "’s " in text or "'s " in text
        if possessive and len(text.split()) > ROLE_MAX_WORDS:
            return Resolved()  # "Khamenei's senior foreign policy advisor" is not Khamenei
        try:
            # A possessive mention is a role ("Iran's president"), never the owner's name.
            match = self.kb.match_name(text, on=on) if names and not possessive else None
            method = "named"
            if match is None:
                match = self.kb.holder(text, on) if on else None
                method = "role"
        except Exception:  # noqa: BLE001 - KB errors leave the speaker unknown
            return Resolved()
        if match is None:
            return Resolved()
        method = getattr(match, "method", method) if method == "named" else method
        method = method if method in CONFIDENCE else "named"
        conf = min(CONFIDENCE[method], float(getattr(match, "confidence", 1.0) or 1.0))
        return Resolved(match.actor_id, method, conf, self._gender(match.actor_id))

    def note_subject(self, at: int, text: str) -> None:
        """Remember a named subject (from any sentence) as a possible antecedent."""
        resolved = self._match(text)
        if resolved.speaker != UNKNOWN:
            self.antecedents.append(Antecedent(at, resolved))

    def _antecedent(self, at: int, pronoun: str) -> Resolved:
        want = PERSON_PRONOUNS.get(pronoun)
        for ante in reversed(self.antecedents):
            if ante.at >= at:
                continue
            if at - ante.at > PRONOUN_WINDOW_CHARS:
                break
            gender = ante.resolved.gender
            if want and gender != want:
                continue  # "he" is a person of known gender, never a state or a group
            if pronoun in PLURAL_PRONOUNS and gender in ("m", "f"):
                continue
            return ante.resolved
        return Resolved()

    def resolve(self, tok, text: str, at: int) -> Resolved:
        """The canonical speaker of the mention `text` headed by `tok` at offset `at`."""
        if self.kb is None:
            return Resolved()
        low = tok.lower_
        if tok.pos_ == "PRON":
            found = self._antecedent(at, low)
            return Resolved(found.speaker, "pronoun", CONFIDENCE["pronoun"], found.gender) if found.speaker != UNKNOWN else Resolved()
        relation = next((r for r in RELATIONS if tok.lemma_.lower() == r), None)
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if relation and owner is not None:
            base = self._antecedent(at, owner.lower_) if owner.pos_ == "PRON" else self._match(owner.text)
            if base.speaker == UNKNOWN:
                return Resolved()
            try:
                match = getattr(self.kb, relation)(base.speaker)
            except Exception:  # noqa: BLE001
                return Resolved()
            actor_id = getattr(match, "actor_id", match)
            if not isinstance(actor_id, str):
                return Resolved()
            return Resolved(actor_id, "role", CONFIDENCE["role"], self._gender(actor_id))
        return self._match(text, names=tok.pos_ == "PROPN" or tok.ent_type_ in NAME_ENTS)

    def remember(self, at: int, resolved: Resolved) -> None:
        """A resolved speaker becomes a possible antecedent of later pronouns."""
        if resolved.speaker != UNKNOWN:
            self.antecedents.append(Antecedent(at, resolved))


def refine_speakers(document, attributions: list, kb=None) -> list:
    """Second pass once statements are dated: names and roles still unknown are looked
    up on the statement's own date, and pronouns take the nearest earlier resolved
    speaker of the same gender. Only fills `unknown`; never overrides a resolved one."""
    resolver = SpeakerResolver(document, kb)
    if resolver.kb is None:
        return attributions
    for att in sorted(attributions, key=lambda a: (a.speaker_start or a.content_start, a.content_start)):
        at = att.speaker_start if att.speaker_start is not None else att.content_start
        mention = (att.speaker_mention or "").strip()
        if att.speaker == UNKNOWN and mention:
            low = mention.lower()
            if low in PERSON_PRONOUNS or low in PLURAL_PRONOUNS:
                found = resolver._antecedent(at, low)
                if found.speaker != UNKNOWN:
                    att.speaker, att.speaker_method, att.confidence = found.speaker, "pronoun", CONFIDENCE["pronoun"]
            elif att.speaker_method != "inherited":
                on = _as_date(att.said_on) if att.said_on else None
                found = resolver._match(mention, on=on, names=mention[:1].isupper())
                if found.speaker != UNKNOWN:
                    att.speaker, att.speaker_method, att.confidence = found.speaker, found.method, found.confidence
        if att.speaker != UNKNOWN and att.speaker_start is not None:
            resolver.remember(at, Resolved(att.speaker, att.speaker_method, att.confidence, resolver._gender(att.speaker)))
    return attributions
