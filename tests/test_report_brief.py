"""The evidence brief: what it shows, that it stands alone, and that hostile text stays text."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from stancetrace.errors import StoreError
from stancetrace.report import ReportOptions, build_brief, connect_readonly, render, write_report
from tests.browser.demo_store import HOSTILE_QUOTE, build_demo_store


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return build_demo_store(tmp_path_factory.mktemp("report") / "demo.db")


def brief_html(db, **options) -> str:
    conn = connect_readonly(db)
    try:
        return render(build_brief(conn, ReportOptions(**options)))
    finally:
        conn.close()


def test_report_brief_shows_roles_timeline_statements_and_gaps(demo_db):
    html = brief_html(demo_db, actor="ali-khamenei")
    assert "Supreme Leader of Iran" in html and "1989-06-04" in html
    assert "<svg" in html  # the timeline chart, inline
    assert "heroic flexibility" in html  # a key statement, in its sentence
    assert "Rowan Street Journal" in html  # its source document
    for section in ("who", "timeline", "reversals", "key-statements", "operational-code", "not-supported"):
        assert f'id="{section}"' in html
    assert re.search(r"\d+ undated statement\(s\)", html)


def test_report_brief_is_one_self_contained_file(demo_db):
    html = brief_html(demo_db, actor="ali-khamenei")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "<script" not in html and "<link" not in html and "@import" not in html


def test_report_brief_filters_by_target_and_dates(demo_db):
    conn = connect_readonly(demo_db)
    brief = build_brief(conn, ReportOptions(actor="ali-khamenei", target="united-states", since="2015", until="2025"))
    assert brief.statements, "the demo corpus has statements about the US in 2015-2025"
    assert {s["target"] for s in brief.statements} == {"united-states"}
    assert all("2015" <= s["said_on"][:4] <= "2025" for s in brief.statements)


def test_report_brief_keeps_hostile_text_inert(demo_db):
    html = brief_html(demo_db, actor="unknown")
    assert HOSTILE_QUOTE not in html
    assert "&lt;img src=x onerror=" in html


def test_report_brief_says_when_analysis_gave_nothing(demo_db):
    html = brief_html(demo_db, actor="ali-khamenei")
    assert "Not available in this build" in html or "No reversal found" in html or "→" in html


def test_report_brief_markdown_escapes_markup(demo_db):
    md = brief_html(demo_db, actor="unknown", format="md")
    assert md.startswith("# Evidence brief")
    assert "\\<img" in md
    assert re.search(r"(?<!\\)<[a-z/]", md) is None  # every tag opener is backslashed


def test_report_brief_unknown_actor_is_a_clear_error(demo_db):
    conn = connect_readonly(demo_db)
    with pytest.raises(StoreError, match="E707"):
        build_brief(conn, ReportOptions(actor="nobody-at-all"))


def test_report_cli_writes_the_brief(demo_db, tmp_path):
    from stancetrace.cli import app

    out = tmp_path / "brief.html"
    result = CliRunner().invoke(app, ["report", "ali-khamenei", "--db", str(demo_db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Evidence brief: Ali Khamenei" in out.read_text(encoding="utf-8")


def test_report_cli_rejects_an_unknown_format_cleanly(demo_db, tmp_path):
    from stancetrace.cli import app

    result = CliRunner().invoke(app, ["report", "ali-khamenei", "--db", str(demo_db), "--out",
                                      str(tmp_path / "b.x"), "--format", "pdf"])
    assert result.exit_code == 1 and "E706" in result.output


def test_report_write_report_refuses_a_missing_database(tmp_path):
    with pytest.raises(StoreError, match="E700"):
        write_report(tmp_path / "none.db", ReportOptions(actor="ali-khamenei"), tmp_path / "b.html")
