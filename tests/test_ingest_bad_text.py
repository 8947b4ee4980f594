"""Bad plain-text input: one clear InputError each, and a 100 MB file within memory."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from stancetrace.errors import InputError
from stancetrace.ingest import read_document
from stancetrace.pipeline import read_documents

# A 100 MB text must ingest in under ~10x its size (issue 2); measured ~3.1x (peak from after the imports).
MEMORY_FACTOR_LIMIT = 10


def test_bad_text_empty_file_is_one_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="E002"):
        read_document(path)


def test_bad_text_binary_junk_named_txt_is_one_error(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.source == str(path)
    assert caught.value.reason.startswith("E100 binary data")


def test_bad_text_invalid_utf8_gives_the_byte_offset(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes("Résumé of the talks in Genève and Zürich. ".encode("utf-8") * 3 + b"\xc3(")
    with pytest.raises(InputError, match=r"E102 damaged UTF-8.*first at byte \d+"):
        read_document(path)


def test_bad_text_batch_keeps_going_after_a_bad_file(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "b.txt").write_text("Talks Fail Again\n\nThe envoy of Veloria left the talks early.\n")
    results = list(read_documents([str(tmp_path)]))
    assert [type(r).__name__ for r in results] == ["InputError", "Document"]


@pytest.mark.slow
def test_bad_text_100_mb_file_ingests_within_ten_times_its_size(tmp_path):
    path = tmp_path / "big.txt"
    paragraph = ("The envoy of Veloria said the talks in Port Amsel were “pointless”. " * 8).strip() + "\n\n"
    with path.open("w", encoding="utf-8") as out:
        out.write("Veloria Rejects Talks\n\nMar 3, 2011\n\n")
        out.write(paragraph * (100 * 1024 * 1024 // len(paragraph.encode("utf-8"))))
    size = path.stat().st_size
    # A fresh process whose peak starts after its imports, so it is this read's alone
    # (not the interpreter's, and not inherited from the pytest process that started it).
    script = textwrap.dedent(f"""
        from pathlib import Path
        from stancetrace.ingest import read_document
        from stancetrace.peak_memory import peak_resident_bytes, reset_peak
        reset_peak()
        document = read_document(Path({str(path)!r}))
        assert document.published == "2011-03-03" and document.body_end > {size // 2}
        print(peak_resident_bytes())
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    peak = int(run.stdout.strip())
    assert peak < MEMORY_FACTOR_LIMIT * size, f"peak {peak / 2**20:.0f} MiB for {size / 2**20:.0f} MiB"
