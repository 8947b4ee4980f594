"""Which tokens may name a speaker: the parse's subject, redirected or refused.

A cue's subject is usually its speaker, but not always the words that name it:
a dateline ("TEHRAN, March 22 — Iran's supreme leader said") stands before the real
subject, a role phrase with an apposed name ("the speaker of the Majlis, Hashemi
Rafsanjani") is named by the name, a report or a video by its maker ("analysis done
by X", "Obama's video said"), and a subject the parse found inside the reported words or
across a paragraph break is not the speaker at all. The mention nearest the cue is
kept: "who" in "Kamin, who said", the clause's subject for a bound "his"/"their". A
state or a thing inside someone's report gives way to the reporter, a thing the cue
describes ("tweets criticizing X") to whoever used it, and a person standing between
the speaker and the words ("..., and Hamedani reiterated: “...”") takes them from a
colon or leaves them unknown. Plain functions over spaCy tokens, so hand-built parses
test them.
"""

from __future__ import annotations

from collections.abc import Collection

import re

from .parse_cache import doc_ents, doc_text, token_starting_at

# A dateline opens a paragraph with a place in capitals and a comma ("TEHRAN, March 22").
DATELINE_MIN_CHARS = 2  # "US" is not a dateline; "TEHRAN" and "ROME" are
SUBJECT_DEPS = ("nsubj", "nsubjpass")
PERSON_KIND = "person"
COLON = ":"
SOUND_MATCH = "sound"  # how the KB marks a candidate matched only by its spelling-tolerant key
PLURAL_TAGS = ("NNS", "NNPS")
# A possessive pronoun is bound only inside its own clause: the climb to the clause's
# subject stops at a clause of its own.
CLAUSE_BOUNDARY_DEPS = ("ccomp", "relcl", "advcl", "csubj", "parataxis")
NAME_ENTS = ("PERSON",)
# Entities that are states or groups; they speak only in their own sentence ("Tehran said").
GROUP_ENTS = ("GPE", "ORG", "NORP")
# Links from a report noun to its reporter ("statements from X", "analysis done by X")
# and the modifiers that can name one ("recent U.S. statements").
REPORTER_DEPS = ("prep", "agent")
PARTICIPLE_DEP = "acl"
# Labels the parse gives an apposed name it misread ("publication, Sobh-e-Sadegh,").
LOOSE_APPOS_DEPS = ("npadvmod",)
MODIFIER_DEPS = ("compound", "amod", "nmod")
# A verb hanging from another verb by one of these heads that verb's reported clause.
REPORTED_DEPS = ("ccomp",)
CONJUNCT_DEP = "conj"
# Relative pronouns that stand as the subject of a relative clause ("Kamin, who said ...");
# the pronoun is the mention nearest the cue, its antecedent names the speaker.
RELATIVE_PRONOUNS = ("who", "which", "that")
RELATIVE_CLAUSE_DEP = "relcl"
# Clauses that share the subject of the verb they hang from ("who signed X and called
# for Y"), followed upward at most this many steps to reach the relative clause.
SHARED_SUBJECT_DEPS = ("conj", "xcomp", "advcl")
MAX_RELATIVE_CLIMB = 3
# A cue describing a thing ("a letter saying", "tweets that called") hangs from it by one
# of these; the thing is the object (of a verb or of its preposition) of whoever used it.
CARRIED_BY_DEPS = ("acl", "relcl")
CARRIER_OBJECT_DEPS = ("dobj", "pobj")
# Quotation marks, for telling the writer's words from quoted ones between two tokens.
OPENING_MARKS = frozenset("“«‘")
CLOSING_MARKS = frozenset("”»’")
STRAIGHT_MARKS = frozenset({'"', "''", "``"})
QUOTE_MARKS = OPENING_MARKS | CLOSING_MARKS | STRAIGHT_MARKS
# A blank line between two offsets is a paragraph break (a single newline is a wrapped line).
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


def _opens_paragraph(tok) -> bool:
    if tok.i == 0:
        return True
    prev = tok.doc[tok.i - 1]
    return prev.is_space and "\n" in prev.text or prev.text.endswith("\n")


def is_dateline(tok) -> bool:
    """ "TEHRAN, March 22, 2009 — ...": a place in capitals opening a paragraph."""
    word = tok.text
    following = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return (len(word) >= DATELINE_MIN_CHARS and word.isalpha() and word.isupper()
            and following is not None and following.text == "," and _opens_paragraph(tok))


