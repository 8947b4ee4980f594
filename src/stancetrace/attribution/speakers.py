"""Speaker mentions and their canonical actors.

`mention_span(tok)` chooses the words that name the speaker; `SpeakerResolver` turns a
mention into an actor id through the actor KB (names, aliases, roles held on a date,
"his successor", "his father", "the president" as the one president named just before),
and third-person pronouns into the owner of the phrase they sit in ("Khamenei's resolve
to expand the strategy he calls ...") or else the nearest earlier subject, when that
subject is compatible (a person of the pronoun's gender). A person we cannot name
standing nearer blocks the pronoun: the speaker is then `unknown`, never a guess and
never the article's main figure by default. `refine_speakers` re-checks names and roles
on each statement's own date once the time stage has dated it.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from dataclasses import dataclass

from .parse_cache import doc_text, entity_at
from .speaker_mentions import in_reported_clause, naming_token, relative_antecedent, speaker_token, subjects
from .speaker_rules import OFFICE_RELATIONS, SpeakerRules, load_speaker_rules

UNKNOWN = "unknown"
NAME_ENTS = ("PERSON", "ORG", "GPE", "NORP", "FAC")
# Children that belong to a common-noun mention ("Some in the Trump administration").
MENTION_DEPS = ("det", "amod", "compound", "poss", "nummod", "quantmod", "advmod", "prep", "case", "nmod", "predet")
# How far back (characters) a pronoun looks for its antecedent; two short paragraphs.
PRONOUN_WINDOW_CHARS = 700
# Confidence given to each way of finding a speaker (ordered by how often each is right
# on the seeds: names rarely mislead, pronouns and roles more often).
CONFIDENCE = {"named": 0.95, "alias": 0.85, "role": 0.75, "pronoun": 0.7, "inherited": 0.6, "group": 0.6}
# Modifiers of a group noun that can name the state or organisation it speaks for.
GROUP_MODIFIER_DEPS = ("amod", "compound", "nmod", "poss")
# Prepositions that take a quantifier's group: "Some in the administration", "many of them".
GROUP_PREPS = ("in", "of", "among")
# Kinds of actor a group speaks for (a person's name makes a collective that person's state).
GROUP_KINDS = ("state", "organisation")
PLURAL_TAGS = ("NNS", "NNPS")
HYPHEN = "-"
POSSESSIVE_CASE_DEP = "case"
# Modifiers inside a name that describe it ("the IRGC-affiliated Tasnim News"): the
# mention starts after them.
DESCRIPTOR_POS = ("VERB",)
# A role phrase ("Iran's president", "the Majlis speaker") is short; a longer possessive
# phrase names someone else's aide. Four words cover every role phrase of the seeds.
ROLE_MAX_WORDS = 4
# Statement dates the time stage found in the text (not just the document's date).
TEXT_BASES = ("explicit", "relative")
PERSON_KIND = "person"
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# How far a pronoun climbs the parse to the phrase whose owner it may mean ("Khamenei's
# determination to expand the strategy he calls": four steps).
POSSESSOR_MAX_CLIMB = 5
# How far back (characters) "the president" looks for the one president named before it.
ROLE_ANAPHOR_WINDOW_CHARS = 1000
# Characters after a speaker mention read for the report noun it may modify ("statements").
REPORT_NOUN_LOOKAHEAD_CHARS = 40
# An undated statement is looked up over the year before its document: news reports
# recent remarks, and a year keeps a namesake who took office since (or left) apart.
UNDATED_LOOKBACK = dt.timedelta(days=365)

__all__ = ["UNKNOWN", "Resolved", "SpeakerResolver", "mention_span", "refine_speakers", "speaker_token"]


def mention_span(tok) -> tuple[int, int]:
    """Token span of the speaker mention headed by `tok`."""
    tok = naming_token(tok) or tok
    if tok.pos_ == "PRON":
        group = _quantified(tok)
        return (tok.i, group.right_edge.i + 1) if group is not None else (tok.i, tok.i + 1)
    if tok.ent_type_ in NAME_ENTS and tok.ent_iob_ in ("B", "I"):
        ent = entity_at(tok.doc, tok.i)
        if ent is not None:
            described = [c.i for c in tok.children if c.dep_ == "amod" and c.pos_ in DESCRIPTOR_POS
                         and ent.start <= c.i < tok.i]
            end = ent.end
            while end - 1 > tok.i and tok.doc[end - 1].dep_ == POSSESSIVE_CASE_DEP:
                end -= 1  # "Khamenei’s": the entity took the possessive ending along
            return (max(described) + 1 if described else ent.start), end
    start, end = tok.i, tok.i + 1
    for child in tok.children:
        if child.dep_ in MENTION_DEPS:
            if child.i < tok.i:
                start = min(start, child.left_edge.i)
            elif child.dep_ == "prep":
                end = max(end, child.right_edge.i + 1)
    return start, _hyphenated_end(tok.doc, end)


def _hyphenated_end(doc, end: int) -> int:
    """Run a mention on through a name the tokenizer split at hyphens ("Sobh-e-Sadegh")."""
    while end < len(doc) and not doc[end - 1].whitespace_ and (
            doc[end].text == HYPHEN or doc[end - 1].text == HYPHEN and doc[end].text.isalpha()):
        end += 1
    return end - 1 if doc[end - 1].text == HYPHEN else end


def _quantified(tok):
    """The group a quantifying pronoun takes from its phrase ("Some in the administration")."""
    from .speaker_rules import load_speaker_rules

    if tok.text.lower() not in load_speaker_rules().group_quantifiers:
        return None
    for child in tok.children:
        if child.dep_ == "prep" and child.text.lower() in GROUP_PREPS:
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def _kb():
    try:
        from ..actors import load_kb
    except ImportError:
        return None
    try:
        return load_kb()
    except Exception:  # noqa: BLE001 - a broken KB must not fail extraction; speakers stay unknown
        return None


def _as_date(value: str | None) -> dt.date | None:
    span = date_span(value)
    return span[0] if span else None


def date_span(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day a YYYY, YYYY-MM or YYYY-MM-DD value covers."""
    if not value:
        return None
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], monthrange(*parts)[1])
        day = dt.date(*parts[:3])
        return day, day
    except (ValueError, TypeError):
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
    kind: str | None = None


