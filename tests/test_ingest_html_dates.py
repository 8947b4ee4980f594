"""Published dates from HTML markup: one test per family, local days, calendars, evidence."""

from __future__ import annotations

import datetime as dt

import pytest

from stancetrace.ingest.html import read_html_document
from stancetrace.ingest.html_dates import find_published, jalali_to_gregorian, read_value

TODAY = dt.date(2024, 6, 1)
BODY = ("<p>The governor of Eastmarch rejected the river treaty on Tuesday, saying the terms "
        "would leave the valley's farms without water for half of every summer.</p>") * 3


def _page(head: str = "", body: str = "", url: str = "https://herald.example/news/river-treaty") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>River treaty</title>'
            f'<link rel="canonical" href="{url}">{head}</head>'
            f"<body><article><h1>River treaty</h1>{body}{BODY}</article></body></html>")


def _found(html: str) -> tuple[str, str] | None:
    found = find_published(html, today=TODAY)
    return (found.value, found.method) if found else None


def test_html_dates_meta_published_time_gives_the_date():
    html = _page('<meta property="article:published_time" content="2020-03-03T09:15:00+04:00">')
    assert _found(html) == ("2020-03-03", "meta")


def test_html_dates_meta_name_date_gives_the_date():
    assert _found(_page('<meta name="date" content="2013-02-08">')) == ("2013-02-08", "meta")


def test_html_dates_jsonld_date_published():
    script = ('<script type="application/ld+json">'
              '{"@type": "NewsArticle", "datePublished": "2020-07-09T10:04:04Z"}</script>')
    assert _found(_page(script)) == ("2020-07-09", "jsonld")


def test_html_dates_jsonld_written_date_with_zone_name():
    script = '<script type="application/ld+json">{"datePublished": "Tue, Sep 15 2020 10:01:41 EDT"}</script>'
    assert _found(_page(script)) == ("2020-09-15", "jsonld")


def test_html_dates_itemprop_visible_text_in_italian():
    body = '<p itemprop="datePublished">06 Dicembre 2020</p>'
    assert _found(_page(body=body)) == ("2020-12-06", "itemprop")


def test_html_dates_time_element_marked_published():
    body = '<time class="entry-date published" datetime="2019-11-20T08:00:00+01:00">20 Nov 2019</time>'
    assert _found(_page(body=body)) == ("2019-11-20", "time")


def test_html_dates_bare_time_element_is_not_the_publication_date():
    body = '<aside><time datetime="2019-11-20">Related story</time></aside>'
    found = find_published(_page(body=body, url="https://herald.example/x"), today=TODAY)
    assert found is None or found.method != "time"  # htmldate may still weigh it as a guess


def test_html_dates_url_date_path():
    assert _found(_page(url="https://herald.example/2020/07/08/river-treaty/")) == ("2020-07-08", "url")


def test_html_dates_lead_image_upload_day_is_the_last_family():
    image = '<meta property="og:image" content="https://herald.example/uploads/2020/10/13/photo.jpg">'
    assert _found(_page(image)) == ("2020-10-13", "image")
    both = image + '<meta name="date" content="2020-10-14">'
    assert _found(_page(both)) == ("2020-10-14", "meta")


def test_html_dates_timestamp_read_in_its_own_offset():
    html = _page('<meta property="article:published_time" content="2020-06-03T03:01:00+04:00">')
    assert _found(html) == ("2020-06-03", "meta")  # June 2nd in UTC, June 3rd where published


def test_html_dates_utc_timestamp_yields_to_a_local_day_a_clock_could_show():
    head = '<meta property="article:published_time" content="2020-12-05T23:15:00Z">'
    body = '<p itemprop="datePublished">06 Dicembre 2020</p>'
    assert _found(_page(head, body))[0] == "2020-12-06"


def test_html_dates_utc_timestamp_keeps_its_day_when_no_clock_could_show_the_other():
    head = '<meta property="article:published_time" content="2020-07-09T10:04:04Z">'
    assert _found(_page(head, url="https://herald.example/2020/07/08/story/"))[0] == "2020-07-09"


def test_html_dates_modified_is_never_the_published_date():
    head = '<meta property="article:modified_time" content="2020-05-02T10:00:00Z">'
    script = '<script type="application/ld+json">{"dateModified": "2020-05-02T10:00:00Z"}</script>'
    assert find_published(_page(head + script, url="https://herald.example/x"), today=TODAY) is None


def test_html_dates_markup_date_before_the_web_is_believed():
    assert _found(_page('<meta name="date" content="1989-06-05">')) == ("1989-06-05", "meta")


def test_html_dates_impossible_markup_date_gives_no_date():
    assert find_published(_page('<meta name="date" content="2031-01-01">'), today=TODAY) is None


@pytest.mark.parametrize(("jalali", "gregorian"), [
    ((1399, 1, 1), (2020, 3, 20)),
    ((1399, 4, 2), (2020, 6, 22)),
    ((1399, 12, 30), (2021, 3, 20)),  # 1399 is a leap year
    ((1403, 12, 30), (2025, 3, 20)),
    ((1367, 3, 14), (1988, 6, 4)),
])
def test_html_dates_jalali_conversion_known_pairs(jalali, gregorian):
    assert jalali_to_gregorian(*jalali) == dt.date(*gregorian)


def test_html_dates_jalali_impossible_day_is_none():
    assert jalali_to_gregorian(1402, 12, 30) is None  # 1402 is a common year
    assert jalali_to_gregorian(1399, 7, 31) is None


def test_html_dates_jalali_written_in_persian_digits():
    candidate = read_value("۲ تیر ۱۳۹۹ - ۱۲:۰۹", "time", visible=True)
    assert candidate.day == dt.date(2020, 6, 22)
    assert candidate.written == "۲ تیر ۱۳۹۹"


def test_html_dates_jalali_year_in_an_iso_field():
    assert _found(_page('<meta name="date" content="1399-02-21">')) == ("2020-05-10", "meta")


@pytest.mark.parametrize(("text", "iso"), [
    ("17 de Febrero 2020", "2020-02-17"),
    ("lundi 24 août 2020", "2020-08-24"),
    ("Published 3 March 2020", "2020-03-03"),
    ("March 3rd, 2020", "2020-03-03"),
    ("3. Mai 2020", "2020-05-03"),
    ("20200413T16:38:07Z", "2020-04-13"),
    ("09.07.2020", "2020-07-09"),
])
def test_html_dates_written_values(text, iso):
    assert read_value(text, "time", visible=True).day.isoformat() == iso


def test_html_dates_not_a_date_is_none():
    assert read_value("Opinion", "time", visible=True) is None
    assert read_value("2020-13-45", "meta") is None


def test_html_dates_published_span_points_at_the_date_in_the_text(tmp_path):
    head = '<meta property="article:published_time" content="2020-03-03T09:15:00+04:00">'
    path = tmp_path / "page.html"
    path.write_text(_page(head, body="<p>Published March 3, 2020, in the evening edition of the Herald.</p>"))
    document = read_html_document(path, path.read_bytes())
    assert document.published == "2020-03-03"
    span = document.published_span
    assert span is not None and document.text[span.start:span.end] == "March 3, 2020"
