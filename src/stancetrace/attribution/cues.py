"""Cues found in a parsed Doc: the reporting word, its speaker token and its content.

`find_cues(doc, lexicon, quoted)` is a plain function over a spaCy `Doc` (hand-built
parses work). It reads only the dependency parse, lemmas and part-of-speech tags;
`quoted[i]` is True for tokens inside quotation marks, which never act as cues.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import Lexicon

SUBJECT_DEPS = ("nsubj", "csubj")
RELATIVE_CLAUSE_DEP = "relcl"
# "He's said ...": the contracted "has" of a perfect, which the parse reads as a passive "is".
PAST_TAGS = ("VBN", "VBD")  # the parse tags "said" after "'s" either way
RELATIVE_PRONOUNS = ("who", "that", "which", "whom")
# Clauses whose missing subject is their head's: "saying ...", "and added ...",
# "went on to describe", "were more likely to say" (through the adjective). Followed
# upward at most this many steps.
INHERIT_SUBJECT_DEPS = ("advcl", "xcomp", "conj", "acl", "pcomp", "acomp")
MAX_SUBJECT_CLIMB = 3
# Clauses that describe a noun (relative and participle clauses).
NOUN_CLAUSE_DEPS = ("relcl", "acl")
# "began by saying ...", "After saying he was nervous, the man asked ...": a clause that
# is the object of one of these prepositions (pcomp) takes the subject of the verb the
# preposition hangs from ("without saying", "for backing" describe, they do not report).
PREPOSITION_DEP = "prep"
MANNER_PREPOSITIONS = ("by", "after", "before", "upon", "while")
# A participle ("emphasizing", "saying") the parse made the sentence root takes the subject
# of a clause before it that hangs from it by one of these relations.
PARTICIPLE_TAG = "VBG"
PARTICIPLE_HOSTS = ("ccomp", "advcl")
# A past participle modifying a noun ("the offer rejected ...") says what was done to it.
PASSIVE_PARTICIPLE_TAG = "VBN"
# A report noun standing as the object of a verb ("delivered a speech", "in a letter")
# belongs to that verb's subject.
REPORT_NOUN_DEPS = ("dobj", "pobj")
# A gerund clause after a cue is what was said or proposed ("suggested boycotting Apple",
# "said having Trump at the top ... puts"): the parse hangs it as an open complement with no
# "to", or as the object.
GERUND_TAG = "VBG"
GERUND_DEPS = ("xcomp", "dobj")
# An NP object shorter than this is rarely the content of a report ("denounced it").
NP_MIN_WORDS = 2
# Prepositions whose object is the content of an np-frame cue ("rail against X").
NP_PREPOSITIONS = ("against", "of", "for", "about")
# Dependents that carry the label of a name-frame cue ("called it poison": oprd; the
# small English model also attaches the label as xcomp or ccomp).
LABEL_DEPS = ("oprd", "xcomp", "ccomp")
# A stance adjective complementing "be" ("were willing to", "is critical of") hangs from
# the copula by this relation in the English models.
ADJECTIVE_DEP = "acomp"
# Content the parse put before its cue: "That was what X said" (a wh-word object of a cue
# that is the predicate of "be": a pseudo-cleft; "reviews what he said" is no report) and
# "People like Scott, he said" (a fragment the parse leaves as an unlabelled dependent,
# set off from the cue by a comma).
WH_OBJECT_TAGS = ("WP",)
FRONTED_FRAGMENT_DEPS = ("dep",)
# A modal reaches a cue through at most this many infinitive links ("would have to
# explain": one; "would need to be able to say": two).
MAX_MODAL_CLIMB = 2
# Punctuation that ends one clause and starts another: a cue set inside the second one
# reports only it.
CLAUSE_BREAKS = (";",)
# A speech tag closing its sentence after a comma ("..., she said.", "..., Kaine insisted
# Thursday") that the parse hung from the clause before it as an adverbial clause or a
# conjunct instead of as parataxis; the subject (with its titles) and the verb are at most
# this many tokens after the comma.
TRAILING_TAG_DEPS = ("advcl", "conj")
TRAILING_TAG_MAX_TOKENS = 12
# How a report hangs from the head of the clause it shares ("Tehran will not cooperate, the
# leader said": parataxis): one that reaches the head another way is inside the clause.
MAIN_CLAUSE_LINKS = ("parataxis", "conj")
# A content piece beside "according to X" has at least this many words ("That's
# according to ..." leaves one).
PHRASE_MIN_WORDS = 2
# Relations of a sentence adverbial to its clause.
ADVERBIAL_DEPS = ("advmod", "prep", "npadvmod", "cc")
# Relations of a participle modifying a noun ("a show called ...", "so-called").
NOUN_MODIFIER_DEPS = ("acl", "amod")
# Clauses hanging from a cue that a mark opens ("for ... to", "if", "whether").
CLAUSE_DEPS = ("advcl", "ccomp")
QUESTION_MARKS = ("if", "whether")
# Tokens dropped from the edges of a content span.
EDGE_WORDS = ("that", "whether")
PUNCT_EDGES = set(",.;:—–-()[]") | {"--"}
CLOSING_MARKS = set("”’»\"'")


@dataclass
class CueHit:
    """One reporting cue: token span of the cue, its speaker token, its content span."""

    start: int  # first cue token
    end: int  # one past the last cue token
    head: int  # the cue's head token (the verb, "according", the noun)
    speaker: int | None
    content: tuple[int, int] | None  # token span, end exclusive
    frames: frozenset[str]
    kind: str  # verb | phrase | noun
    extra: tuple[tuple[int, int], ...] = ()  # a second content piece (cue in the middle)
    author: bool = False  # the writer's own voice ("I've written"): kept for quotes only


def _subject(tok, lexicon: Lexicon):
    """The token naming who speaks for a cue verb, or None."""
    for _ in range(MAX_SUBJECT_CLIMB + 1):
        child = _nearest_subject(tok)
        if child is not None:
            if child.text.lower() in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
                return tok.head
            return _owner(child, lexicon)
        for child in tok.children:
            if child.dep_ == "agent":
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return _owner(grand, lexicon)
        contracted = _contracted_perfect(tok, lexicon)
        if contracted is not None:
            return _owner(contracted, lexicon)
        if any(c.dep_ in ("nsubjpass", "expl") for c in tok.children):
            return None  # "it was said that": no speaker
        if tok.dep_ == "acl" and tok.tag_ == PASSIVE_PARTICIPLE_TAG:
            return None  # "a cancer condemned to disappear": the noun is what was acted on
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            return _deliverer(tok.head, lexicon) or _owner(tok.head, lexicon)  # "a letter saying ..."
        if tok.dep_ == "ROOT" and tok.tag_ == PARTICIPLE_TAG:
            return _misparsed_participle(tok, lexicon)
        if tok.dep_ not in INHERIT_SUBJECT_DEPS or tok.head.i == tok.i:
            return None
        if tok.dep_ == "conj" and _subject_between(tok.head, tok):
            return None  # "A recounted how B dubbed X and said Y": whose "said" is unclear
        if tok.dep_ == "pcomp" and tok.head.dep_ == PREPOSITION_DEP and \
                tok.head.lower_ in MANNER_PREPOSITIONS and tok.head.head.pos_ in ("VERB", "AUX"):
            tok = tok.head  # "began by saying": on to the verb the preposition hangs from
        tok = tok.head
    return None


def _contracted_perfect(tok, lexicon: Lexicon):
    """ "He's said he'll fight": "'s" is "has", which the parse read as a passive "is"; with a
    reported clause after the verb ("He's said to be furious" has none) the subject speaks."""
    subject = next((c for c in tok.children if c.dep_ == "nsubjpass" and c.i < tok.i), None)
    if subject is None or subject.lower_ in lexicon.expletive_subjects or tok.tag_ not in PAST_TAGS:
        return None
    contracted = any(c.dep_ == "auxpass" and c.lower_ in lexicon.contracted_has for c in tok.children)
    return subject if contracted and any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children) else None


def _nearest_subject(tok):
    """The verb's subject; of two (a heading run into the paragraph: "Powerful Supreme
    Leader\n\nIn a speech, Khamenei reiterated"), the one nearest before the verb."""
    found = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
    if len(found) > 1:
        before = [c for c in found if c.i < tok.i]
        return before[-1] if before else found[0]
    return found[0] if found else None


