"""Datasets as input: CSV, JSONL and Parquet collections with one article per row.

The people and places in these articles are fictional.
"""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

from stancetrace.ingest.collections import ReadOptions, looks_like_collection, read_collection
from stancetrace.pipeline import analyse, ingest, read_documents

ARTICLES = {
    "bridge.txt": (
        "Governor Lina Marvast of Astoria said on Sunday that the northern bridge would open "
        "next spring.\n\n\u201cWe will not wait another winter,\u201d Marvast told reporters.\n"
    ),
    "taxes.txt": (
        "\u201cWe have no intention of raising taxes,\u201d Mayor Tomas Veld of Brindle said yesterday.\n\n"
        "The council meets again in December.\n"
    ),
    "harbour.html": (
        "<html><head><title>Harbour deal signed</title></head><body><nav>Home | World</nav>"
        "<article><h1>Harbour deal signed</h1><p>Minister Ana Kessel of the Republic of Varn "
        "signed the harbour agreement on Monday after months of talks with her neighbours.</p>"
        "<p>\u201cThis harbour belongs to both our peoples,\u201d Kessel said at the ceremony, "
        "adding that the first ships would dock before the summer.</p></article>"
        "<footer>Comments</footer></body></html>"
    ),
}

METADATA = {
    "bridge.txt": {"title": "Bridge to open", "published": "2024-05-14", "publisher": "Astoria Courier",
                   "url": "https://example.org/bridge", "authors": ["Ida Pell"]},
    "taxes.txt": {"title": "No new taxes", "published": "2023-11-02", "publisher": "Brindle Post",
                  "url": "https://example.org/taxes", "authors": ["Oskar Lund", "Mia Hart"]},
    "harbour.html": {"title": "Harbour deal signed", "published": "2022-06", "publisher": "Varn Today",
                     "url": "https://example.org/harbour", "authors": []},
}

# Fields that name where a record was read from, and so differ between a file and a row.
LOCATION_FIELDS = ("id", "source")


def _content_column(name: str) -> str:
    return "html" if name.endswith(".html") else "text"


def write_loose(folder):
    """The articles as loose files plus a --meta manifest."""
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    manifest = folder / "manifest.jsonl"
    with open(manifest, "w", encoding="utf-8") as out:
        for name, meta in METADATA.items():
            out.write(json.dumps({"doc": name, **meta}) + "\n")
    return manifest


def write_csv(path):
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "body", "html", "headline", "date", "outlet", "link", "author"])
        for name, text in ARTICLES.items():
            meta = METADATA[name]
            body, html = (text, "") if _content_column(name) == "text" else ("", text)
            writer.writerow([name, body, html, meta["title"], meta["published"], meta["publisher"],
                             meta["url"], "; ".join(meta["authors"])])
    return path


def write_jsonl(path):
    with open(path, "w", encoding="utf-8") as out:
        for name, text in ARTICLES.items():
            out.write(json.dumps({"id": name, _content_column(name): text, **METADATA[name]}) + "\n")
    return path


