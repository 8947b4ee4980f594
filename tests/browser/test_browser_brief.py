"""The evidence brief looked at as a person would: rendered by chromium to a PNG."""

from __future__ import annotations

from stancetrace.report import ReportOptions, write_report


def test_browser_brief_shows_its_parts(page, demo_db, screenshots, tmp_path):
    out = tmp_path / "brief.html"
    write_report(demo_db, ReportOptions(actor="ali-khamenei"), out)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(out.as_uri())
    page.screenshot(path=str(screenshots / "brief.png"), full_page=True)
    assert (screenshots / "brief.png").stat().st_size > 50_000
    assert page.get_by_role("heading", name="Evidence brief: Ali Khamenei").is_visible()
    for heading in ("Who this is", "Stance timeline", "Reversals", "Key statements by target",
                    "Operational code", "What the record does not support"):
        assert page.get_by_role("heading", name=heading, exact=True).is_visible(), heading
    assert "Supreme Leader of Iran" in page.locator("#who table").inner_text()
    chart = page.locator("#timeline svg").bounding_box()
    assert chart and chart["width"] > 300 and chart["height"] > 150
    assert page.locator("#key-statements blockquote .quote").count() >= 5
    assert "undated statement(s)" in page.locator("#not-supported").inner_text()
    assert requests == [out.as_uri()], "the brief loads nothing besides itself"
