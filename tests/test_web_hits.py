"""Hit lists rendered in one pass (web/hits.py): the same markup the per-hit macro made,
hostile text inert, long quotes cut as Jinja's `truncate` cuts them."""

from __future__ import annotations

from jinja2 import Environment

from stancetrace.web.hits import HIT_QUOTE_CHARS, document_hits, shorten, statement_hits

HOSTILE = '<script>alert(1)</script>"quoted" & \'single\''


def _statement(**values):
    row = {"id": 7, "speaker": "ali-khamenei", "target": "issue:negotiation-with-us", "event": "REJECT",
           "said_on": "2013-09-17", "type": "direct", "document_id": "abc", "document_title": "Title",
           "doc": "file.txt", "content": "We are not naive."}
    return {**row, **values}


def test_web_hits_statement_hit_shows_links_and_details():
    html = str(statement_hits([_statement()]))
    assert '<a href="/statements/7" class="statement-link">“We are not naive.”</a>' in html
    assert '<a href="/actors/ali-khamenei">ali-khamenei</a> → negotiation with us (issue)' in html
    assert '<span class="tag">REJECT</span> · 2013-09-17 · direct · <a href="/documents/abc">Title</a>' in html


def test_web_hits_escape_hostile_text_everywhere():
    row = _statement(speaker=HOSTILE, target=HOSTILE, event=HOSTILE, said_on=None, type=HOSTILE,
                     document_title=HOSTILE, content=HOSTILE)
    document = {"id": HOSTILE, "doc": HOSTILE, "title": HOSTILE, "publisher": HOSTILE, "published": None,
                "published_basis": HOSTILE, "snippet": f"{HOSTILE}\x01{HOSTILE}\x02{HOSTILE}"}
    for html in (str(statement_hits([row])), str(document_hits([document]))):
        assert "<script>" not in html and '"quoted"' not in html and "'single'" not in html
        assert "&lt;script&gt;" in html
    assert "undated" in str(statement_hits([row]))


def test_web_hits_shorten_cuts_long_quotes_like_jinja_truncate():
    env = Environment()
    truncate = env.from_string("{{ s|truncate(%d) }}" % HIT_QUOTE_CHARS)
    for text in ("short", "word " * 48, "word " * 49 + "end", "x" * 300, "a " * 200):
        assert shorten(text) == truncate.render(s=text)


def test_web_hits_document_snippet_marks_matched_words():
    document = {"id": "d1", "doc": "d.txt", "title": None, "publisher": None, "published": "2013",
                "published_basis": "byline", "snippet": "before \x01flexibility\x02 after"}
    html = str(document_hits([document]))
    assert 'class="document-link">d.txt</a>' in html and "publisher unknown · 2013 (byline) · d.txt" in html
    assert 'before <span class="quote">flexibility</span> after' in html


def test_web_hits_pick_list_selects_the_chosen_value_and_escapes_the_rest():
    from stancetrace.web.hits import pick_list

    html = str(pick_list(("ali-khamenei", HOSTILE), "ali-khamenei"))
    assert html.startswith('<option value="">any</option>')
    assert '<option value="ali-khamenei" selected>ali-khamenei</option>' in html
    assert "<script>" not in html and "&lt;script&gt;" in html and html.count(" selected") == 1
    assert " selected" not in str(pick_list(("ali-khamenei",), None))