def _misparsed_participle(tok, lexicon: Lexicon):
    """ "Khomeini welcomed the war ..., repeatedly emphasizing that ...": the parse made the
    participle the root and the writer's clause before it its complement; that clause's
    subject is the one speaking."""
    for child in tok.children:
        if child.dep_ in PARTICIPLE_HOSTS and child.i < tok.i:
            subject = _nearest_subject(child)
            if subject is not None and subject.text.lower() not in RELATIVE_PRONOUNS:
                return _owner(subject, lexicon)
    return None


def _deliverer(noun, lexicon: Lexicon):
    """ "The Supreme Leader delivered a speech saying ...", "Soleimani published a letter
    reiterating ...": a report noun with no owner of its own is its verb's subject's."""
    if noun.lemma_.lower() not in lexicon.nouns or any(c.dep_ == "poss" for c in noun.children):
        return None
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    if noun.dep_ not in REPORT_NOUN_DEPS or verb.pos_ not in ("VERB", "AUX"):
        return None
    subject = _nearest_subject(verb)
    return _owner(subject, lexicon) if subject is not None and subject.text.lower() not in RELATIVE_PRONOUNS else None


def _subject_between(head, tok) -> bool:
    """Another clause's subject sits between a conjunct and the head it hangs from; the
    subject of a clause describing a noun ("attacked loopholes that benefit others, and
    has called for ...") names no one who could speak the conjunct."""
    return any(t.dep_ in SUBJECT_DEPS and t.head.i != head.i and t.head.dep_ not in NOUN_CLAUSE_DEPS
               for t in head.doc[head.i + 1 : tok.i])


