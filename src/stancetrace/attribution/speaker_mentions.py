"""Which tokens may name a speaker: the parse's subject, redirected or refused.

A cue's subject is usually its speaker, but not always the words that name it:
a dateline ("TEHRAN, March 22 — Iran's supreme leader said") stands before the real
subject, a role phrase with an apposed name ("the speaker of the Majlis, Hashemi
Rafsanjani") is named by the name, and a subject the parse found inside the reported
words or across a paragraph break is not the speaker at all. Plain functions over
spaCy tokens, so hand-built parses test them.
"""

from __future__ import annotations

import re

from .parse_cache import doc_text, token_starting_at

# A dateline opens a paragraph with a place in capitals and a comma ("TEHRAN, March 22").
DATELINE_MIN_CHARS = 2  # "US" is not a dateline; "TEHRAN" and "ROME" are
SUBJECT_DEPS = ("nsubj", "nsubjpass")
NAME_ENTS = ("PERSON",)
# Entities that are states or groups; they speak only in their own sentence ("Tehran said").
GROUP_ENTS = ("GPE", "ORG", "NORP")
# Links from a report noun to its reporter ("statements from X", "analysis done by X")
# and the modifiers that can name one ("recent U.S. statements").
REPORTER_DEPS = ("prep", "agent")
MODIFIER_DEPS = ("compound", "amod", "nmod")
# A verb hanging from another verb by one of these heads that verb's reported clause.
REPORTED_DEPS = ("ccomp",)
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
    for child in tok.children:
        if child.dep_ == "appos" and (_is_name(child) or not want_name):
            return child
    return None


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
    return next((c for c in tok.children if c.i < tok.i and c.dep_ in MODIFIER_DEPS and c.ent_type_ in GROUP_ENTS), None)


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
    if not _is_name(tok):
        name = _apposed(tok, want_name=True)
        if name is not None:
            return name
    return tok


def _char(tok, base: int) -> int:
    return base + tok.idx


def speaker_token(tok, base: int, cue: tuple[int, int] | None, content: tuple[int, int]):
    """The token naming the speaker of an attribution, or None when the parse's subject
    cannot be the speaker: it lies inside the reported words, or a paragraph break
    separates it from the cue (the parse ran two paragraphs together)."""
    tok = naming_token(tok)
    if tok is None:
        return None
    at = _char(tok, base)
    if content[0] <= at < content[1]:
        return None
    text = doc_text(tok.doc) if cue is not None else ""
    if cue is not None and (_broken(text, base, at, cue[0]) or _cue_apart(text, base, cue, content)):
        return None
    if cue is not None and tok.ent_type_ in GROUP_ENTS and _reported_clause(tok.doc, cue[0] - base):
        return None
    return tok


def _reported_clause(doc, cue_char: int) -> bool:
    """The cue verb heads a clause someone else reports ("Obama said that the United
    States wanted ..."): a state or a group there is described, not speaking."""
    cue = token_starting_at(doc, cue_char)
    return cue is not None and cue.dep_ in REPORTED_DEPS


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
