"""Write docs/bundle.schema.json from the pydantic models: ``python -m storage.sync.schema [PATH]``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .bundle import bundle_schema

DEFAULT = Path(__file__).resolve().parents[2] / "docs" / "bundle.schema.json"


def schema_text() -> str:
    """The schema file's exact text (stable key order, trailing newline)."""
    return json.dumps(bundle_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DEFAULT
    path.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