def _owner(tok, lexicon: Lexicon):
    """A report noun stands for its owner: "Khamenei's letter read" -> Khamenei."""
    if tok.lemma_.lower() in lexicon.nouns:
        for child in tok.children:
            if child.dep_ == "poss":
                return child
    return tok


def _trim(doc, start: int, end: int, quoted) -> tuple[int, int] | None:
    while start < end and (doc[start].text.lower() in EDGE_WORDS or doc[start].text in PUNCT_EDGES or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_space or (doc[end - 1].is_punct and doc[end - 1].text not in CLOSING_MARKS)):
        end -= 1
    # A closing mark left without its opener is the writer's punctuation.
    if end > start and doc[end - 1].text in CLOSING_MARKS and not quoted[end - 1] and not quoted[start]:
        end -= 1
    return (start, end) if end > start else None


def _subtree_span(tok) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def _content(tok, frames: frozenset[str], quoted, particle: str | None = None):
    doc = tok.doc
    children = list(tok.children)
    for child in children:
        if particle and child.lower_ == particle and child.dep_ in CLAUSE_DEPS + LABEL_DEPS:
            # "made it clear that ...": the clause hangs from the particle or from the cue
            clause = _marked_clause(child, ("that",)) or _marked_clause(tok, ("that",))
            if clause is not None:
                return _trim(doc, *clause, quoted)
        if child.dep_ == "ccomp" and child.i > tok.i or (child.dep_ == "ccomp" and "that" in frames):
            return _trim(doc, *_subtree_span(child), quoted)
    if "that" in frames:
        fronted = _fronted(tok)
        if fronted is not None:
            return _trim(doc, *fronted, quoted)
    if "to" in frames:
        for child in children:
            if child.dep_ == "xcomp" and any(g.text.lower() == "to" for g in child.children):
                return _trim(doc, *_subtree_span(child), quoted)
    if frames & {"that", "np"}:
        gerund = _gerund(tok)
        if gerund is not None:
            return _trim(doc, *_subtree_span(gerund), quoted)
    for marks in ((particle,) if particle else (), QUESTION_MARKS if "whether" in frames else ()):
        clause = _marked_clause(tok, marks)
        if clause is not None:
            return _trim(doc, *clause, quoted)
    if "name" in frames:
        label = _label(tok)
        if label is not None:
            return _trim(doc, *label, quoted)
    if "np" in frames:
        if particle:  # "accused Trump of using ...", "asked Carson about ...": the particle's object
            children = [c for c in _particle_places(tok) if c.dep_ == "prep" and c.lower_ == particle] + children
        for child in children:
            if child.dep_ in ("dobj", "pobj") or (child.dep_ == "prep" and child.lower_ in NP_PREPOSITIONS + (particle,)):
                span = _subtree_span(child)
                if child.dep_ == "prep":
                    span = (span[0] + 1, span[1])
                if span[1] - span[0] >= NP_MIN_WORDS or _is_name(doc, span):
                    return _trim(doc, *span, quoted)
    return _passive_subject(tok, quoted)