def _is_name(tok) -> bool:
    return tok.ent_type_ in NAME_ENTS


def _apposed(tok, want_name: bool):
    """The phrase apposed to `tok`; with `want_name`, only a name ("the IRGC's weekly,
    Sobh-e-Sadegh" names an outlet as well as "the adviser, Ali Velayati" a person)."""
    common = tok.pos_ == "NOUN" and not tok.ent_type_  # a name is never renamed by another
    for child in tok.children:
        if child.dep_ == "appos" and (not want_name or _is_name(child) or common and child.pos_ == "PROPN"):
            return child
        if want_name and common and _set_off_name(child):
            return child
    return None


def _set_off_name(child) -> bool:
    """A proper name set off by a comma right after its noun that the parse did not call an
    apposition ("publication, Sobh-e-Sadegh," parsed as a modifier)."""
    doc = child.doc
    return child.dep_ in LOOSE_APPOS_DEPS and child.pos_ == "PROPN" and child.i > 0 and doc[child.i - 1].text == ","


def _other_subject(tok):
    """The parse gave the verb two subjects, a dateline and the real one."""
    return next((c for c in tok.head.children if c.dep_ in SUBJECT_DEPS and c.i != tok.i), None)


def _reporter(tok):
    """A report noun gives way to who made the report: "statements from senior officials",
    "a report in Tasnim News", "an analysis by X" -> the object of the phrase; with no
    such phrase, a state or organisation modifier ("recent U.S. statements" -> U.S.)."""
    from .speaker_rules import load_speaker_rules

    rules = load_speaker_rules()
    if tok.lemma_.lower() not in rules.report_nouns or tok.ent_type_:
        return None
    for child in tok.children:
        if child.dep_ in REPORTER_DEPS and child.text.lower() in rules.report_preps:
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
        if child.dep_ == PARTICIPLE_DEP:  # "an analysis done by X", "a report published in Y"
            found = _reporter_of_participle(child, rules)
            if found is not None:
                return found
    return next((c for c in tok.children if c.i < tok.i and c.dep_ in MODIFIER_DEPS and c.ent_type_ in GROUP_ENTS), None)


def _reporter_of_participle(verb, rules):
    for child in verb.children:
        if child.dep_ in REPORTER_DEPS and child.text.lower() in rules.report_preps:
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def _owner(tok):
    """ "Khamenei's interpretation of resistance assumes ...", "Obama's video had said":
    what a person owns and speaks through (a data list of such nouns) is that person's."""
    from .speaker_rules import load_speaker_rules

    if tok.pos_ != "NOUN" or tok.ent_type_ or tok.lemma_.lower() not in load_speaker_rules().owner_nouns:
        return None
    return next((c for c in tok.children if c.dep_ == "poss"), None)


def naming_token(tok):
    """The token whose phrase names the subject `tok`, or None when nothing does.

    A dateline gives way to the phrase apposed to it; a report noun to its reporter
    ("statements from X" -> X); a phrase that is not a name gives way to an apposed
    name ("Khamenei's adviser, Ali Akbar Velayati" -> Velayati)."""
    if is_dateline(tok):
        return _apposed(tok, want_name=False) or _other_subject(tok)
    reporter = _reporter(tok)
    if reporter is not None:
        return naming_token(reporter)
    owner = _owner(tok)
    if owner is not None:
        return naming_token(owner)
    if not _is_name(tok):
        name = _apposed(tok, want_name=True)
        if name is not None:
            return name
    return tok


def _char(tok, base: int) -> int:
    return base + tok.idx


