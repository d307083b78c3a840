"""docs/bundle.schema.json is what the code generates, and real exports are valid against it.

``jsonschema`` is not a dependency, so a small validator below covers exactly the keywords the
generated schema uses; a test fails if the schema starts using another one.
"""

from __future__ import annotations

import copy
import gzip
import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from storage import Repositories, Store
from storage.demo import generate
from storage.sync.bundle import BundleError, read_bundle
from storage.sync.exchange import export_bundle, import_bundle
from storage.sync.schema import DEFAULT, main as write_schema, schema_text
from sync_helpers import WURZEN, add_visit, edit_visit, export_content, new_store, read_json, reseal, rerev, write_json

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "docs" / "bundle.schema.json"
SUPPORTED = {
    "$defs", "$id", "$ref", "$schema", "additionalProperties", "anyOf", "const", "default", "description",
    "discriminator", "enum", "format", "if", "items", "mapping", "maxItems", "maxLength", "maximum", "minItems",
    "minLength", "minimum", "not", "oneOf", "pattern", "patternProperties", "properties", "propertyName",
    "required", "then", "title", "type",
}
TYPES = {"string": str, "integer": int, "boolean": bool, "array": list, "object": dict, "null": type(None)}
FORMATS = {
    "date": date.fromisoformat,
    "date-time": lambda text: datetime.fromisoformat(text.replace("Z", "+00:00")),
    "uuid": lambda text: re.fullmatch(r"[0-9a-f]{8}-?([0-9a-f]{4}-?){3}[0-9a-f]{12}", text) or 1 / 0,
}


def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_FILE.read_text("utf-8"))


