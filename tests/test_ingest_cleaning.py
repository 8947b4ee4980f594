"""analyse_plain_text and textdates: one synthetic page per family of page chrome.

The pages are written here for the tests (fictional people and places); each test
says which lines must stay out of the body and which metadata they give.
"""

from __future__ import annotations

import pytest

from stancetrace.ingest.cleaning import analyse_plain_text, caption_lines
from stancetrace.ingest.textdates import dateline, dates_in

PARAGRAPH_1 = ("The minister of Veloria told a crowd in Port Amsel that talks with the northern "
               "alliance would be pointless, repeating a line he has used for years. ") * 3
PARAGRAPH_2 = ("Officials in the capital later played down the remarks, saying the minister spoke "
               "for himself and that the cabinet had not met to discuss any new position. ") * 3
BODY = PARAGRAPH_1.strip() + "\n\n" + PARAGRAPH_2.strip()


def body_of(text: str) -> str:
    layout = analyse_plain_text(text)
    return text[layout.body_start : layout.body_end]


def assert_spans_reproduce(text, layout):
    if layout.title is not None:
        assert layout.title_span.text(text) == layout.title
    assert 0 <= layout.body_start <= layout.body_end <= len(text)


def test_cleaning_title_and_body_of_a_bare_article():
    text = "Veloria Rejects Northern Talks\n\n" + BODY + "\n"
    layout = analyse_plain_text(text)
    assert layout.title == "Veloria Rejects Northern Talks"
    assert body_of(text) == BODY
    assert layout.published is None and layout.published_basis == "unknown"
    assert_spans_reproduce(text, layout)


def test_cleaning_text_without_title_starts_the_body_at_the_first_sentence():
    text = BODY
    layout = analyse_plain_text(text)
    assert layout.title is None
    assert (layout.body_start, layout.body_end) == (0, len(text))


def test_cleaning_byline_with_link_residue_and_dateline_become_metadata():
    text = ("\n\nVeloria Rejects Northern Talks\n\nby [Ada Quill \\(/experts/ada-quill\\)](#)\n\n"
            "Mar 3, 2011\n\n" + BODY)
    layout = analyse_plain_text(text)
    assert layout.authors == ["Ada Quill"]
    assert (layout.published, layout.published_basis) == ("2011-03-03", "explicit")
    assert text[layout.published_span.start : layout.published_span.end] == "Mar 3, 2011"
    assert body_of(text) == BODY


def test_cleaning_author_box_and_kind_label_are_left_out_of_the_body():
    text = ("Veloria Rejects Northern Talks\n\nABOUT THE AUTHORS\n\n[Ada Quill \\(/experts/ada-quill\\)](#)\n\n"
            "Ada Quill, a former diplomat, is a senior fellow at the Amsel Policy Forum.\n\n"
            "Policy Analysis\n\n" + BODY)
    layout = analyse_plain_text(text)
    assert body_of(text) == BODY
    assert layout.authors == ["Ada Quill"]
    assert layout.publisher == "the Amsel Policy Forum"


def test_cleaning_trailing_author_note_gives_author_and_publisher():
    text = BODY + "\nAda Quill is the Marlow Fellow at The Amsel Policy Forum."
    layout = analyse_plain_text(text)
    assert body_of(text) == BODY
    assert (layout.authors, layout.publisher) == (["Ada Quill"], "The Amsel Policy Forum")


def test_cleaning_recommended_list_topics_and_series_number_end_the_body():
    text = (BODY + " ❖\n\nPolicy #5521\n\nRECOMMENDED\n\n[Another Piece Entirely](#)\n\nFeb 15, 2022\n\n"
            "TOPICS\n\nTrade (/policy-analysis/trade)\n")
    layout = analyse_plain_text(text)
    assert body_of(text) == BODY + " ❖"
    assert layout.published is None  # the recommended piece's date is not this article's


@pytest.mark.parametrize("furniture", ["Comments", "View Citations", "Related Articles", "Share this article"])
def test_cleaning_end_of_article_markers_close_the_body(furniture):
    text = BODY + "\n\n" + furniture + "\n\nSomething after the article that is not part of it.\n"
    assert body_of(text) == BODY


def test_cleaning_footnotes_before_view_citations_are_not_body():
    text = BODY + "\n\n\n[i] Ada Quill, “On Talks,” Amsel Policy Forum, March 2010. Available:\n\nView Citations"
    assert body_of(text) == BODY