def speaker_token(tok, base: int, cue: tuple[int, int] | None, content: tuple[int, int],
                  reporting_verbs: Collection[str] | None = None):
    """The token naming the speaker of an attribution, or None when the parse's subject
    cannot be the speaker: it lies inside the reported words, or a paragraph break
    separates it from the cue (the parse ran two paragraphs together). `reporting_verbs`:
    the cue lexicon's verbs (None: the shipped lexicon's)."""
    tok = naming_token(tok)
    if tok is None:
        return None
    at = _char(tok, base)
    if content[0] <= at < content[1] and not (cue is not None and content[0] <= cue[0] < content[1]):
        # Inside the words reported (unless the cue is too: "what X said was ..."); a colon
        # still has the subject of the writer's clause before it.
        colon = token_starting_at(tok.doc, cue[0] - base) if cue is not None else None
        before = _subject_before(colon) if colon is not None and colon.text == COLON else None
        if before is None or content[0] <= _char(before, base) < content[1]:
            return None
        return speaker_token(before, base, cue, content, reporting_verbs)
    text = doc_text(tok.doc) if cue is not None else ""
    if cue is not None and (_broken(text, base, at, cue[0]) or _cue_apart(text, base, cue, content)):
        return None
    if cue is not None and not _names_a_person(tok):
        reporter = _reported_clause(tok.doc, base, cue[0] - base, reporting_verbs)
        if reporter is not None:
            # "Obama said that the United States wanted it “to take its place”", "he told
            # worshippers that his people demanded “war until victory”": the words are the
            # reporter's account of a state, a group or a thing, so the reporter speaks.
            return _reporting_subject(reporter)
    bound = _bound_possessive(tok)
    if bound is not None:
        return bound
    cue_tok = token_starting_at(tok.doc, cue[0] - base) if cue is not None else None
    nearer = _person_between(tok, base, cue_tok, content)
    if nearer is not None:
        # A colon introduces the words of the nearest speaker before it ("..., and this
        # past May, General Hamedani reiterated that point: “...”"); any other cue is not theirs.
        return naming_token(nearer) if cue_tok is not None and cue_tok.text == COLON else None
    carrier = _carrier(tok, cue_tok)
    if carrier is not None:
        return carrier
    relative = _relative_pronoun(tok, cue_tok)
    return relative if relative is not None else tok


def _carrier(thing, cue):
    """ "she said at a news conference announcing that ...", "Trump unleashed tweets
    criticizing X": a thing the cue describes (not a person, a group or a name) is what
    the subject of the verb it is the object of used to speak: that subject speaks. A
    report ("cited a report that said") has an author of its own and is left alone."""
    from .speaker_rules import load_speaker_rules

    if cue is None or cue.head.i != thing.i or cue.dep_ not in CARRIED_BY_DEPS:
        return None
    rules = load_speaker_rules()
    lemma = thing.lemma_.lower()
    if thing.pos_ != "NOUN" or thing.ent_type_ or lemma in rules.person_nouns or lemma in rules.group_nouns \
            or lemma in rules.collective_nouns or lemma in rules.report_nouns:
        return None
    verb = thing.head
    if thing.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    if thing.dep_ not in CARRIER_OBJECT_DEPS or verb.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i), None)
    if subject is None or subject.text.lower() in RELATIVE_PRONOUNS:
        return None
    return naming_token(subject)


def _person_between(speaker, base: int, cue, content: tuple[int, int]):
    """A named person is the subject of another clause between the speaker and the words
    ("Velayati said, “...,” and Hamedani reiterated that point: “...”"): those words are
    nearer to that person, so the speaker found for them is not theirs. A person in a
    clause the speaker reports ("said that Rouhani called it “weak”") does not count unless
    a quotation closed that clause first; nor does one inside the speaker's own phrase
    ("a slide that X carries shows") or inside quote marks."""
    from .speaker_rules import load_speaker_rules

    person_nouns = load_speaker_rules().person_nouns
    doc = speaker.doc
    verbs = [v for v in (cue, _clause_verb(speaker)) if v is not None and v.pos_ in ("VERB", "AUX")]
    if not verbs or base + speaker.idx >= content[0]:
        return None
    depth, found = 0, None
    for tok in doc[speaker.right_edge.i + 1 :]:
        if base + tok.idx >= content[0]:
            break
        depth = _quote_depth(tok, depth)
        if depth or tok.dep_ not in SUBJECT_DEPS or any(tok.head.i == v.i for v in verbs):
            continue
        if not (_is_name(tok) or tok.pos_ == "NOUN" and tok.lemma_.lower() in person_nouns):
            continue
        if not any(_reports_into(tok.head, v) and not _quote_between(doc, v, tok) for v in verbs):
            found = tok
    return found


def _quote_depth(tok, depth: int) -> int:
    """Depth of quotation after `tok` (curly and guillemet marks nest; a straight mark
    opens at depth 0 and closes otherwise)."""
    if tok.text in OPENING_MARKS:
        return depth + 1
    if tok.text in CLOSING_MARKS:
        return max(0, depth - 1)
    if tok.text in STRAIGHT_MARKS:
        return depth - 1 if depth else 1
    return depth


