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
