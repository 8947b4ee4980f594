from __future__ import annotations

import json

from typer.testing import CliRunner

from stancetrace.cli import app

from .conftest import REPO

US_IRAN = str(REPO / "examples" / "scenarios" / "us-iran-enrichment.yaml")
SCHOLZ = str(REPO / "examples" / "scenarios" / "scholz-1994.yaml")
runner = CliRunner()


def test_forecast_cli_json_has_the_documented_keys():
    result = runner.invoke(app, ["forecast", SCHOLZ, "--model", "expected_utility", "--draws", "50",
                                 "--format", "json", "--option", "rounds=2"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert {"model", "forecast", "interval_50", "interval_90", "rounds"} <= set(report)
    assert report["model"] == "expected_utility" and report["options"]["rounds"] == 2
    assert len(report["rounds"]) == 3 and set(report["rounds"][0]) == {"median", "mean"}


def test_forecast_cli_us_iran_end_to_end_with_evidence_and_chart(seeds, tmp_path):
    chart = tmp_path / "out.svg"
    result = runner.invoke(app, ["forecast", US_IRAN, "--docs", str(seeds), "--format", "markdown",
                                 "--draws", "200", "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    assert ("EMPTY — forecast is the status quo; blocked by Supreme Leader Ali Khamenei (Iran) and "
            "Trump administration (United States)") in result.stdout
    assert "no war, no negotiation" in result.stdout
    assert "breaking point of 'pressure' (now 0): 0.78" in result.stdout
    assert chart.read_text(encoding="utf-8").startswith("<svg")


def test_forecast_cli_bad_input_is_one_clean_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("issue: {scale: {low: 0, high: 1}}\nactors: [{actor: A, position: 0.5, salience: 2}]\n",
                   encoding="utf-8")
    result = runner.invoke(app, ["forecast", str(bad)])
    assert result.exit_code == 1
    assert "E402" in result.stderr and "salience 2 outside [0, 1]" in result.stderr
    assert "Traceback" not in result.output
    unknown = runner.invoke(app, ["forecast", SCHOLZ, "--model", "oracle"])
    assert unknown.exit_code == 1 and "E405" in unknown.stderr


def test_forecast_cli_eval_deu_scores_every_model(shared):
    result = runner.invoke(app, ["forecast-eval", "deu", str(shared / "data" / "deu" / "deu3.tsv"), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["n_issues"] == 353
    assert set(report["models"]) == {"compromise", "median", "expected_utility", "nash"}
    assert round(report["models"]["compromise"]["mae"], 2) == 23.68
    as_option = runner.invoke(app, ["forecast-eval", "deu", "--data", str(shared / "data" / "deu" / "deu3.tsv")])
    assert as_option.exit_code == 0 and "compromise" in as_option.stdout


def test_forecast_cli_model_alias_and_missing_data():
    result = runner.invoke(app, ["forecast", SCHOLZ, "--model", "eu", "--draws", "1", "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["model"] == "expected_utility"
    missing = runner.invoke(app, ["forecast-eval", "deu"])
    assert missing.exit_code == 1 and "E409" in missing.stderr
