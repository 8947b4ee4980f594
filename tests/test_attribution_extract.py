"""Assembly of attributions from small texts (needs the spaCy model)."""

from stancetrace.ingest import read_document


def _by_content(atts):
    return {a.content: a for a in atts}


def test_extract_trailing_dash_names_the_speaker(attributions):
    text = ("Voters in Phoenix shared their views of the debate with reporters on Monday night.\n\n"
            "“He is clueless about the struggles of working families.” ― Stephanie Egan\u00a0\n"
            "“He is not ready for the job at all, and he knows it.” ― Martha Aguilar\n\n"
            "The campaign did not comment on the remarks later that evening.")
    atts = _by_content(attributions(text))
    att = atts["He is clueless about the struggles of working families."]
    assert att.type == "direct" and att.speaker_mention == "Stephanie Egan"


def test_extract_cue_opening_the_next_sentence_takes_the_quote(attributions):
    text = "Neither candidate has answered.\n\n“Will you pledge not to issue a pardon to anyone?” he asks.\n\nThe rally ended."
    atts = _by_content(attributions(text))
    assert atts["Will you pledge not to issue a pardon to anyone?"].cue == "asks"


def test_extract_scare_quote_without_speaker_is_dropped(attributions):
    text = "Simply stating a general willingness to talk and providing a “phone number” will not work."
    assert attributions(text) == []


def test_extract_transcript_turns_name_their_speakers(attributions):
    text = ("Pence spoke to Fox News on Sunday.\n\n"
            "\"WALLACE: Will Gennifer Flowers be at the debate tomorrow night?\n\n"
            "\"PENCE: Gennifer Flowers will not be attending the debate tomorrow night.")
    atts = _by_content(attributions(text))
    att = atts["Gennifer Flowers will not be attending the debate tomorrow night"]
    assert att.cue == ":" and att.speaker_mention == "PENCE"


def test_extract_follow_on_quote_without_cue_speaker_inherits(tmp_path):
    """A quote whose cue names no one, after an attribution of the same paragraph with a
    speaker, is read as cue-less and continues that speaker."""
    from stancetrace.attribution.extract import _Builder, _follow_on
    from stancetrace.attribution.lexicon import load_lexicon
    from stancetrace.attribution.quotes import Quote
    from stancetrace.records import Attribution

    body = "“We will wait,” the minister said at noon. “We are watching closely and we will judge.”"
    path = tmp_path / "a.txt"
    path.write_text("A headline\n\n" + body + "\n\nA new paragraph. “Another quote here.”\n", encoding="utf-8")
    document = read_document(path)
    text = document.text
    builder = _Builder(document, load_lexicon())
    first = text.index("We will wait,")
    builder.out.append(Attribution(doc="a.txt", content="We will wait,", content_start=first,
                                   content_end=first + len("We will wait,"), type="direct",
                                   speaker="some-minister", speaker_method="role"))
    second = text.index("We are watching")
    follow = Quote(second - 1, second + 43, second, second + 43, "curly", 0)
    assert _follow_on(builder, None, None, 0, follow)
    later = text.index("Another quote")
    apart = Quote(later - 1, later + 19, later, later + 19, "curly", 0)
    assert not _follow_on(builder, None, None, 0, apart)  # a paragraph break ends the account
    builder.out[0].speaker = "unknown"
    assert not _follow_on(builder, None, None, 0, follow)  # nothing to inherit


def test_extract_paragraph_doc_opens_a_sentence_after_each_blank_line_only():
    import re

    import spacy

    from stancetrace.attribution.extract import _paragraph_doc
    from stancetrace.attribution.parse_cache import doc_text

    nlp = spacy.blank("en")
    text = "One line.\nSame paragraph.\n\nNew one. \n \n  Third, after spaces.\n\n\nFourth\n\n"
    doc = _paragraph_doc(nlp, text)
    breaks = [t.i + 1 for t in doc[:-1] if re.search(r"\n[^\S\n]*\n", t.text if t.is_space else t.whitespace_)]
    assert breaks and [t.i for t in doc[1:] if t.is_sent_start] == breaks  # the first token always opens one
    assert doc_text(doc) == doc.text == text