def _gerund(tok):
    """ "suggested boycotting Apple", "endorsed making it harder to enter": a gerund clause
    after the cue, with no "to" and no subject of its own before it."""
    return next((c for c in tok.children if c.i > tok.i and c.dep_ in GERUND_DEPS and c.tag_ == GERUND_TAG
                 and not any(g.lower_ == "to" and g.i < c.i for g in c.children)), None)


def _relative_object(tok, quoted) -> tuple[int, int] | None:
    """ "the establishment he rails against", "a fact he frequently mentions": a cue in a
    relative clause whose subject is its own and whose object is the noun the clause
    describes reports that noun (without the clause)."""
    if tok.dep_ != RELATIVE_CLAUSE_DEP or tok.head.pos_ not in ("NOUN", "PROPN") or tok.head.i > tok.i:
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in tok.children):
        return None
    subject = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or subject.lower_ in RELATIVE_PRONOUNS:
        return None
    return _trim(tok.doc, tok.head.left_edge.i, tok.head.i + 1, quoted)


def _marked_clause(tok, marks) -> tuple[int, int] | None:
    """A clause after the cue opened by one of `marks`: "calling for [the US to step up]"
    (the cue's particle), "asked workers [if they planned to attend]" (an indirect
    question); the mark itself is left out."""
    for child in tok.children:
        if child.i > tok.i and child.dep_ in CLAUSE_DEPS:
            mark = next((g for g in child.children if g.dep_ == "mark" and g.lower_ in marks), None)
            if mark is not None:
                start, end = _subtree_span(child)
                return (mark.i + 1 if mark.i == start else start), end
    return None


def _passive_subject(tok, quoted) -> tuple[int, int] | None:
    """ "The meeting was first reported by Politico": a passive cue with a "by" agent
    reports its subject."""
    subject = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if subject is None or not any(c.dep_ == "agent" for c in tok.children):
        return None
    return _trim(tok.doc, *_subtree_span(subject), quoted)


def _as_report(tok, frames: frozenset[str], quoted) -> bool:
    """ "As the Post reported today, [the inspector issued subpoenas]": a cue in an "as"
    clause vouches for the clause it hangs from."""
    return "that" in frames and tok.dep_ == "advcl" and not quoted[tok.head.i] and \
        any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)


def _is_name(doc, span: tuple[int, int]) -> bool:
    """A one-word object that names someone ("endorsed Cruz", "attacked Trump") is content
    though a one-word pronoun ("denounced it") is not."""
    return span[1] - span[0] == 1 and doc[span[0]].pos_ == "PROPN"


def _fronted(tok) -> tuple[int, int] | None:
    """Content before its cue with no clause of its own: "what X said", "People like
    Scott, he said"."""
    for child in tok.children:
        if child.i > tok.i:
            break
        if child.dep_ == "dobj" and child.tag_ in WH_OBJECT_TAGS and tok.head.lemma_ == "be":
            return child.i, child.i + 1
        follower = tok.doc[child.right_edge.i + 1] if child.right_edge.i + 1 < len(tok.doc) else None
        if child.dep_ in FRONTED_FRAGMENT_DEPS and follower is not None and follower.text == ",":
            return _subtree_span(child)
    return None


def _label(tok) -> tuple[int, int] | None:
    """ "called the charges unsubstantiated", "described X as Y": the object and its label."""
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    if obj is None:
        return None
    for child in tok.children:
        if child.i > obj.i and (child.dep_ in LABEL_DEPS or child.dep_ == "prep" and child.lower_ == "as"):
            return obj.left_edge.i, child.right_edge.i + 1
    return None