@dataclass
class Antecedent:
    """A subject earlier in the document: resolved, or a person we could not name."""

    at: int  # character offset
    resolved: Resolved
    person: bool = True  # names a person (so an unresolved one blocks pronouns)


class SpeakerResolver:
    """Canonical speakers for one document; remembers antecedents by position."""

    def __init__(self, document, kb=None, rules: SpeakerRules | None = None):
        self.kb = kb if kb is not None else _kb()
        self.rules = rules or load_speaker_rules()
        self.on = document_dates(document)
        self.text = getattr(document, "text", "") or ""
        self.antecedents: dict[int, Antecedent] = {}

    def _facts(self, actor_id: str) -> tuple[str | None, str | None]:
        try:
            actor = self.kb.actor(actor_id)
        except Exception:  # noqa: BLE001 - an id the KB does not know has no facts
            return None, None
        return getattr(actor, "gender", None), getattr(actor, "kind", None)

    def resolved(self, actor_id: str, method: str, confidence: float) -> Resolved:
        return Resolved(actor_id, method, confidence, *self._facts(actor_id))

    def _match(self, text: str, on=None, names: bool = True) -> Resolved:
        if self.kb is None or text.strip().lower() in self.rules.pronouns:
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
                match = self._holder(text, on)
                method = "role"
        except Exception:  # noqa: BLE001 - KB errors leave the speaker unknown
            return Resolved()
        if match is None:
            return Resolved()
        method = getattr(match, "method", method) if method == "named" else method
        method = method if method in CONFIDENCE else "named"
        conf = min(CONFIDENCE[method], float(getattr(match, "confidence", 1.0) or 1.0))
        return self.resolved(match.actor_id, method, conf)

    def _holder(self, text: str, on):
        """Who holds the office a role phrase names on `on` ("the new leader" = the leader)."""
        if not on:
            return None
        found = self.kb.holder(text, on)
        plain = " ".join(w for w in text.split() if not self.rules.qualifies(w))
        if found is None and plain != text:
            found = self.kb.holder(plain, on)
        return found

    # ---- antecedents -------------------------------------------------------------------

    def _is_person(self, tok, found: Resolved) -> bool:
        if found.speaker != UNKNOWN:
            return found.kind in (None, PERSON_KIND)
        return tok.ent_type_ == "PERSON" or tok.lemma_.lower() in self.rules.person_nouns

    def note_subjects(self, doc, base: int, quoted: list[bool]) -> None:
        """Remember the writer's sentence subjects as possible antecedents of pronouns."""
        if self.kb is None:
            return
        doc_chars = doc_text(doc)
        for tok in subjects(doc, quoted, self.rules.non_referring):
            s, e = mention_span(tok)
            at = base + doc[s].idx
            text = doc_chars[doc[s].idx : doc[e - 1].idx + len(doc[e - 1].text)]
            found = self.resolve(tok, text, at)
            if found.speaker == UNKNOWN and in_reported_clause(tok):
                continue  # an unnamed person inside someone's reported words blocks no pronoun
            if found.speaker != UNKNOWN or self._is_person(tok, found):
                self.antecedents.setdefault(at, Antecedent(at, found, self._is_person(tok, found)))

    def note_subject(self, at: int, text: str) -> None:
        """Remember one named subject as a possible antecedent."""
        found = self._match(text)
        if found.speaker != UNKNOWN:
            self.antecedents.setdefault(at, Antecedent(at, found))

    def _antecedent(self, at: int, pronoun: str) -> Resolved:
        """The nearest earlier subject a pronoun can mean; unknown when the nearest person
        is one we cannot name or is of the other gender with no nearer candidate."""
        want = self.rules.pronouns.get(pronoun)
        if want is None:
            return Resolved()  # "I", "we", "it", "they", "nothing": not resolved
        for pos in sorted((p for p in self.antecedents if p < at), reverse=True):
            if at - pos > PRONOUN_WINDOW_CHARS:
                break
            ante = self.antecedents[pos]
            found = ante.resolved
            if found.speaker == UNKNOWN:
                if ante.person:
                    return Resolved()  # someone we cannot name stands nearer
                continue
            if found.kind not in (None, PERSON_KIND):
                continue  # a state or an organisation is not "he"
            if found.gender is None:
                return Resolved()  # a person of unknown gender stands nearer
            if found.gender == want:
                return found
        return Resolved()

    def resolve(self, tok, text: str, at: int) -> Resolved:
        """The canonical speaker of the mention `text` headed by `tok` at offset `at`."""
        if self.kb is None:
            return Resolved()
        tok = naming_token(tok) or tok
        antecedent = relative_antecedent(tok)
        if antecedent is not None:  # "Kamin, who said": the mention is "who", Kamin speaks
            return self._resolve_span(antecedent, at - tok.idx)
        group = _quantified(tok) if tok.pos_ == "PRON" else None
        if group is not None:
            return self._group(group)
        if tok.pos_ == "PRON":
            found = self._possessor(tok, at)
            if found.speaker == UNKNOWN:
                found = self._antecedent(at, tok.text.lower())
            if found.speaker == UNKNOWN:
                return Resolved()
            return Resolved(found.speaker, "pronoun", CONFIDENCE["pronoun"], found.gender, found.kind)
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        relation = self.rules.relations.get(tok.lemma_.lower())
        if relation and owner is not None:
            return self._related(owner, relation, at)
        if owner is not None and owner.pos_ == "PRON":
            return Resolved()  # "his father", "her adviser": someone else, not named here
        named = tok.pos_ == "PROPN" or tok.ent_type_ in NAME_ENTS
        found = self._match(text, names=named)
        if found.speaker == UNKNOWN and not named:
            found = self._role_anaphor(text, at)
        if found.speaker == UNKNOWN and tok.dep_ in GROUP_MODIFIER_DEPS:
            found = self._modifier_state(tok)
        return found if found.speaker != UNKNOWN else self._group(tok)

    def _possessor(self, pronoun, at: int) -> Resolved:
        """ "Khamenei's determination to expand the strategy he calls “resistance”": a
        pronoun inside a phrase whose owner is a person of its gender means that owner.
        The climb stops at a clause with a subject of its own."""
        want = self.rules.pronouns.get(pronoun.text.lower())
        node = pronoun
        for _ in range(POSSESSOR_MAX_CLIMB):
            if node.head.i == node.i:
                break
            node = node.head
            if node.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECT_DEPS and c.i != pronoun.i for c in node.children):
                break
            owner = next((c for c in node.children if c.dep_ == "poss" and c.i < pronoun.i), None)
            if owner is None or node.pos_ not in ("NOUN", "PROPN"):
                continue
            if want is None or owner.pos_ == "PRON":
                break
            found = self._resolve_span(owner, at - pronoun.idx)
            return found if found.kind == PERSON_KIND and found.gender == want else Resolved()
        return Resolved()

    def _role_anaphor(self, text: str, at: int) -> Resolved:
        """ "... at odds with President Hassan Rohani. The president has said": a role
        phrase several offices answer to means the one person named shortly before who
        held one of them; unknown when none or several did."""
        if not self.on:
            return Resolved()
        plain = " ".join(w for w in text.split() if not self.rules.qualifies(w))
        try:
            roles = set(self.kb.roles_for(plain))
            if not roles:
                return Resolved()
            first, last = self.on if isinstance(self.on, tuple) else (self.on, self.on)
            holders = set()
            for mention in self.kb.find_mentions(self.text[max(0, at - ROLE_ANAPHOR_WINDOW_CHARS) : at]):
                for actor_id in mention.actor_ids:
                    actor = self.kb.actor(actor_id)
                    if any(t.role in roles and t.may_overlap(first, last) for t in getattr(actor, "tenures", ())):
                        holders.add(actor_id)
        except Exception:  # noqa: BLE001 - a KB without these lookups resolves no anaphor
            return Resolved()
        return self.resolved(holders.pop(), "role", CONFIDENCE["role"]) if len(holders) == 1 else Resolved()

    def _modifier_state(self, tok) -> Resolved:
        """ "Recent Iranian statements" -> Iran: a state adjective or name standing as the
        modifier that names a report's source."""
        found = self._speaks_for(tok, collective=False)
        return self.resolved(found.pop(), "group", CONFIDENCE["group"]) if len(found) == 1 else Resolved()

    def _resolve_span(self, tok, base: int) -> Resolved:
        """Resolve the mention headed by `tok`, spanned as `mention_span` spans it (`base`
        is the document offset of the parse's first character)."""
        s, e = mention_span(tok)
        doc = tok.doc
        text = doc_text(doc)[doc[s].idx : doc[e - 1].idx + len(doc[e - 1].text)]
        return self.resolve(tok, text, base + doc[s].idx)

    def _group(self, tok) -> Resolved:
        """ "senior Iranian officials", "IRGC commanders", "the Trump administration": a group
        named by one state or organisation speaks for it; unknown if none or several name it."""
        lemma = tok.lemma_.lower()
        collective = lemma in self.rules.collective_nouns
        if not collective and not (lemma in self.rules.group_nouns and tok.tag_ in PLURAL_TAGS):
            return Resolved()
        found = set()
        for child in tok.children:
            if child.dep_ in GROUP_MODIFIER_DEPS and child.pos_ != "PRON":
                found |= self._speaks_for(child, collective)
        if len(found) != 1:
            return Resolved()
        return self.resolved(found.pop(), "group", CONFIDENCE["group"])

    def _speaks_for(self, tok, collective: bool) -> set[str]:
        """The state or organisation a group modifier names ("Iranian", "IRGC", "Iran's")."""
        from ..actors.names import plain_key

        ent = entity_at(tok.doc, tok.i)
        text = ent.text if ent is not None and ent.end - ent.start > 1 else tok.text
        try:
            state = self.kb.country_of_key(plain_key(tok.text))
            if state:
                return {state}
            match = self.kb.match_name(text, on=self.on)
            actor = self.kb.actor(match.actor_id) if match is not None else None
        except Exception:  # noqa: BLE001 - a KB without these lookups names no group
            return set()
        if actor is None:
            return set()
        if getattr(actor, "kind", None) in GROUP_KINDS:
            return {match.actor_id}
        country = getattr(actor, "country", None)
        return {country} if collective and country else set()

    def _related(self, owner, relation: str, at: int) -> Resolved:
        """ "his successor": the KB relation of the owner (a pronoun or a name)."""
        base = self._antecedent(at, owner.text.lower()) if owner.pos_ == "PRON" else self._match(owner.text)
        if base.speaker == UNKNOWN:
            return Resolved()
        try:
            if relation in OFFICE_RELATIONS:
                match = getattr(self.kb, relation)(base.speaker)
            else:
                match = self.kb.relative(base.speaker, relation)
        except Exception:  # noqa: BLE001 - a KB without the relation leaves it unknown
            return Resolved()
        actor_id = getattr(match, "actor_id", match)
        if not isinstance(actor_id, str):
            return Resolved()
        return self.resolved(actor_id, "role", CONFIDENCE["role"])

    def remember(self, at: int, resolved: Resolved, tok=None) -> None:
        """A speaker mention (headed by `tok`) becomes a possible antecedent of later
        pronouns; an unresolved one that names a person blocks them."""
        if resolved.speaker != UNKNOWN:
            self.antecedents[at] = Antecedent(at, resolved)
        elif tok is not None and self._is_person(self._named_by(tok), resolved):
            self.antecedents.setdefault(at, Antecedent(at, resolved))

    @staticmethod
    def _named_by(tok):
        tok = naming_token(tok) or tok
        return relative_antecedent(tok) or tok

    # ---- statement dates ---------------------------------------------------------------

    def ambiguous(self, mention: str) -> bool:
        """Several KB actors answer to this name ("Khamenei": father or son)."""
        try:
            return len(self.kb.candidates(mention)) > 1
        except Exception:  # noqa: BLE001
            return False

    def reported_state(self, att, attributions: list) -> bool:
        """A state or organisation "speaking" inside someone else's reported words ("Obama
        said that the United States wanted ...") is what that speaker says about it, not
        the state speaking: only a person keeps a nested attribution of their own. A
        state naming a report ("sought to rebut recent U.S. statements that suggested ...")
        made that report, and keeps it."""
        if att.speaker == UNKNOWN or att.cue_start is None or self._facts(att.speaker)[1] in (None, PERSON_KIND):
            return False
        if self._names_a_report(att):
            return False
        return any(o is not att and o.content_start <= att.cue_start < o.content_end and o.speaker != att.speaker
                   for o in attributions)

    def _names_a_report(self, att) -> bool:
        """The speaker mention is the modifier of a report noun ("U.S. statements")."""
        if att.speaker_end is None:
            return False
        following = self.text[att.speaker_end : att.speaker_end + REPORT_NOUN_LOOKAHEAD_CHARS].split()
        word = following[0].strip(".,;:").lower() if following else ""
        return word in self.rules.report_nouns or word.removesuffix("s") in self.rules.report_nouns

    def _recent(self) -> tuple[dt.date, dt.date] | None:
        """The dates an undated statement most likely falls in: the year before the document."""
        on = self.on
        last = on[1] if isinstance(on, tuple) else on
        first = on[0] if isinstance(on, tuple) else on
        return (min(first, last - UNDATED_LOOKBACK), last) if last else None

    def _set(self, att, found: Resolved) -> None:
        att.speaker, att.speaker_method, att.confidence = found.speaker, found.method, found.confidence

    def recheck(self, att) -> None:
        """Re-decide a name or role on the statement's own date; unknown if it does not tell.

        A surname several actors bear ("Khamenei": father or son) is decided on the
        statement's date, or for an undated statement on the year before the document."""
        mention = (att.speaker_mention or "").strip()
        if att.speaker_method in ("pronoun", "inherited") or not mention or mention.lower() in self.rules.pronouns:
            return
        span = date_span(att.said_on)
        ambiguous = self.ambiguous(mention)
        if att.speaker == UNKNOWN:
            found = self._match(mention, on=span or (self._recent() if ambiguous else None), names=mention[:1].isupper())
            if found.speaker != UNKNOWN:
                self._set(att, found)
        elif att.speaker_method in ("named", "alias") and ambiguous:
            self._set(att, self._match(mention, on=span or self._recent()))
        elif att.speaker_method == "role" and span and att.said_on_basis in TEXT_BASES:
            self._set(att, self._match(mention, on=span, names=False))
        if att.speaker == UNKNOWN and ambiguous and att.speaker_start is not None:
            introduced = self._introduced(mention, att.speaker_start)
            if introduced is not None:
                self._set(att, self.resolved(introduced, "named", CONFIDENCE["alias"]))

    def _introduced(self, mention: str, before: int) -> str | None:
        """The one candidate of a shared surname whose full name the document gave earlier
        ("Ayatollah Ali Khamenei ... Khamenei said"); None if none or several were."""
        earlier = self.text[:before]
        found = set()
        for actor_id in self.kb.candidates(mention):
            actor = self.kb.actor(actor_id)
            names = [n for n in (getattr(actor, "name", ""), *getattr(actor, "aliases", ())) if n and n != mention]
            if any(len(n.split()) > 1 and mention in n and n in earlier for n in names):
                found.add(actor_id)
        return found.pop() if len(found) == 1 else None


def refine_speakers(document, attributions: list, kb=None) -> list:
    """Second pass once statements are dated: names and roles are re-checked on the
    statement's own date (an ambiguous surname with no statement date becomes unknown),
    and names and roles still unknown are looked up on it. Pronouns are left as the
    extraction resolved them (it saw the parse; this pass does not)."""
    resolver = SpeakerResolver(document, kb)
    if resolver.kb is None:
        return attributions
    for att in attributions:
        resolver.recheck(att)
    for att in attributions:
        if resolver.reported_state(att, attributions):
            att.speaker, att.speaker_method, att.confidence = UNKNOWN, UNKNOWN, 0.0
    return attributions
