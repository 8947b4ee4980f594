"""A person's path through the web app in a real browser: search, statement, document, actor."""

from __future__ import annotations

import re

from .demo_store import HOSTILE_QUOTE


def test_browser_search_statement_document_actor(page, server, screenshots):
    page.goto(server + "/")
    page.get_by_label("Search text").fill('"heroic flexibility"')
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"q=%22heroic"))
    page.screenshot(path=str(screenshots / "web-search.png"))
    hits = page.locator("a.statement-link")
    assert hits.count() >= 1
    assert "heroic flexibility" in hits.first.inner_text().lower()

    hits.first.click()
    page.wait_for_url(re.compile(r"/statements/\d+$"))
    page.screenshot(path=str(screenshots / "web-statement.png"))
    paragraph = page.locator("#paragraph")
    assert "heroic flexibility" in paragraph.locator(".quote").first.inner_text().lower()
    assert paragraph.locator(".cue").count() >= 1 and paragraph.locator(".speaker").count() >= 1
    assert "confidence" in page.locator("table.resolution").inner_text()

    page.locator("a.document-link").click()
    page.wait_for_url(re.compile(r"/documents/[0-9a-f]{64}#s\d+$"))
    page.screenshot(path=str(screenshots / "web-document.png"))
    assert page.locator(".doctext a.quote").count() >= 3
    assert "explicit" in page.locator("table.metadata").inner_text()

    page.goto(page.url.split("#")[0].replace("/documents/", "/statements/").rsplit("/", 1)[0]
              + "/" + page.url.rsplit("#s", 1)[1])
    page.locator("a.speaker-link").click()
    page.wait_for_url(re.compile(r"/actors/ali-khamenei$"))
    page.screenshot(path=str(screenshots / "web-actor.png"), full_page=True)
    assert page.get_by_role("heading", name="Ali Khamenei").is_visible()
    assert "Supreme Leader of Iran" in page.locator("table.roles").inner_text()
    assert page.locator(".chart svg").is_visible()
    assert "united-states" in page.locator("table.targets").inner_text()


def test_browser_filters_narrow_the_results(page, server):
    page.goto(server + "/")
    page.get_by_label("Speaker").select_option("ali-khamenei")
    page.get_by_label("Event").select_option("REJECT")
    page.get_by_label("Search text").press("Enter")
    page.wait_for_url(re.compile(r"event=REJECT"))
    details = page.locator(".hit .muted").all_inner_texts()
    assert details and all("ali-khamenei" in d and "REJECT" in d for d in details[: page.locator("a.statement-link").count()])


def test_browser_bad_search_shows_a_message(page, server):
    page.goto(server + "/?q=%22unbalanced")
    assert "E704" in page.get_by_role("alert").inner_text()


def test_browser_hostile_document_does_not_run_scripts(page, server, screenshots):
    page.goto(server + "/documents/hostile.txt")
    page.screenshot(path=str(screenshots / "web-hostile-document.png"))
    assert page.evaluate("window.pwned") is None
    assert HOSTILE_QUOTE in page.locator(".doctext").inner_text()
    assert page.locator("img").count() == 0