def _trailing_tag(tok, frames: frozenset[str], quoted) -> bool:
    """ "The Internet has made it possible ..., she said.", "..., Tim Kaine insisted Thursday
    during a tour": a cue set off by a comma at the end of its sentence, with no mark or
    conjunction of its own, tags the clause before it (which the parse made its head)."""
    if "that" not in frames or tok.dep_ not in TRAILING_TAG_DEPS or quoted[tok.head.i] or tok.head.i > tok.i:
        return False
    doc, first = tok.doc, tok.left_edge.i
    if first == 0 or doc[first - 1].text != "," or tok.i - first > TRAILING_TAG_MAX_TOKENS:
        return False
    if not any(c.dep_ in SUBJECT_DEPS for c in tok.children):
        return False  # ", adding ...", ", telling ...": a participle, not a tag
    if any(c.dep_ in ("mark", "cc", "advmod") and c.i < tok.i and c.tag_ in ("IN", "CC", "WRB") for c in tok.children):
        return False  # "because she said", "and she said", "when he said"
    return all(t.is_punct or t.is_space for t in doc[tok.right_edge.i + 1 : tok.sent.end])


def _parataxis(tok, quoted) -> tuple[tuple[int, int] | None, tuple[tuple[int, int], ...]]:
    """ "Tehran will not cooperate, he said" / "This campaign, he says, is different":
    the clause the cue hangs from, minus the cue's own words (one or two pieces)."""
    doc, head = tok.doc, tok.head
    left = _trim(doc, _clause_start(doc, head.left_edge.i, tok.left_edge.i), tok.left_edge.i, quoted)
    right = _trim(doc, tok.right_edge.i + 1, head.right_edge.i + 1, quoted)
    pieces = [p for p in (left, right) if p and not _adverbial(doc, p)]
    return (pieces[0], tuple(pieces[1:])) if pieces else (None, ())


def _clause_start(doc, start: int, end: int) -> int:
    """Where the clause holding a parenthetical cue begins: after the last clause break
    before it ("A; instead, he contends, B" reports B)."""
    for i in range(end - 1, start - 1, -1):
        if doc[i].text in CLAUSE_BREAKS:
            return i + 1
    return start


def _adverbial(doc, span: tuple[int, int]) -> bool:
    """A piece that only modifies the clause ("Still, he said, officials must decide", "In
    the end, he said, ..."): the writer's link, not part of the report. A subject set before
    the cue ("Iran, he insisted, would prevail") is."""
    heads = [t for t in doc[span[0] : span[1]] if not span[0] <= t.head.i < span[1]]
    return bool(heads) and all(t.dep_ in ADVERBIAL_DEPS or t.is_punct for t in heads)


def _no_one(speaker, lexicon: Lexicon) -> bool:
    """ "Nothing in his record suggests ...", "No official said ...": a subject that names
    no one reports nothing."""
    return speaker is not None and (speaker.lower_ in lexicon.empty_subjects or
                                    any(c.dep_ == "det" and c.lower_ == "no" for c in speaker.children))


def _writer_question(verb, speaker) -> bool:
    """ "Was the Supreme Leader simply responding to a snub?": the writer asks whether a
    report happened (the sentence opens with an auxiliary before the subject and ends
    with a question mark); nothing is attributed."""
    words = [t for t in verb.sent if not t.is_space and not t.is_punct or t.text == "?"]
    return speaker is not None and len(words) > 1 and words[-1].text == "?" and \
        words[0].pos_ == "AUX" and words[0].i < speaker.i


def _is_author(speaker, lexicon: Lexicon, quoted) -> bool:
    """The writer's own voice: "I've written", "we argue" (outside quotation marks)."""
    return speaker is not None and speaker.text.lower() in lexicon.author_subjects and not quoted[speaker.i]


def _filtered(tok, lexicon: Lexicon) -> bool:
    for child in tok.children:
        if child.dep_ == "mark" and child.text.lower() in lexicon.conditional_marks:
            return True
    return any(child.dep_ == "aux" and child.text.lower() in lexicon.hypothetical_aux
               for verb in _modal_chain(tok) for child in verb.children)