def write_parquet(path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = []
    for name, text in ARTICLES.items():
        meta, content = METADATA[name], _content_column(name)
        rows.append({
            "doc_id": name, "content": text if content == "text" else None,
            "raw_html": text if content == "html" else None, "title": meta["title"],
            "publish_date": meta["published"], "source": meta["publisher"], "url": meta["url"],
            "authors": meta["authors"],
        })
    pq.write_table(pa.Table.from_pylist(rows), path)
    return path


def records(items, strip=LOCATION_FIELDS):
    out = []
    for item in items:
        assert not isinstance(item, Exception), item
        out.append({k: v for k, v in item.to_record().items() if k not in strip})
    return out


@pytest.fixture
def loose(tmp_path):
    manifest = write_loose(tmp_path / "loose")
    return list(read_documents([str(tmp_path / "loose")], ReadOptions(meta=manifest)))


def test_collections_csv_jsonl_and_parquet_give_the_documents_of_the_loose_files(tmp_path, loose):
    expected = sorted(records(loose), key=lambda r: r["doc"])
    for path in [write_csv(tmp_path / "a.csv"), write_jsonl(tmp_path / "a.jsonl"), write_parquet(tmp_path / "a.parquet")]:
        rows = list(read_collection(path))
        assert sorted(records(rows), key=lambda r: r["doc"]) == expected, path.name


def test_collections_parquet_date_and_timestamp_columns_give_their_calendar_date(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    late_evening = dt.datetime(2024, 5, 14, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    table = pa.table({"text": ["One.", "Two."], "date": [dt.date(2024, 5, 12), dt.date(2024, 5, 13)],
                      "published_at": [late_evening, None]})
    pq.write_table(table, tmp_path / "d.parquet")
    by_date = [d.published for d in read_collection(tmp_path / "d.parquet", ReadOptions(columns={"published": "date"}))]
    assert by_date == ["2024-05-12", "2024-05-13"]
    first, second = read_collection(tmp_path / "d.parquet", ReadOptions(columns={"published": "published_at"}))
    assert first.published is not None and first.published_basis == "metadata"
    assert (second.published, second.published_basis) == (None, "unknown")


def test_collections_metadata_dates_are_applied_with_basis_metadata(tmp_path):
    rows = {d.doc: d for d in read_collection(write_jsonl(tmp_path / "a.jsonl"))}
    assert rows["bridge.txt"].published == "2024-05-14"
    assert rows["harbour.html"].published == "2022-06"
    assert {d.published_basis for d in rows.values()} == {"metadata"}
    assert rows["taxes.txt"].basis["authors"] == "metadata"
    assert rows["harbour.html"].media_type == "text/html"


def test_collections_the_same_attributions_as_from_loose_files(tmp_path, loose):
    rows = list(read_collection(write_jsonl(tmp_path / "a.jsonl")))
    from_rows = {d.doc: records(analyse(d), strip=("doc_id",)) for d in rows}
    from_files = {d.doc: records(analyse(d), strip=("doc_id",)) for d in loose}
    assert from_rows == from_files


def test_collections_row_ids_are_the_same_in_every_format(tmp_path):
    csv_ids = {d.doc: d.id for d in read_collection(write_csv(tmp_path / "a.csv"))}
    jsonl_ids = {d.doc: d.id for d in read_collection(write_jsonl(tmp_path / "a.jsonl"))}
    assert csv_ids == jsonl_ids
    assert len(set(csv_ids.values())) == len(ARTICLES)


def test_collections_reingesting_a_dataset_changes_nothing(tmp_path, store):
    path = str(write_csv(tmp_path / "a.csv"))
    first = ingest([path], store, with_attributions=False)
    second = ingest([path], store, with_attributions=False)
    assert (first.ingested, second.ingested, second.unchanged) == (3, 0, 3)


def test_collections_bad_rows_get_one_line_each_and_the_rest_goes_on(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join([
        json.dumps({"text": "A good article about the fictional port of Lisk."}),
        json.dumps({"title": "no text at all"}),
        json.dumps({"text": "Dated on a day that is no day.", "published": "2024-02-30"}),
        json.dumps({"text": 42}),
        "{not json",
        "[1, 2]",
        json.dumps({"text": "Ambiguous date.", "date": "05/04/2024"}),
        json.dumps({"text": "Another good one.", "published": "2021"}),
    ]) + "\n", encoding="utf-8")
    items = list(read_collection(path))
    errors = {e.source.rsplit("#", 1)[1]: e.reason[:4] for e in items if isinstance(e, Exception)}
    assert errors == {"2": "E500", "3": "E501", "4": "E502", "5": "E507", "6": "E508", "7": "E501"}
    good = [d for d in items if not isinstance(d, Exception)]
    assert [d.doc for d in good] == ["bad.jsonl#1", "bad.jsonl#8"]
    assert good[1].published == "2021"


def test_collections_csv_row_with_wrong_field_count_is_one_error(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text('text,date\n"First article.",2020-01-01\nextra,2020,cell\n"Third.",2020-03\n', encoding="utf-8")
    items = list(read_collection(path))
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "Document"]
    assert items[1].source.endswith("bad.csv#2") and items[1].reason.startswith("E509")


def test_collections_csv_reads_a_field_longer_than_the_csv_default_limit(tmp_path):
    long_text = "The council of Brindle met again. " * 10_000  # 340,000 characters
    path = tmp_path / "long.csv"
    with open(path, "w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([["text"], [long_text]])
    (document,) = read_collection(path)
    assert document.text == long_text


def test_collections_columns_option_overrides_the_well_known_names(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("text,full,pubdate\nteaser,The full article text.,2020-02-02\n", encoding="utf-8")
    (document,) = read_collection(path, ReadOptions(columns={"text": "full", "published": "pubdate"}))
    assert (document.text, document.published) == ("The full article text.", "2020-02-02")


def test_collections_columns_option_naming_a_missing_column_fails_the_file(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("text\nSome text.\n", encoding="utf-8")
    (error,) = read_collection(path, ReadOptions(columns={"published": "pubdate"}))
    assert error.reason.startswith("E504") and "pubdate" in error.reason


def test_collections_a_file_without_a_text_column_fails_with_what_to_do(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("summary,date\nSome text.,2020-01-01\n", encoding="utf-8")
    (error,) = read_collection(path)
    assert error.reason.startswith("E503") and "--columns text=" in error.reason


def test_collections_folder_walk_reads_datasets_but_skips_gold_and_manifests(tmp_path):
    folder = tmp_path / "corpus"
    write_loose(folder)  # three articles and manifest.jsonl (no text column)
    write_jsonl(folder / "export.jsonl")
    gold = {"doc": "bridge.txt", "content": "We will not wait", "content_start": 1, "content_end": 17}
    (folder / "bridge.attributions.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    sources = sorted(d.source.replace(str(folder) + "/", "") for d in read_documents([str(folder)]))
    assert sources == ["bridge.txt", "export.jsonl#1", "export.jsonl#2", "export.jsonl#3",
                       "harbour.html", "taxes.txt"]


def test_collections_an_explicit_gold_file_is_refused(tmp_path):
    path = tmp_path / "x.attributions.jsonl"
    path.write_text(json.dumps({"doc": "a.txt", "content": "poison", "content_start": 3}) + "\n", encoding="utf-8")
    assert not looks_like_collection(path)
    (error,) = read_documents([str(path)])
    assert error.reason.startswith("E518")


def test_collections_html_rows_go_through_the_html_reader(tmp_path, loose):
    rows = {d.doc: d for d in read_collection(write_jsonl(tmp_path / "a.jsonl"))}
    files = {d.doc: d for d in loose}
    row, file = rows["harbour.html"], files["harbour.html"]
    assert row.text == file.text and (row.body_start, row.body_end) == (file.body_start, file.body_end)
    assert "Home | World" not in row.text[row.body_start : row.body_end]


def test_collections_rows_of_the_demo_articles_have_attributions_once_extraction_exists(tmp_path):
    rows = list(read_collection(write_jsonl(tmp_path / "a.jsonl")))
    if not any(analyse(d) for d in rows):
        pytest.skip("attribution extraction has not landed: pipeline.analyse found no quote in any row")
    assert {d.doc: bool(analyse(d)) for d in rows} == {name: True for name in ARTICLES}


def test_collections_cli_ingest_and_joined_export(tmp_path):
    from typer.testing import CliRunner

    from stancetrace.cli import app
    from stancetrace.records import Attribution
    from stancetrace.store import SQLiteStore

    db = str(tmp_path / "t.db")
    result = CliRunner().invoke(app, ["ingest", str(write_csv(tmp_path / "a.csv")), "--db", db, "--quiet",
                                      "--columns", "published=date"])
    assert result.exit_code == 0, result.output
    with SQLiteStore(db) as store:
        document = store.document("bridge.txt")
        store.conn.execute("DELETE FROM attributions")
        store.conn.execute("DELETE FROM documents WHERE id = ?", (document.id,))
        store.add_document(document, [Attribution(doc=document.doc, content="We will not wait another winter",
                                                  content_start=0, content_end=5, type="direct")])
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"joined.{fmt}"
        args = ["export", "--db", db, "--table", "attributions", "--join-documents", "--format", fmt, "--out", str(out)]
        assert CliRunner().invoke(app, args).exit_code == 0
        (row,) = _read_back(out)
        assert (row["doc"], row["document_published"], row["document_publisher"]) == (
            "bridge.txt", "2024-05-14", "Astoria Courier")
        assert "metadata" in str(row["document_published_basis"])


def _read_back(path):
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.read_table(path).to_pylist()
    if path.suffix == ".csv":
        with open(path, encoding="utf-8", newline="") as stream:
            return list(csv.DictReader(stream))
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_collections_columns_command_shows_the_mapping(tmp_path):
    from typer.testing import CliRunner

    from stancetrace.cli import app

    path = write_csv(tmp_path / "a.csv")
    result = CliRunner().invoke(app, ["columns", str(path), "--columns", "title=link"])
    assert result.exit_code == 0, result.output
    lines = dict(line.split(None, 1) for line in result.stdout.splitlines())
    assert (lines["text"], lines["published"], lines["publisher"], lines["title"]) == ("body", "date", "outlet", "link")
    missing = CliRunner().invoke(app, ["columns", str(path), "--columns", "text=nothing"])
    assert missing.exit_code == 1 and "E504" in missing.output


def test_collections_jsonl_records_are_mapped_each_by_its_own_keys(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps({"text": "First.", "date": "2020"}) + "\n"
                    + json.dumps({"body": "Second.", "publish_date": "2021-03"}) + "\n", encoding="utf-8")
    assert [(d.text, d.published) for d in read_collection(path)] == [("First.", "2020"), ("Second.", "2021-03")]


def test_collections_csv_row_with_invalid_utf8_is_one_error(tmp_path):
    path = tmp_path / "bytes.csv"
    path.write_bytes(b"text,title\nGood text.,One\nBad \xff text.,Two\nMore text.,Three\n")
    items = list(read_collection(path))
    assert [getattr(i, "reason", "ok")[:4] for i in items] == ["ok", "E517", "ok"]