def _clause_verb(tok):
    """The verb whose clause `tok` belongs to (through appositions and compounds)."""
    while tok.head.i != tok.i and tok.pos_ not in ("VERB", "AUX"):
        tok = tok.head
    return tok if tok.pos_ in ("VERB", "AUX") else None


def _reports_into(verb, cue) -> bool:
    """`verb` lies in a clause the cue reports ("said that Rouhani had told him")."""
    while verb.head.i != verb.i:
        if verb.dep_ in REPORTED_DEPS and verb.head.i == cue.i:
            return True
        verb = verb.head
    return False


def _quote_between(doc, a, b) -> bool:
    """Quote marks stand between two tokens: a quotation ended the cue's own clause."""
    return any(t.text in QUOTE_MARKS for t in doc[a.i + 1 : b.i])


def _subject_before(colon):
    """The nearest subject before a colon in its sentence, outside quote marks and not a
    relative pronoun ("Khamenei’s interpretation ... assumes ... those who resist:")."""
    depth, found = 0, None
    for tok in colon.doc[colon.sent.start : colon.i]:
        depth = _quote_depth(tok, depth)
        if not depth and tok.dep_ in SUBJECT_DEPS and tok.text.lower() not in RELATIVE_PRONOUNS:
            found = tok
    return found


def _relative_pronoun(antecedent, cue):
    """ "Mr. Kamin, who emphasized that ...": the relative pronoun subject of the clause the
    cue heads (or shares a subject with), when that clause hangs from `antecedent`."""
    verb = cue
    for _ in range(MAX_RELATIVE_CLIMB + 1):
        if verb is None:
            return None
        if verb.dep_ == RELATIVE_CLAUSE_DEP:
            if verb.head.i != antecedent.i:
                return None
            return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS
                         and c.text.lower() in RELATIVE_PRONOUNS), None)
        if any(c.dep_ in SUBJECT_DEPS for c in verb.children) or verb.dep_ not in SHARED_SUBJECT_DEPS:
            return None
        verb = verb.head
    return None


def relative_antecedent(tok):
    """The noun a relative pronoun subject stands for ("who" in "Kamin, who said" -> Kamin)."""
    if tok.text.lower() in RELATIVE_PRONOUNS and tok.dep_ in SUBJECT_DEPS and tok.head.dep_ == RELATIVE_CLAUSE_DEP:
        return tok.head.head
    return None


def _reported_clause(doc, base: int, cue_char: int, reporting_verbs: Collection[str] | None):
    """The reporting verb when the cue verb heads a clause someone else reports ("Obama
    said that the United States wanted ..."): a state or a group there is described, not
    speaking. The reporting verb is a cue of the lexicon ("which form what Tehran calls"
    reports nothing), comes first and in the same paragraph (a clause the parse hung from
    a later verb, or across a paragraph break, ran two sentences together)."""
    if reporting_verbs is None:
        from .lexicon import load_lexicon

        reporting_verbs = load_lexicon().verbs
    cue = token_starting_at(doc, cue_char)
    while cue is not None and cue.dep_ == CONJUNCT_DEP and not any(c.dep_ in SUBJECT_DEPS for c in cue.children):
        cue = cue.head  # "said that talks had brought nothing and called them ...": one clause
    if cue is None or cue.dep_ not in REPORTED_DEPS or cue.head.i > cue.i:
        return None
    head = cue.head
    if head.lemma_.lower() not in reporting_verbs:
        return None
    if _broken(doc_text(doc), base, base + head.idx, base + cue_char):
        return None
    return head


def _reporting_subject(verb):
    """The subject of a reporting verb, as its naming token; None for a relative pronoun."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or subject.text.lower() in RELATIVE_PRONOUNS:
        return None
    return naming_token(subject)


def _names_a_person(tok) -> bool:
    """A person, or a pronoun that may stand for one: such a subject speaks for itself
    even inside someone else's report ("Obama said that Netanyahu called it “a mistake”")."""
    from .speaker_rules import load_speaker_rules

    if tok.pos_ == "PRON" or _is_name(tok):
        return True
    if tok.lemma_.lower() in load_speaker_rules().person_nouns:
        return True
    return tok.ent_type_ not in GROUP_ENTS and tok.pos_ == "PROPN" or _known_person(tok)