def _modal_chain(tok):
    """The cue and the verbs it is the infinitive of ("would first have to explain",
    "would still need to show"): a modal on any of them makes the report hypothetical."""
    yield tok
    for _ in range(MAX_MODAL_CLIMB):
        if tok.dep_ != "xcomp" or tok.head.i == tok.i:
            return
        tok = tok.head
        yield tok


def _has_verb(doc, span: tuple[int, int]) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in doc[span[0] : span[1]])


def _source_pieces(doc, before, after, reported: set[int]) -> list[tuple[int, int]]:
    """What "according to X" vouches for: the rest of its sentence, one piece on each side.
    A piece of a single word ("That's according to ...") names nothing; a piece holding a
    report of its own ("..., the leader said, according to the agency") is that report's;
    after a whole clause, a tail that is a new conjunct or a verbless aside ("..., according
    to filings, a huge sum") is the writer's."""
    pieces = [p for p in (before, after) if p and _word_count(doc, p) >= PHRASE_MIN_WORDS
              and not any(p[0] <= h < p[1] and _reports_piece(doc[h], p) for h in reported)]
    if before in pieces and after in pieces and _has_verb(doc, before) and \
            (doc[after[0]].pos_ == "CCONJ" or not _has_verb(doc, after)):
        pieces.remove(after)
    return pieces


def _reports_piece(verb, piece: tuple[int, int]) -> bool:
    """The reporting verb is the piece's own main clause ("Tehran will not cooperate, the
    leader said") rather than a report inside it ("she led among voters who believe that
    ...", "as many people expected"): it is the piece's head, or reaches it through
    parataxis and coordination only."""
    tok = verb
    while piece[0] <= tok.head.i < piece[1] and tok.head.i != tok.i:
        if tok.dep_ not in MAIN_CLAUSE_LINKS:
            return False
        tok = tok.head
    return True


def _word_count(doc, span: tuple[int, int]) -> int:
    return sum(1 for t in doc[span[0] : span[1]] if not t.is_punct and not t.is_space)


def _phrase_hits(doc, lexicon: Lexicon, quoted, reported: set[int] = frozenset()) -> list[CueHit]:
    """ "according to X": `reported` holds the heads of the sentence's reporting verbs
    that have a speaker of their own."""
    hits = []
    lowers = [t.text.lower() for t in doc]
    starts: dict[str, list[int]] = {}  # word -> where it occurs: a phrase is tried only there
    for i, word in enumerate(lowers):
        starts.setdefault(word, []).append(i)
    for phrase in lexicon.source_phrases:
        n = len(phrase)
        if not n:
            continue  # a blank phrase in the lexicon names no source
        for i in starts.get(phrase[0], ()):
            if i > len(doc) - n:
                break
            if tuple(lowers[i : i + n]) != phrase or quoted[i]:
                continue
            last = doc[i + n - 1]
            speaker = next((c for c in last.children if c.dep_ == "pobj"), None)
            if speaker is None and i + n < len(doc) and doc[i + n].pos_ in ("PROPN", "NOUN", "DET"):
                speaker = doc[i + n]
            if speaker is None:
                continue
            hit = _source_hit(doc, i, i + n, speaker, quoted, reported)
            if hit is not None:
                hits.append(hit)
    for tok in doc:
        nouns = lexicon.source_objects.get(tok.lower_)
        if nouns and tok.dep_ == PREPOSITION_DEP and not quoted[tok.i] and _modifies_main_clause(tok):
            source = next((c for c in tok.children if c.dep_ == "pobj" and c.lemma_.lower() in nouns), None)
            hit = _source_hit(doc, tok.i, tok.i + 1, source, quoted, reported) if source is not None else None
            if hit is not None:
                hits.append(_whole_clause(hit, doc, quoted))
    return hits


def _whole_clause(hit: CueHit, doc, quoted) -> CueHit:
    """A source phrase inside its clause ("Trump leads Clinton by 8 points in the survey,
    taken July 11-14") vouches for the whole sentence, not for the pieces around it."""
    if not hit.extra:
        return hit
    sent = doc[hit.start].sent
    whole = _trim(doc, sent.start, sent.end, quoted) or hit.content
    return CueHit(hit.start, hit.end, hit.head, hit.speaker, whole, hit.frames, hit.kind)


