from __future__ import annotations

import pytest

from stancetrace.errors import ConfigError
from stancetrace.forecast.evidence import evidence_rows, resolve
from stancetrace.forecast.scenario import Evidence, load_scenario, parse_scenario

from .conftest import REPO
from .test_store_sqlite import make_attribution, make_document

US_IRAN = REPO / "examples" / "scenarios" / "us-iran-enrichment.yaml"


def test_evidence_span_is_read_from_the_docs_folder(tmp_path):
    (tmp_path / "d.txt").write_text("First sentence.\nThe  leader said no.", encoding="utf-8")
    assert resolve(Evidence(doc="d.txt", start=16, end=36), tmp_path) == "The leader said no."
    with pytest.raises(ConfigError, match="E408 .*ends after"):
        resolve(Evidence(doc="d.txt", start=16, end=999), tmp_path)
    with pytest.raises(ConfigError, match="E408 .*cannot read"):
        resolve(Evidence(doc="missing.txt", start=0, end=3), tmp_path)


def test_evidence_from_the_store_documents_and_attributions(store):
    document = make_document()
    store.add_document(document, [make_attribution(document)])
    assert resolve(Evidence(doc="a.txt", start=0, end=8), store=store) == "Khamenei"
    attribution_id = store.conn.execute("SELECT id FROM attributions").fetchone()[0]
    assert resolve(Evidence(attribution=attribution_id), store=store) == "ali-khamenei: poison"
    with pytest.raises(ConfigError, match="E408 .*no such attribution"):
        resolve(Evidence(attribution=attribution_id + 1), store=store)


def test_evidence_rows_list_every_cited_input(tmp_path):
    (tmp_path / "x.txt").write_text("Alpha wants little.", encoding="utf-8")
    s = parse_scenario({"issue": {"scale": {"low": 0, "high": 10}}, "actors": [
        {"actor": "Alpha", "salience": 0.5,
         "position": {"value": 2, "evidence": [{"doc": "x.txt", "start": 0, "end": 19}]}}]})
    assert evidence_rows(s, tmp_path) == [
        {"actor": "Alpha", "input": "position", "ref": "x.txt[0:19]", "text": "Alpha wants little."}]


def test_evidence_us_iran_offsets_point_at_the_cited_statements(seeds):
    rows = evidence_rows(load_scenario(US_IRAN), seeds)
    texts = " | ".join(r["text"] for r in rows)
    assert "no war, no negotiation" in texts
    assert "prepared to concede continues not to meet the minimum" in texts
    assert all(r["text"][0].isupper() and r["text"].endswith(".") for r in rows)  # whole sentences