def keywords(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(key)
            children = value.values() if key in ("properties", "$defs", "mapping", "patternProperties") else [value]
            for child in children:
                found |= keywords(child)
    elif isinstance(node, list):
        for item in node:
            found |= keywords(item)
    return found


def errors(value: Any, node: dict[str, Any], root: dict[str, Any], where: str = "$") -> list[str]:
    """What is wrong with ``value`` under the schema ``node`` (empty if valid)."""
    if "$ref" in node:
        return errors(value, root["$defs"][node["$ref"].removeprefix("#/$defs/")], root, where)
    if "anyOf" in node and all(errors(value, option, root, where) for option in node["anyOf"]):
        return [f"{where}: passt zu keiner Alternative"]
    if "oneOf" in node:
        discriminator = node.get("discriminator")
        if discriminator and isinstance(value, dict):
            target = discriminator["mapping"].get(value.get(discriminator["propertyName"]))
            if target is None:
                return [f"{where}: unbekannte Art {value.get(discriminator['propertyName'])!r}"]
            return errors(value, {"$ref": target}, root, where)
        if sum(not errors(value, option, root, where) for option in node["oneOf"]) != 1:
            return [f"{where}: passt nicht zu genau einer Alternative"]
    kind = node.get("type")
    if kind is not None:
        python = TYPES[kind]
        if not isinstance(value, python) or (kind == "integer" and isinstance(value, bool)):
            return [f"{where}: {type(value).__name__} statt {kind}"]
    found = []
    if "not" in node and not errors(value, node["not"], root, where):
        found.append(f"{where}: darf nicht zu {node['not']} passen")
    if "if" in node and not errors(value, node["if"], root, where):
        found += errors(value, node.get("then", {}), root, where)
    if "const" in node and (value != node["const"] or type(value) is not type(node["const"])):
        found.append(f"{where}: nicht {node['const']!r}")
    if "enum" in node and value not in node["enum"]:
        found.append(f"{where}: {value!r} nicht in {node['enum']}")
    if isinstance(value, str):
        if len(value) < node.get("minLength", 0) or len(value) > node.get("maxLength", len(value)):
            found.append(f"{where}: Länge {len(value)}")
        if "pattern" in node and not re.search(node["pattern"], value):
            found.append(f"{where}: passt nicht zu {node['pattern']}")
        if "format" in node:
            try:
                FORMATS[node["format"]](value)
            except (ValueError, ZeroDivisionError):
                found.append(f"{where}: kein {node['format']}")
    if isinstance(value, int) and not isinstance(value, bool):
        if value < node.get("minimum", value) or value > node.get("maximum", value):
            found.append(f"{where}: {value} außerhalb")
    if isinstance(value, list):
        if len(value) < node.get("minItems", 0) or len(value) > node.get("maxItems", len(value)):
            found.append(f"{where}: {len(value)} Einträge")
        for index, item in enumerate(value):
            found += errors(item, node.get("items", {}), root, f"{where}[{index}]")
    if isinstance(value, dict):
        found += [f"{where}.{key}: fehlt" for key in node.get("required", []) if key not in value]
        for key, item in value.items():
            if key in node.get("properties", {}):
                found += errors(item, node["properties"][key], root, f"{where}.{key}")
                continue
            patterns = [s for p, s in node.get("patternProperties", {}).items() if re.search(p, key)]
            for sub in patterns:
                found += errors(item, sub, root, f"{where}.{key}")
            if not patterns and node.get("additionalProperties", True) is False:
                found.append(f"{where}.{key}: unbekanntes Feld")
    return found


def test_the_published_schema_is_the_generated_one():
    """If this fails: run ``python -m storage.sync.schema`` and commit docs/bundle.schema.json."""
    assert SCHEMA_FILE == DEFAULT
    assert SCHEMA_FILE.read_text("utf-8") == schema_text()


def test_the_schema_writer_writes_exactly_that_text(tmp_path, capsys):
    target = tmp_path / "bundle.schema.json"
    assert write_schema([str(target)]) == 0
    assert target.read_text("utf-8") == schema_text()
    assert str(target) in capsys.readouterr().out


def test_the_small_validator_knows_every_keyword_the_schema_uses():
    assert keywords(schema()) <= SUPPORTED
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.fixture(scope="module")
def bundles(tmp_path_factory) -> list[dict[str, Any]]:
    """Real exports: a demo store in full, a consultant's increment, and HQ's file with a conflict."""
    folder = tmp_path_factory.mktemp("schema")
    generate(folder / "demo.json", visits=8, seed=2, end=date(2026, 11, 26))
    with Store.open(folder / "demo.json") as store:
        demo = export_content(store, folder, full=True, initials="AR")
    laptop = new_store(folder / "c1.json", "Anna Richter", "AR")
    hq = new_store(folder / "hq.json", "Zentrale LPR", "LPR", role="hq")
    visit = add_visit(laptop, WURZEN, notes="[b]x[/b] <script>")
    assert import_bundle(hq, export_bundle(laptop, folder / "out").path).applied
    Repositories(laptop).delete_visit(visit)
    edit_visit(hq, visit, summary="von der Zentrale")
    increment = export_bundle(laptop, folder / "out").path
    assert import_bundle(hq, increment).conflicts == [("visit", visit)]
    central = export_bundle(hq, folder / "out", compress=True).path
    for store in (laptop, hq):
        store.close()
    return [demo, read_json(increment, reader=hq), read_json(central, reader=laptop)]


def test_real_exports_are_valid_against_the_published_schema(bundles):
    root = schema()
    demo, increment, central = bundles
    assert {r["kind"] for r in demo["records"]} >= {"commune", "consultant", "visit"}
    assert any(r["deleted"] for r in increment["records"])
    assert len([r for r in central["records"] if r["kind"] == "visit"]) == 2  # both leaves of the conflict
    for body in bundles:
        assert errors(body, root, root) == []


def first(body: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(r for r in body["records"] if r["kind"] == kind)


@pytest.mark.parametrize("word, change, fix_rev", [
    ("seq", lambda b: first(b, "visit").update(seq=str(first(b, "visit")["seq"])), False),
    ("date", lambda b: first(b, "visit")["data"].update(date=0), True),
    ("deleted", lambda b: first(b, "visit").update(deleted=0), False),
    ("data", lambda b: first(b, "visit").update(data=None), True),  # data null only in a tombstone
    ("population", lambda b: first(b, "commune")["data"].update(population=10.0), True),
    ("secret", lambda b: first(b, "visit")["data"].update(secret=1), True),
    ("dienstreise", lambda b: first(b, "visit").update(kind="dienstreise"), False),
    ("kpr_status", lambda b: first(b, "commune")["data"].update(kpr_status="gegründet"), True),
    ("rev", lambda b: first(b, "visit").update(rev="1-XYZ"), False),
    ("bundle_id", lambda b: b.pop("bundle_id"), None),
    ("base_seq", lambda b: b.update(base_seq="0"), None),
    ("count", lambda b: b.update(count=-1), None),
], ids=lambda v: v if isinstance(v, str) else "")
def test_the_schema_and_the_reader_refuse_the_same_broken_bundles(word, change, fix_rev, bundles, tmp_path):
    """The reader is as strict as the published schema: what one refuses, the other refuses too."""
    root = schema()
    body = copy.deepcopy(bundles[0])
    change(body)
    if fix_rev is not None:  # a record changed: make rev, count and checksum fit again
        if fix_rev:
            for record in body["records"]:
                if rev_hash_of(record) != record["revs"][0]:
                    rerev(record)
        reseal(body)
    assert errors(body, root, root)
    with pytest.raises(BundleError) as refused:
        read_bundle(write_json(tmp_path / "b.json", body))
    assert word in refused.value.message
    assert "Prüfsumme" not in refused.value.message and "passt nicht zum Inhalt" not in refused.value.message


def rev_hash_of(record: dict[str, Any]) -> str:
    """The hash a record's content would give (so only the changed record gets a new rev)."""
    from storage.canonical import parent_rev, revision_hash

    return revision_hash(parent_rev(record["rev"], record["revs"]), record["deleted"], record["data"])