def _modifies_main_clause(prep) -> bool:
    """ "In the poll, Clinton led", "Kasich was at 25 percent in the Fox poll": the phrase
    hangs from the sentence's main verb; "his support in the poll" or "Rubio, who is third in
    many polls" describe a noun or a clause inside the sentence."""
    head = prep.head
    return head.i == head.sent.root.i and head.pos_ in ("VERB", "AUX")


def _source_hit(doc, start: int, end: int, speaker, quoted, reported) -> CueHit | None:
    """A source phrase (tokens start..end) naming `speaker`: it vouches for the rest of its
    sentence, one piece on each side (`_source_pieces`)."""
    sent = doc[start].sent
    phrase_end = max(speaker.right_edge.i + 1, end)
    before = _trim(doc, sent.start, start, quoted)
    after = _trim(doc, phrase_end, sent.end, quoted)
    pieces = _source_pieces(doc, before, after, reported)
    if not pieces:
        return None
    return CueHit(start, end, start, speaker.i, pieces[0], frozenset({"that"}), "phrase", tuple(pieces[1:]))


def _noun_owner(tok, lexicon: Lexicon):
    """Whose report a report noun is: "Iran's claim", "claims by intelligence agencies",
    else the subject of the verb it hangs from ("Trump stirred controversy with an
    assertion that ...", that subject found as for a cue verb)."""
    for child in tok.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            agent = next((g for g in child.children if g.dep_ == "pobj"), None)
            if agent is not None:
                return agent
    head = tok.head.head if tok.dep_ == "pobj" else tok.head
    if head.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
    return subject if subject is not None else _subject(head, lexicon)


def _noun_hits(tok, lexicon: Lexicon, quoted) -> CueHit | None:
    """ "the assertion that X", "Iran's claim to be X": a report noun with a clause."""
    for child in tok.children:
        is_clause = child.dep_ in ("acl", "ccomp") and any(
            g.dep_ in ("mark", "aux") and g.text.lower() in ("that", "to") for g in child.children
        )
        if not is_clause:
            continue
        speaker = _noun_owner(tok, lexicon)
        if speaker is None:
            return None  # "with a call to open talks": no one's report, as for verbs
        content = _trim(tok.doc, *_subtree_span(child), quoted)
        if content:
            return CueHit(tok.i, tok.i + 1, tok.i, speaker.i, content, frozenset({"that"}), "noun")
    return _noun_object_hit(tok, lexicon, quoted)


def _noun_object_hit(tok, lexicon: Lexicon, quoted) -> CueHit | None:
    """ "Trump's calls for a ban", "voiced criticism of the deal": a report noun whose
    prepositional object is what was said. Its owner must be explicit (a possessive, "by",
    or the subject of a verb that produces the report: "raised questions about")."""
    preps = lexicon.noun_objects.get(tok.lemma_.lower())
    if not preps:
        return None
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in preps), None)
    obj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if obj is None:
        return None
    speaker = _explicit_owner(tok, lexicon)
    content = _trim(tok.doc, *_subtree_span(obj), quoted)
    if speaker is None or content is None:
        return None
    return CueHit(tok.i, prep.i + 1, tok.i, speaker.i, content, frozenset({"np"}), "noun")


def _explicit_owner(tok, lexicon: Lexicon):
    """The possessive or "by" agent of a report noun, or the subject of the cue verb or
    producing verb ("raised questions about") whose object it is; None otherwise ("faced
    questions about" is asked of someone, not asking)."""
    owner = next((c for c in tok.children if c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "by"), None)
    if owner is not None and owner.dep_ == "prep":
        owner = next((g for g in owner.children if g.dep_ == "pobj"), None)
    if owner is not None:
        return owner
    verb = tok.head
    if tok.dep_ != "dobj" or verb.pos_ != "VERB":
        return None
    lemma = verb.lemma_.lower()
    if lemma not in lexicon.verbs and lemma not in lexicon.producing_verbs:
        return None
    return _subject(verb, lexicon)


def _predicate_adjective(tok) -> bool:
    """ "Republicans are confident that ...", "Graham was critical of Trump": an adjective
    complementing "be" is read like a verb (same lexicon); its subject and modals are the
    copula's."""
    return tok.pos_ == "ADJ" and tok.dep_ == ADJECTIVE_DEP and tok.head.lemma_ == "be"


