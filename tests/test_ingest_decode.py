"""decode_text: every supported encoding gives the same str, and offsets stay UTF-8's."""

from __future__ import annotations

import codecs

import pytest

from stancetrace.errors import InputError
from stancetrace.ingest.decode import decode_text

ARTICLE = "The “supreme leader” said talks were poison — café, naïve, résumé.\nSecond line.\n"


def test_decode_plain_utf8_is_read_as_is():
    decoded = decode_text(ARTICLE.encode("utf-8"))
    assert (decoded.text, decoded.encoding, decoded.byte_order_mark) == (ARTICLE, "utf-8", False)


def test_decode_utf8_bom_is_kept_so_offsets_match_a_utf8_reader():
    data = codecs.BOM_UTF8 + ARTICLE.encode("utf-8")
    decoded = decode_text(data)
    assert decoded.text == data.decode("utf-8")  # how the gold convention reads the file
    assert decoded.text[0] == "\ufeff" and decoded.byte_order_mark


@pytest.mark.parametrize("codec,mark", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
                                        ("utf-32-le", codecs.BOM_UTF32_LE)])
def test_decode_utf16_and_utf32_with_a_mark(codec, mark):
    decoded = decode_text(mark + ARTICLE.encode(codec))
    assert decoded.text == "\ufeff" + ARTICLE
    assert decoded.encoding == codec


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_decode_utf16_without_a_mark_is_recognised_by_its_nul_bytes(codec):
    decoded = decode_text(ARTICLE.encode(codec))
    assert (decoded.text, decoded.encoding) == (ARTICLE, codec)


def test_decode_cp1252_is_detected_with_curly_quotes_and_accents():
    text = "Khamenei called the idea “poison,” said the café owner in a naïve résumé.\n" * 5
    decoded = decode_text(text.encode("cp1252"))
    assert decoded.text == text
    assert decoded.encoding == "cp1252"


def test_decode_binary_junk_with_nul_bytes_is_refused():
    junk = bytes(range(256)) * 40
    with pytest.raises(InputError, match="E100 binary data"):
        decode_text(junk, "photo.txt")


def test_decode_control_characters_without_nul_are_refused():
    junk = bytes(b % 31 + 1 for b in range(4000))  # valid ASCII, but all control codes
    with pytest.raises(InputError, match="E100"):
        decode_text(junk)


def test_decode_damaged_utf8_names_the_first_bad_byte():
    good = ("Résumé of the talks in Genève, " * 4).encode("utf-8")
    with pytest.raises(InputError, match=f"E102 damaged UTF-8: 1 .* byte {len(good)}"):
        decode_text(good + b"\xff and more text")


def test_decode_whitespace_only_is_not_an_article():
    with pytest.raises(InputError, match="E104"):
        decode_text(codecs.BOM_UTF8 + b" \n\t\r\n ")


def test_decode_empty_bytes_are_refused():
    with pytest.raises(InputError, match="E002"):
        decode_text(b"")


def test_decode_truncated_utf16_after_a_mark_is_refused():
    with pytest.raises(InputError, match="E105"):
        decode_text(codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00\xd8")