def _known_person(tok) -> bool:
    """The actor KB knows the entity's words as a person's name (the parse tagged
    "Khamenei" a place)."""
    try:
        from ..actors import load_kb

        kb = load_kb()
        ent = next((e for e in doc_ents(tok.doc) if e.start <= tok.i < e.end), None)
        found = {a: how for a, how in kb.candidates(ent.text if ent is not None else tok.text).items()
                 if how != SOUND_MATCH}  # "people" only sounds like a name
        return bool(found) and all(getattr(kb.actor(a), "kind", None) == PERSON_KIND for a in found)
    except Exception:  # noqa: BLE001 - without a KB nothing is known
        return False


def _bound_possessive(tok):
    """ "Trump highlighted his message that ...", "Iranian statements have been
    unwavering in their pledge to ...": a possessive pronoun in the clause of a subject
    it agrees with, and no other candidate between them, is that subject."""
    from .speaker_rules import load_speaker_rules

    rules = load_speaker_rules()
    wants = rules.possessives.get(tok.text.lower())
    if tok.dep_ != "poss" or wants is None:
        return None
    verb, subject = tok.head, None
    while subject is None:
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < tok.i), None)
        if subject is not None or verb.head.i == verb.i or verb.dep_ in CLAUSE_BOUNDARY_DEPS:
            break
        verb = verb.head
    if subject is None or subject.pos_ == "PRON" or not _agrees(subject, wants, rules):
        return None
    if any(_is_name(t) or t.lemma_.lower() in rules.person_nouns for t in tok.doc[subject.right_edge.i + 1 : tok.i]):
        return None
    return naming_token(subject)


def _agrees(subject, wants: str, rules) -> bool:
    """A subject a possessive can mean: a person for "his"/"her", a group for "their"."""
    lemma = subject.lemma_.lower()
    if wants == "person":
        return _is_name(subject) or lemma in rules.person_nouns
    plural = subject.tag_ in PLURAL_TAGS or lemma in rules.collective_nouns
    return plural or subject.ent_type_ in GROUP_ENTS


def _broken(text: str, base: int, a: int, b: int) -> bool:
    """A paragraph break lies between two document offsets (`text` starts at `base`)."""
    lo, hi = sorted((a, b))
    return bool(_PARAGRAPH_BREAK.search(text, max(0, lo - base), max(0, hi - base)))


def paragraph_break(text: str, a: int, b: int) -> bool:
    """A paragraph break lies between two offsets of `text` (in either order)."""
    return _broken(text, 0, a, b)


def _cue_apart(text: str, base: int, cue: tuple[int, int], content: tuple[int, int]) -> bool:
    """The cue sits in another paragraph than its content, and not as a colon introduction
    ("he declared:" before a set-off quotation): the parse joined two paragraphs."""
    if cue[1] <= content[0]:
        gap = text[max(0, cue[0] - base) : max(0, content[0] - base)]
        return bool(_PARAGRAPH_BREAK.search(gap)) and not gap.rstrip().rstrip("“\"‘«").rstrip().endswith(":")
    return cue[0] >= content[1] and _broken(text, base, content[1], cue[0])


def in_reported_clause(tok) -> bool:
    """The token lies in a clause a verb reports ("warned that a wrestler must never
    forget"): someone described in another's words, not a person the writer brings in."""
    while tok.head.i != tok.i:
        if tok.dep_ in REPORTED_DEPS:
            return True
        tok = tok.head
    return False


def subjects(doc, quoted: list[bool], non_referring: frozenset[str] = frozenset()):
    """Subjects of the writer's sentences (outside quotes), as naming tokens, in order,
    each followed by a named possessor ("Khomeini's last year" -> Khomeini): the possible
    antecedents of later pronouns. "any president" refers to no one and is left out."""
    for tok in doc:
        if tok.dep_ not in SUBJECT_DEPS or quoted[tok.i] or tok.pos_ == "PRON":
            continue
        if any(c.dep_ == "det" and c.text.lower() in non_referring for c in tok.children):
            continue
        named = naming_token(tok)
        if named is None:
            continue
        yield named
        owner = next((c for c in named.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
        if owner is not None:
            yield owner