def _naming_participle(tok, lexicon: Lexicon) -> bool:
    """ "a play called “Sons of Trump”", "the hacker known as “Guccifer”", "the so-called
    ‘special relationship’": a naming verb's past participle modifying a noun, with no "by"
    agent, names the thing; no one is reporting."""
    return tok.tag_ == "VBN" and tok.dep_ in NOUN_MODIFIER_DEPS and tok.lemma_.lower() in lexicon.naming_participles \
        and not any(c.dep_ == "agent" for c in tok.children)


def poll_subject(verb, lexicon: Lexicon) -> bool:
    """ "56 percent want ...", "a majority of voters think ...", "4 in 10 say ...": the
    cue's subject is a share of a poll's respondents."""
    subject = _nearest_subject(verb)
    if subject is None:
        return False
    words = list(subject.subtree)
    if any(t.lower_ in lexicon.poll_shares for t in words):
        return True
    return any(a.like_num and b.lower_ == "in" and c.like_num for a, b, c in zip(words, words[1:], words[2:]))


def _particle_places(tok):
    """Where a cue's particle may hang: from the cue, as the mark opening its clause ("calls
    for the US to act": "for" hangs from "act"), or from its object ("accused the mayor of
    lying": "of" hangs from "mayor")."""
    for child in tok.children:
        yield child
        if child.dep_ in CLAUSE_DEPS and child.i > tok.i:
            yield from (g for g in child.children if g.dep_ == "mark")
        elif child.dep_ == "dobj":
            yield from (g for g in child.children if g.dep_ == "prep")


def _child_words(tok) -> set[str]:
    """Lower-cased words where the cue's particle may be (`_particle_places`)."""
    return {c.lower_ for c in _particle_places(tok)}


def find_cues(doc, lexicon: Lexicon, quoted: list[bool]) -> list[CueHit]:
    """Every reporting cue of the Doc, with speaker token and content span where found."""
    hits: list[CueHit] = []
    for tok in doc:
        if quoted[tok.i]:
            continue
        adjective = _predicate_adjective(tok)
        if tok.pos_ == "VERB" or (tok.tag_.startswith("VB") and tok.pos_ != "AUX") or adjective:
            child_words = _child_words(tok)
            cue = lexicon.cue_for(tok.lemma_.lower(), child_words)
            if cue is None or cue.particle is None and _naming_participle(tok, lexicon):
                continue
            speaker = _subject(tok.head if adjective else tok, lexicon)
            if _filtered(tok, lexicon) or adjective and _filtered(tok.head, lexicon):
                continue
            if _no_one(speaker, lexicon) or _writer_question(tok.head if adjective else tok, speaker):
                continue
            end = tok.i + 1
            if cue.particle:
                part = next((c for c in _particle_places(tok) if c.lower_ == cue.particle), None)
                # Only a particle right after the verb joins the cue: "rail against", "calls
                # for"; not "accused X of", whose X belongs to the content.
                end = part.i + 1 if part is not None and part.i == tok.i + 1 else end
            content, extra = _content(tok, cue.frames, quoted, cue.particle), ()
            if content is None and "np" in cue.frames:
                content = _relative_object(tok, quoted)
            if content is None and (tok.dep_ == "parataxis" and "that" in cue.frames and not quoted[tok.head.i]
                                    or _as_report(tok, cue.frames, quoted) or _trailing_tag(tok, cue.frames, quoted)):
                content, extra = _parataxis(tok, quoted)
            hits.append(CueHit(tok.i, end, tok.i, speaker.i if speaker is not None else None,
                               content, cue.frames, "verb", extra, _is_author(speaker, lexicon, quoted)))
        elif tok.pos_ == "NOUN" and (tok.lemma_.lower() in lexicon.nouns or tok.lemma_.lower() in lexicon.noun_objects):
            hit = _noun_hits(tok, lexicon, quoted)
            if hit:
                hits.append(hit)
    reported = {h.head for h in hits if h.kind == "verb" and h.speaker is not None}
    hits.extend(_phrase_hits(doc, lexicon, quoted, reported))
    return sorted(hits, key=lambda h: h.start)
