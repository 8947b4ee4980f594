"""Load the ingest rule files under `stancetrace/data/ingest/` (YAML), checked on load.

Rules (page-chrome markers, date words, encoding preferences) live in data files so
they can be read, reviewed and extended without touching code; each file carries a
`version` that says which rule set produced a document's layout.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..errors import ConfigError

DATA_PACKAGE = "stancetrace"
DATA_FOLDER = ("data", "ingest")


@lru_cache(maxsize=None)
def load_rules(name: str, required: tuple[str, ...] = ()) -> dict[str, Any]:
    """The parsed YAML file `data/ingest/<name>.yaml`; ConfigError if a key is missing."""
    path = resources.files(DATA_PACKAGE).joinpath(*DATA_FOLDER, f"{name}.yaml")
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"ingest rules '{name}' cannot be read: {exc}") from None
    if not isinstance(loaded, dict):
        raise ConfigError(f"ingest rules '{name}': expected a mapping at the top level")
    missing = [key for key in ("version", *required) if key not in loaded]
    if missing:
        raise ConfigError(f"ingest rules '{name}': missing key(s) {', '.join(missing)}")
    return loaded
