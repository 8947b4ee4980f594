"""Held-out gold readers: PETRARCH-2 validation sentences mapped to PLOVER through the table."""

from stancetrace.coding import evaluation

TABLE = """# CAMEO to PLOVER
03: AGREE
036: AGREE,  , diplomatic # Express intent to meet
11: ACCUSE
112: ACCUSE, , # Accuse
"""
PETR = """# banner
<Sentences>
<Sentence category="GOLD" date="20080801" id="a" evaluate="true"/>
<EventCoding eventcode="112" sourcecode="USA" targetcode="IRN" />
<Text>
The United States accused
Iran of lying.
</Text>
</Sentence>
<!-- <Sentence id="hidden"><Text>hidden</Text></Sentence> -->
<Sentence category="TEST" date="121108" id="b" evaluate="true">
<EventCoding noevents="True" />
<Text>The weather was fine.</Text>
</Sentence>
</Sentences>
"""


def test_coding_evaluation_petrarch_codes_map_to_plover(tmp_path):
    table, petr = tmp_path / "map.txt", tmp_path / "petr.xml"
    table.write_text(TABLE)
    petr.write_text(PETR)
    mapping = evaluation.read_cameo_map(table)
    assert mapping["036"] == "AGREE" and mapping["11"] == "ACCUSE"
    sentences = evaluation.read_petrarch(petr)
    assert sentences == [("The United States accused Iran of lying.", ["112"]), ("The weather was fine.", [])]
    report = evaluation.run_petrarch(petr, table)
    assert report["n"] == 2 and report["accuracy"] == 1.0  # ACCUSE read as DISAPPROVE; no event as (none)
