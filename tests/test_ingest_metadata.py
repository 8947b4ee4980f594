"""Metadata given by the user: dates, sidecars, --meta manifests, and their basis.

The people and places in these articles are fictional.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from stancetrace.cli import app
from stancetrace.errors import ConfigError, InputError
from stancetrace.ingest.collections import ReadOptions
from stancetrace.ingest.metadata import (
    Metadata,
    apply_metadata,
    column_names,
    complete_basis,
    parse_authors,
    parse_column_overrides,
    parse_date,
)
from stancetrace.pipeline import analyse, read_documents
from stancetrace.records import Document, Span


def a_document(text="Astoria, May 3, 2019. The governor spoke.", **fields) -> Document:
    defaults = dict(doc="a.txt", id="a" * 64, source="a.txt", media_type="text/plain", text=text,
                    body_start=0, body_end=len(text), title="Astoria", title_span=Span(0, 7),
                    published="2019-05-03", published_basis="explicit", published_span=Span(9, 20),
                    basis={"title": "explicit", "published": "explicit"})
    return Document(**{**defaults, **fields})


@pytest.mark.parametrize("given, expected", [
    ("2024", "2024"),
    ("2024-05", "2024-05"),
    ("2024-05-14", "2024-05-14"),
    (" 2024-05-14 ", "2024-05-14"),
    ("2024-05-14T23:30:00-05:00", "2024-05-14"),  # the outlet's own calendar date, not UTC's
    ("2024-05-14T09:30:00Z", "2024-05-14"),
    ("Tue, 14 May 2024 09:30:00 +0430", "2024-05-14"),
    ("14 May 2024", "2024-05-14"),
    ("May 14, 2024", "2024-05-14"),
    ("May 2024", "2024-05"),
    ("2024/05/14", "2024-05-14"),
    (dt.date(2024, 5, 14), "2024-05-14"),
    (dt.datetime(2024, 5, 14, 23, 59), "2024-05-14"),
    ("", None),
    (None, None),
])
def test_metadata_dates_keep_their_granularity(given, expected):
    assert parse_date(given, "published", "f.csv#1") == expected


@pytest.mark.parametrize("given", ["05/04/2024", "yesterday", "2024-02-30", "2024-13", "May 44, 2024", "soon"])
def test_metadata_unparseable_or_ambiguous_date_is_an_error_not_a_guess(given):
    with pytest.raises(InputError) as raised:
        parse_date(given, "date", "f.csv#3")
    assert raised.value.source == "f.csv#3" and raised.value.reason.startswith("E501")
    assert repr(given) in raised.value.reason


@pytest.mark.parametrize("given", [20240514, 2024.5, ["2024-05-14"], True])
def test_metadata_date_of_the_wrong_type_is_an_error(given):
    with pytest.raises(InputError, match="E502"):
        parse_date(given, "published", "f.jsonl#2")


def test_metadata_authors_from_a_list_a_separated_string_or_a_json_cell():
    assert parse_authors(["Ida Pell", " ", "Mia Hart"], "authors", "s") == ("Ida Pell", "Mia Hart")
    assert parse_authors("Ida Pell; Mia Hart", "authors", "s") == ("Ida Pell", "Mia Hart")
    assert parse_authors("Pell, Ida", "authors", "s") == ("Pell, Ida",)
    assert parse_authors('["Ida Pell", "Mia Hart"]', "authors", "s") == ("Ida Pell", "Mia Hart")
    assert parse_authors("", "authors", "s") is None
    with pytest.raises(InputError, match="E502"):
        parse_authors(7, "authors", "s")


def test_metadata_wins_over_the_text_and_its_basis_is_recorded():
    document = apply_metadata(a_document(), Metadata(published="2019-05", title="Governor speaks"))
    assert (document.published, document.published_basis) == ("2019-05", "metadata")
    assert document.published_span is None  # the text's dateline no longer evidences the date
    assert (document.title, document.title_span) == ("Governor speaks", None)
    assert document.basis["published"] == document.basis["title"] == "metadata"


def test_metadata_not_given_leaves_the_text_finding_in_place():
    original = a_document()
    assert apply_metadata(original, Metadata(publisher="Astoria Courier")).published == "2019-05-03"
    assert apply_metadata(original, None) is original


def test_metadata_complete_basis_names_a_basis_for_every_field():
    basis = complete_basis(a_document(url="https://example.org/a")).basis
    assert basis == {"title": "explicit", "published": "explicit", "url": "explicit",
                     "authors": "unknown", "publisher": "unknown"}


def test_metadata_every_field_has_well_known_column_names():
    names = column_names()
    for field in ("id", "text", "html", "title", "published", "url", "publisher", "authors"):
        assert names.fields[field], field
    assert "content_start" in names.gold_markers


def test_metadata_column_overrides_are_parsed_and_checked():
    assert parse_column_overrides("text=body, published=pubdate") == {"text": "body", "published": "pubdate"}
    assert parse_column_overrides(None) == {}
    with pytest.raises(ConfigError, match="E505"):
        parse_column_overrides("texte=body")
    with pytest.raises(ConfigError, match="E506"):
        parse_column_overrides("text")


def write_articles(folder):
    folder.mkdir()
    (folder / "bridge.txt").write_text(
        "Governor Lina Marvast of Astoria spoke to reporters on Sunday.\n\n"
        "\u201cThe northern bridge will open next spring,\u201d Marvast said on Sunday.\n", encoding="utf-8")
    (folder / "taxes.txt").write_text(
        "\u201cWe have no intention of raising taxes,\u201d Mayor Tomas Veld of Brindle said yesterday.\n",
        encoding="utf-8")
    return folder


def test_metadata_sidecar_next_to_the_file_is_picked_up(tmp_path):
    folder = write_articles(tmp_path / "c")
    (folder / "bridge.meta.json").write_text(json.dumps({"date": "2024-05-14", "outlet": "Astoria Courier"}))
    documents = {d.doc: d for d in read_documents([str(folder)])}
    bridge = documents["bridge.txt"]
    assert (bridge.published, bridge.publisher, bridge.basis["publisher"]) == ("2024-05-14", "Astoria Courier", "metadata")
    assert documents["taxes.txt"].published_basis != "metadata"


def test_metadata_manifest_by_path_wins_over_the_sidecar(tmp_path):
    folder = write_articles(tmp_path / "c")
    (folder / "bridge.meta.json").write_text(json.dumps({"published": "2024-05-01", "title": "Sidecar title"}))
    manifest = tmp_path / "meta.csv"
    manifest.write_text("path,published\nc/bridge.txt,2024-05-14\n", encoding="utf-8")
    documents = {d.doc: d for d in read_documents([str(folder)], ReadOptions(meta=manifest))}
    assert (documents["bridge.txt"].published, documents["bridge.txt"].title) == ("2024-05-14", "Sidecar title")


def test_metadata_bad_manifest_row_fails_its_file_and_only_that_file(tmp_path):
    folder = write_articles(tmp_path / "c")
    manifest = tmp_path / "meta.jsonl"
    manifest.write_text(json.dumps({"doc": "bridge.txt", "published": "last Sunday"}) + "\n"
                        + json.dumps({"doc": "taxes.txt", "published": "2023-11-02"}) + "\n", encoding="utf-8")
    items = list(read_documents([str(folder)], ReadOptions(meta=manifest)))
    errors = [(e.source, e.reason[:4]) for e in items if isinstance(e, InputError)]
    assert errors == [(f"{manifest}#1", "E501"), (str(folder / "bridge.txt"), "E515")]
    (taxes,) = [d for d in items if isinstance(d, Document)]
    assert (taxes.doc, taxes.published) == ("taxes.txt", "2023-11-02")


def test_metadata_missing_manifest_is_a_clean_error(tmp_path):
    with pytest.raises(ConfigError, match="E512"):
        list(read_documents([str(tmp_path)], ReadOptions(meta=tmp_path / "nope.csv")))


MANIFEST_DATES = {"bridge.txt": "2024-05-14", "taxes.txt": "2023-11-02"}  # a Tuesday; a Thursday
# What a careful reader gets from those dates: "on Sunday" in an article of Tuesday
# 14 May 2024 is Sunday 12 May; "yesterday" on 2 November 2023 is 1 November.
STATEMENT_DATES = {"bridge.txt": "2024-05-12", "taxes.txt": "2023-11-01"}


def test_metadata_meta_option_dates_documents_and_their_statements(tmp_path):
    folder = write_articles(tmp_path / "c")
    manifest = tmp_path / "meta.jsonl"
    manifest.write_text("".join(json.dumps({"doc": d, "published": p}) + "\n" for d, p in MANIFEST_DATES.items()))
    result = CliRunner().invoke(app, ["extract", "--documents", str(folder), "--meta", str(manifest)])
    assert result.exit_code == 0, result.output
    records = {r["doc"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert {d: r["published"] for d, r in records.items()} == MANIFEST_DATES
    assert {r["published_basis"] for r in records.values()} == {"metadata"}

    documents = list(read_documents([str(folder)], ReadOptions(meta=manifest)))
    attributions = {d.doc: analyse(d) for d in documents}
    if not any(attributions.values()):
        pytest.skip("statement dates not checked: pipeline.analyse returns no attribution for a text "
                    "with an obvious quote (attribution extraction has not landed yet)")
    quoted = {doc: [a for a in found if a.type in ("direct", "mixed")] for doc, found in attributions.items()}
    assert all(quoted.values()), f"a quote was missed: {quoted}"
    if not any(a.said_on for found in quoted.values() for a in found):
        pytest.skip("statement dates not checked: stancetrace.time.date_attributions dated none of the "
                    "quotes (statement dating has not landed yet)")
    for doc, expected in STATEMENT_DATES.items():
        assert {(a.said_on, a.said_on_basis) for a in quoted[doc]} == {(expected, "relative")}, doc
