"""Datasette metadata for a stancetrace SQLite file (descriptions, search on `statements`).

The file opens in Datasette as it is: readable names, a search box on `attributions`
(its FTS index says `content="attributions"`, as Datasette looks for it) and the foreign
key `attributions.document_id -> documents.id`. The metadata adds what Datasette cannot
find on its own: table and column descriptions, search on the `statements` view, and
`schema_migrations` hidden. Datasette keys a file's tables by the file's name, so the
metadata is written for one file:

    python -m stancetrace.web.datasette_metadata stancetrace.db > metadata.json
    datasette stancetrace.db --metadata metadata.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml

METADATA_FILE = Path(__file__).resolve().parent.parent / "data" / "web" / "datasette.yaml"


def database_name(path: str | Path) -> str:
    """The name Datasette gives a database file: its name without the extension."""
    return Path(path).stem


def metadata(path: str | Path) -> dict[str, Any]:
    """Datasette metadata (as `--metadata` reads it) for the SQLite file at `path`."""
    spec = yaml.safe_load(METADATA_FILE.read_text(encoding="utf-8"))
    return {
        "title": spec["title"],
        "description": spec["description"],
        "databases": {database_name(path): {"tables": spec["tables"]}},
    }


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        raise SystemExit("usage: python -m stancetrace.web.datasette_metadata FILE.db > metadata.json")
    print(json.dumps(metadata(args[0]), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
