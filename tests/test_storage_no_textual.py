"""The storage package never imports Textual (nor Rich): the CLI, HQ scripts and tests use it bare."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import storage

PROBE = r"""
import importlib, json, sys
names = json.loads(sys.argv[1])
for name in names:
    importlib.import_module(name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
print(json.dumps({"imported": [n for n in names if n in sys.modules], "ui": loaded}))
"""


def storage_modules() -> list[str]:
    folder = Path(storage.__file__).parent
    return ["storage"] + [f"storage.{p.stem}" for p in sorted(folder.glob("*.py")) if p.stem != "__init__"]


def test_every_storage_module_imports_without_textual_or_rich():
    names = storage_modules()
    assert {"storage.durable", "storage.store", "storage.check", "storage.demo"} <= set(names)
    assert len(names) >= 15
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(names)],
                            capture_output=True, text=True, check=True)
    report = json.loads(result.stdout)
    assert report["imported"] == names  # every module really was imported
    assert report["ui"] == []


def test_the_probe_does_see_textual_when_it_is_imported():
    """Guards the test above against passing vacuously."""
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(["storage", "textual.app"])],
                            capture_output=True, text=True, check=True)
    assert "textual.app" in json.loads(result.stdout)["ui"]