def test_cleaning_caption_repeated_with_credit_is_not_title_or_body():
    caption = "Protesters gather outside the assembly building in Port Amsel on March 2, 2011"
    text = (caption + "\n\nMarch 3, 2011\n\nVeloria Rejects Northern Talks\n\n" + caption + ". (Reuters)\n\n" + BODY)
    layout = analyse_plain_text(text)
    assert layout.title == "Veloria Rejects Northern Talks"
    assert layout.published == "2011-03-03"
    assert body_of(text) == BODY
    assert len(caption_lines(text)) == 2


def test_cleaning_inline_chrome_and_captions_inside_the_body_are_excluded():
    caption = "The minister speaks in Port Amsel, March 2011. (AP Photo/Lena Brook)"
    text = PARAGRAPH_1.strip() + "\n\nAdvertisement\n\n" + caption + "\n\n" + PARAGRAPH_2.strip()
    layout = analyse_plain_text(text)
    cut = [text[s.start : s.end] for s in layout.body_excluded]
    assert cut == ["Advertisement", caption]
    assert (layout.body_start, layout.body_end) == (0, len(text))


def test_cleaning_dates_of_events_in_the_body_are_not_the_publication_date():
    text = "Veloria Rejects Northern Talks\n\nOn March 2, 2011, the minister of Veloria spoke. " + BODY
    layout = analyse_plain_text(text)
    assert (layout.published, layout.published_basis, layout.published_span) == (None, "unknown", None)


def test_cleaning_byte_order_mark_is_outside_every_span():
    text = "\ufeffVeloria Rejects Northern Talks\n\n" + BODY
    layout = analyse_plain_text(text)
    assert layout.title == "Veloria Rejects Northern Talks"
    assert text[layout.body_start] != "\ufeff"


def test_cleaning_markdown_heading_title_leaves_out_the_hashes():
    text = "# Veloria Rejects Northern Talks\n\n" + BODY
    assert analyse_plain_text(text).title == "Veloria Rejects Northern Talks"


@pytest.mark.parametrize("line,value", [
    ("Nov 12, 2008", "2008-11-12"),
    ("September 02, 2014", "2014-09-02"),
    ("2014-09-02", "2014-09-02"),
    ("12 November 2008", "2008-11-12"),
    ("Posted on Tuesday, Nov. 12, 2008 at 10:32 AM ET", "2008-11-12"),
    ("TEHRAN, May 14, 2019", "2019-05-14"),
    ("September 2014", "2014-09"),
    ("Published 2014", "2014"),
    ("Published May 1, 2019 | Updated May 3, 2019", "2019-05-01"),
])
def test_textdates_datelines(line, value):
    found = dateline(line, 0, len(line))
    assert found is not None and found.value == value
    assert not found.revision


@pytest.mark.parametrize("line", [
    "The minister met his counterpart on May 14, 2019 in Port Amsel.",  # a sentence, not a dateline
    "Nov 12",  # no year: incomplete
    "2014",  # a bare number
    "03/04/2014",  # day and month cannot be told apart
    "Feb 30, 2020",  # no such day
    "Policy #1426",
])
def test_textdates_lines_that_are_not_datelines(line):
    assert dateline(line, 0, len(line)) is None


def test_textdates_revision_date_is_marked():
    line = "Updated March 3, 2011"
    assert dateline(line, 0, len(line)).revision


def test_textdates_dates_in_reads_each_form_once():
    found = dates_in("between 2 March 2011 and 2011-03-09, or in April 2011")
    assert [d.value for d in found] == ["2011-03-02", "2011-03-09", "2011-04"]


def test_cleaning_outlet_in_byline_is_the_publisher_not_an_author():
    text = "Veloria Rejects Northern Talks\n\nBy Ada Quill, Amsel Evening Post\n\n" + BODY
    layout = analyse_plain_text(text)
    assert (layout.authors, layout.publisher) == (["Ada Quill"], "Amsel Evening Post")


def test_cleaning_lead_dateline_of_the_first_paragraph_dates_the_article_and_stays_body():
    first = "PORT AMSEL, March 3, 2011 — The minister of Veloria walked out of the talks."
    text = "Veloria Rejects Northern Talks\n\n" + first + "\n\n" + BODY
    layout = analyse_plain_text(text)
    assert layout.published == "2011-03-03"
    assert text[layout.published_span.start : layout.published_span.end] == "March 3, 2011"
    assert body_of(text).startswith(first)
