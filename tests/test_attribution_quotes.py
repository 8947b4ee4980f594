"""Quote-mark pairing by direction and context (issue 3, item 1)."""

from stancetrace.attribution.quotes import find_quotes


def _contents(text):
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_quotes_curly_pair():
    assert _contents("He said “we will win” today.") == ["we will win"]


def test_quotes_apostrophes_are_not_openers():
    text = "Shi’a militias and ‘Alawite irregulars couldn’t stop the 1980s’ war. He called it “poison.”"
    assert _contents(text) == ["poison."]


def test_quotes_nested_single_inside_double():
    quotes = find_quotes("He said “the term ‘resistance’ is key” yesterday.")
    assert [(q.depth, q.family) for q in quotes] == [(0, "double"), (1, "single")]


def test_quotes_straight_marks_take_direction_from_context():
    assert _contents('She said "no deal" and "no war".') == ["no deal", "no war"]


def test_quotes_unbalanced_recovers_at_paragraph_end():
    text = "He said “we will stand until the end.\n\nNext paragraph “fine” here."
    assert _contents(text) == ["we will stand until the end.", "fine"]


def test_quotes_multi_paragraph_quote_reopens():
    text = "“First part of the letter.\n\n“Second part,” he wrote."
    assert _contents(text) == ["First part of the letter.", "Second part,"]


def test_quotes_stray_closer_never_fails():
    assert _contents("odd ” mark and ’ another") == []
    assert find_quotes("") == []


def test_quotes_wrong_way_closer_opens_a_line():
    text = "Getty.\n\n”Fear. I am truly afraid.” ― Edwin Monroy"
    assert _contents(text) == ["Fear. I am truly afraid."]


def test_quotes_doubled_apostrophes_are_one_double_mark():
    text = "Mr. Burman said. ''There's no evidence,'' he said. Cook called it ''total crap''. It isn't 'odd'."
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["There's no evidence,", "total crap", "odd"]
    assert [q.family for q in quotes] == ["double", "double", "single"]
    assert text[quotes[0].outer_start : quotes[0].outer_end] == "''There's no evidence,''"


def _titles(text):
    from stancetrace.attribution.quotes import names_a_work

    return [(text[q.start : q.end], names_a_work(text, q)) for q in find_quotes(text)]


def test_quotes_title_after_possessive_names_a_work():
    assert _titles("Ryan said on CBS’s “Face the Nation,” that the talks failed.") == [("Face the Nation,", True)]
    assert _titles('He told NBC\'s "Meet the Press" he would run.') == [("Meet the Press", True)]


def test_quotes_title_after_on_names_a_work():
    assert _titles("Sanders said on “This Week with George Stephanopoulos.”") == [
        ("This Week with George Stephanopoulos.", True)]
    assert _titles("said Meacham, the author of “Destiny and Power,” a biography.") == [("Destiny and Power,", True)]


def test_quotes_title_after_a_word_for_a_work_names_a_work():
    assert _titles('She spoke on his podcast "The Axe Files" on Thursday.') == [("The Axe Files", True)]
    assert _titles("Trump called her “Crooked Hillary” again.") == [("Crooked Hillary", False)]


def test_quotes_words_in_lower_case_or_chants_are_not_titles():
    assert _titles("Trump’s “strong leader” remark") == [("strong leader", False)]
    assert _titles("The hall rang with chants of “Lock Her Up!”") == [("Lock Her Up!", False)]
    assert _titles("The crowd answered with cries of “Feel the Bern!”") == [("Feel the Bern!", False)]
    # A headline capitalises every word, so its "On" says nothing about a title.
    assert _titles("Governor Sides With Bush On ‘Radical Islam’") == [("Radical Islam", False)]


def test_quotes_rule_file_is_validated_on_load(tmp_path):
    import pytest

    from stancetrace.attribution.quotes import load_quote_rules
    from stancetrace.errors import ConfigError

    bad = tmp_path / "quotes.yaml"
    bad.write_text("version: stancetrace.quotes.v1\ntitles:\n  name_cues: [on]\n  minor_words: [of]\n"
                   "  speech_marks: ['!']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="name_cues"):  # a bare `on` is YAML for true
        load_quote_rules(bad)
    assert load_quote_rules().version == "stancetrace.quotes.v1"
