"""Broken bundles: every one is refused with a German message naming the problem, nothing changes.

The corpus is made in the test from a real full export of a small demo store, then broken in one
way per case. Where a case changes record content, ``rerev``/``reseal`` repair rev, count and
checksum, so that only the rule under test can catch it. For every case: ``import_bundle`` reports
an error and applies nothing, the store file is byte-identical, no backup is made, and
``asskomm import`` exits 2 with the message on stderr (and no terminal control character).
"""

from __future__ import annotations

import copy
import gzip
import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any, Callable

import pytest

import storage.sync.bundle as bundle_module
from asskomm_tui.cli import main
from storage import Store
from storage.demo import generate
from storage.records import MAX_TEXT
from storage.sync.exchange import export_bundle, import_bundle
from sync_helpers import (
    MARKUP,
    PIRNA,
    add_visit,
    backup_names,
    allow_plain_bundles,
    export_content,
    new_store,
    read_json,
    reseal,
    rerev,
    write_json,
)

END = date(2026, 11, 26)


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> dict[str, Any]:
    """The JSON of a real full export of a small demo store (communes, consultants, visits)."""
    folder = tmp_path_factory.mktemp("corpus")
    generate(folder / "demo.json", visits=6, seed=3, end=END)
    with Store.open(folder / "demo.json") as store:
        body = export_content(store, folder, full=True, initials="AR")
    assert {r["kind"] for r in body["records"]} == {"commune", "consultant", "visit"}
    return body


@pytest.fixture
def target(tmp_path) -> Path:
    """A closed HQ store that has imported nothing yet (the daily backup already exists)."""
    path = tmp_path / "hq.json"
    new_store(path, "Zentrale LPR", "LPR", role="hq").close()
    return path


def first(body: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(r for r in body["records"] if r["kind"] == kind)


# -- the corpus: (name, words the message must contain, how to make the file) -------------------------
Maker = Callable[[dict[str, Any], Path], Path]


def as_json(change: Callable[[dict[str, Any]], Any]) -> Maker:
    def make(body: dict[str, Any], path: Path) -> Path:
        body = copy.deepcopy(body)
        return write_json(path, change(body) or body)
    return make


def raw_bytes(make_bytes: Callable[[bytes], bytes]) -> Maker:
    def make(body: dict[str, Any], path: Path) -> Path:
        path.write_bytes(make_bytes(json.dumps(body).encode("utf-8")))
        return path
    return make


def record_change(kind: str, change: Callable[[dict[str, Any]], None], fix_rev: bool = True) -> Maker:
    """Change the first record of ``kind``; its rev, the count and the checksum are made to fit."""
    def body_change(body: dict[str, Any]) -> dict[str, Any]:
        record = first(body, kind)
        change(record)
        if fix_rev:
            rerev(record)
        return reseal(body)
    return as_json(body_change)


def _set(target: dict[str, Any], key: str, value: Any) -> None:
    target[key] = value


def newer_version(body: dict[str, Any]) -> None:
    body.update(format_version=3, app_version="3.1.4")  # 2 is the sealed format
    body["records"][0]["new_field_of_v3"] = True  # a newer format may look different: still this message


def tampered(body: dict[str, Any]) -> dict[str, Any]:
    first(body, "visit")["data"]["summary"] = "nachträglich geändert"  # rev kept
    return reseal(body)


def duplicate(body: dict[str, Any]) -> dict[str, Any]:
    body["records"].append(copy.deepcopy(first(body, "visit")))
    return reseal(body)


def unknown_kind(body: dict[str, Any]) -> dict[str, Any]:
    record = first(body, "visit")
    record["kind"] = "dienstreise"
    return reseal(body)


def not_a_record(body: dict[str, Any]) -> dict[str, Any]:
    body["records"].insert(0, ["visit", "x"])
    return reseal(body)


def directory(body: dict[str, Any], path: Path) -> Path:
    path.mkdir()
    return path


def missing(body: dict[str, Any], path: Path) -> Path:
    return path.with_name("gibt-es-nicht.json")


def corrupt_gzip(data: bytes) -> bytes:
    packed = bytearray(gzip.compress(data))
    packed[len(packed) // 2] ^= 0xFF  # one damaged byte in the middle of the stream
    return bytes(packed)


def gzip_bomb(body: dict[str, Any], path: Path) -> Path:
    """A few dozen kB that unpack to 50 MB (a valid JSON start, then spaces)."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9, mtime=0) as stream:
        stream.write(b'{"format": "asskomm-bundle", "format_version": 1, "records": [')
        block = b" " * (1 << 20)
        for _ in range(50):
            stream.write(block)
        stream.write(b"]}")
    path.write_bytes(out.getvalue())
    assert path.stat().st_size < 200_000
    return path


def pretty(change: Callable[[str], str]) -> Maker:
    """The bundle as indented JSON (so that line numbers mean something), then changed as text."""
    def make(body: dict[str, Any], path: Path) -> Path:
        path.write_bytes(change(json.dumps(body, indent=2, ensure_ascii=False)).encode("utf-8"))
        return path
    return make


def named_gz(make_bytes: Callable[[bytes], bytes]) -> Maker:
    """A file called ``….json.gz`` holding ``make_bytes(the bundle's JSON)``."""
    def make(body: dict[str, Any], path: Path) -> Path:
        path = path.with_name(path.stem + ".json.gz")
        path.write_bytes(make_bytes(json.dumps(body).encode("utf-8")))
        return path
    return make


def gzip_cut(data: bytes) -> bytes:
    """A real gzip file of the bundle, cut off after a third of it (an interrupted copy)."""
    packed = gzip.compress(data)
    return packed[: len(packed) // 3]


def gzip_bad_crc(data: bytes) -> bytes:
    packed = bytearray(gzip.compress(data))
    packed[-8] ^= 0xFF  # the CRC32 of the trailer
    return bytes(packed)


def on_line_three(char: str) -> Callable[[str], str]:
    """``char`` in place of the value on line 3 of the indented bundle (column 21)."""
    def change(text: str) -> str:
        lines = text.split("\n")
        assert lines[2] == '  "format_version": 1,'
        lines[2] = f'  "format_version": {char},'
        return "\n".join(lines)
    return change


def bad_utf8_pretty(body: dict[str, Any], path: Path) -> Path:
    text = on_line_three("\udcff")(json.dumps(body, indent=2, ensure_ascii=False))  # the lone byte 0xFF
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    return path


# German words and places instead of the parser's English (item 17 of issue 7)
PARSER_CASES: list[tuple[str, list[str], Maker]] = [
    ("cut-in-a-string", ["endet mitten im json", "abgeschnitten?"],
     raw_bytes(lambda b: b[: b.index(b'"summary"') + 12])),
    ("cut-after-a-key", ["endet mitten im json", "abgeschnitten?"], raw_bytes(lambda b: b[: b.index(b'"records"') + 9])),
    ("cut-pretty", ["endet mitten im json (zeile", "abgeschnitten?"], pretty(lambda t: t[: len(t) * 2 // 3])),
    ("odd-character", ["unerwartetes zeichen „§“ in zeile 3, spalte 21"], pretty(on_line_three("§"))),
    ("control-character", ["unerwartetes zeichen u+0007 in zeile 3, spalte 21"], pretty(on_line_three("\a"))),
    ("bad-byte-pretty", ["kein gültiger utf-8-text an byte", "(zeile 3, spalte 21)"], bad_utf8_pretty),
    ("byte-order-mark", ["byte-order-mark"], raw_bytes(lambda b: b"\xef\xbb\xbf" + b)),
    ("two-documents", ["nach dem ende des json-objekts folgt noch etwas"], raw_bytes(lambda b: b + b' {"x": 1}')),
    ("trailing-comma", ["überzähliges komma"], raw_bytes(lambda b: b[:-1] + b",}")),
    ("leading-zero", ["ungültige zahl"], raw_bytes(lambda b: b.replace(b'"format_version": 1', b'"format_version": 01'))),
    ("newline-in-a-string", ["ungültiger text", "zeile 1"], raw_bytes(lambda b: b.replace(b"asskomm-bundle", b"asskomm\nbundle"))),
    ("lone-surrogate", ["ungültiger text"], raw_bytes(lambda b: b.replace(b"asskomm-bundle", b"asskomm\\ud800"))),
    ("not-gzip-but-named-so", ["keine gzip-datei (obwohl .gz im namen)"], named_gz(lambda b: b"PK\x03\x04 eine zip-Datei")),
    ("gz-named-broken-json", ["keine gzip-datei (obwohl .gz im namen)"], named_gz(lambda b: b[:100])),
    ("gzip-cut-off", ["gzip-datei ist abgeschnitten", "endet nach", "kb"], named_gz(gzip_cut)),
    ("gzip-bad-crc", ["gzip-datei ist beschädigt", "prüfsumme"], named_gz(gzip_bad_crc)),
    ("gzip-with-garbage-after", ["gzip-datei ist beschädigt", "fremde daten"],
     named_gz(lambda b: gzip.compress(b) + b"Anhang")),
    ("gzip-of-cut-json", ["endet mitten im json", "abgeschnitten?"], named_gz(lambda b: gzip.compress(b[:300]))),
]
# what orjson, json, gzip and zlib say in English: none of it may reach the user
ENGLISH = re.compile(r"\b(unexpected|column|char|characters?|expect(ed|ing)?|surrogates?|allowed|line|invalid|"
                     r"error|decod\w*|compressed|marker|crc|gzipped|end of|literal|trailing|stream)\b", re.I)

CASES: list[tuple[str, list[str], Maker]] = [*PARSER_CASES,
    ("truncated", ["endet mitten im json", "zeile 1, spalte", "abgeschnitten?"], raw_bytes(lambda b: b[: len(b) // 2])),
    ("not-json", ["kein gültiges json"], raw_bytes(lambda b: b"Sehr geehrte Damen und Herren,\n")),
    ("not-utf8", ["kein gültiger utf-8-text an byte 12 (zeile 1, spalte 13)"],
     raw_bytes(lambda b: b.replace(b'"asskomm-bundle"', b'"\xff\xfe"'))),
    ("empty", ["leer"], raw_bytes(lambda b: b"")),
    ("whitespace", ["leer"], raw_bytes(lambda b: b" \n\t\r\n  ")),
    ("list", ["keine asskomm-exportdatei", "kein objekt"], as_json(lambda body: [body])),
    ("wrong-format", ["keine asskomm-exportdatei", "format", "'tinydb'"],
     as_json(lambda body: _set(body, "format", "tinydb"))),
    ("newer-version", ["asskomm 3.1.4", "format 3", "aktualisieren"], as_json(newer_version)),
    ("version-zero", ["kopf", "format_version"], as_json(lambda body: _set(body, "format_version", 0))),
    ("checksum", ["prüfsumme"], as_json(lambda body: _set(body, "sha256", "0" * 64))),
    ("count", ["nennt", "datensätze", "enthält aber"], as_json(lambda body: _set(body, "count", body["count"] + 1))),
    ("records-missing", ["records", "fehlt"], as_json(lambda body: body.pop("records") and None)),
    ("rev-does-not-match", ["rev passt nicht zum inhalt"], as_json(tampered)),
    ("seq-as-string", ["seq"], record_change("visit", lambda r: _set(r, "seq", str(r["seq"])), fix_rev=False)),
    ("date-as-int", ["date"], record_change("visit", lambda r: _set(r["data"], "date", 0))),
    ("population-as-float", ["population"], record_change("commune", lambda r: _set(
        r["data"], "population", r["data"]["population"] + 0.0))),
    ("deleted-as-int", ["deleted"], record_change("visit", lambda r: _set(r, "deleted", 0), fix_rev=False)),
    ("base-seq-as-string", ["kopf", "base_seq"], as_json(lambda body: _set(body, "base_seq", "0"))),
    ("unknown-kind", ["dienstreise"], as_json(unknown_kind)),
    ("not-a-record", ["datensatz 1", "ungültig"], as_json(not_a_record)),
    ("unknown-header-field", ["kopf", "signature", "unbekanntes feld"],
     as_json(lambda body: _set(body, "signature", "abc"))),
    ("unknown-record-field", ["unbekanntes feld", "comment"], record_change("visit", lambda r: _set(r, "comment", "x"),
                                                                             fix_rev=False)),
    ("unknown-data-field", ["unbekanntes feld", "secret"], record_change("visit", lambda r: _set(
        r["data"], "secret", "x"))),
    ("missing-header-field", ["kopf", "bundle_id", "fehlt"], as_json(lambda body: body.pop("bundle_id") and None)),
    ("missing-record-field", ["updated_by", "fehlt"], record_change("visit", lambda r: r.pop("updated_by") and None,
                                                                     fix_rev=False)),
    ("missing-data-field", ["commune", "fehlt"], record_change("visit", lambda r: r["data"].pop("commune") and None)),
    ("duplicate", ["doppelt"], as_json(duplicate)),
    ("huge-text", ["notes", str(MAX_TEXT)], record_change("visit", lambda r: _set(r["data"], "notes", "x" * (MAX_TEXT + 1)))),
    ("escape-sequence", ["steuerzeichen", "notes"], record_change("visit", lambda r: _set(
        r["data"], "notes", "Achtung \x1b[31mROT\x1b[0m und \x1b]0;Titel\x07"))),
    ("escape-in-id", ["id"], record_change("visit", lambda r: _set(r, "id", "\x1b[2J"), fix_rev=False)),
    ("rev-form", ["rev"], record_change("visit", lambda r: _set(r, "rev", "zwei-abc"), fix_rev=False)),
    ("revs-start", ["revs", "hash von rev"], record_change("visit", lambda r: _set(r, "revs", ["0" * 32]), fix_rev=False)),
    ("first-rev-with-ancestors", ["erste revision"], record_change("visit", lambda r: r["revs"].append("a" * 32),
                                                                    fix_rev=False)),
    ("base-after-up-to", ["base_seq", "up_to_seq"], as_json(lambda body: _set(body, "base_seq", body["up_to_seq"] + 5))),
    ("negative-ack", ["kopf", "acks"], as_json(lambda body: _set(body, "acks", {"a1b2": -1}))),
    ("gzip-truncated", ["gzip-datei ist abgeschnitten"], raw_bytes(lambda b: gzip.compress(b)[:200])),
    ("gzip-corrupt", ["gzip", "beschädigt"], raw_bytes(corrupt_gzip)),
    ("gzip-bomb", ["entpackt größer als 1 mb"], gzip_bomb),
    ("directory", ["ordner"], directory),
    ("missing-file", ["existiert nicht"], missing),
]


def test_the_corpus_is_big_enough():
    assert len(CASES) >= 20 and len({name for name, _, _ in CASES}) == len(CASES)


@pytest.fixture
def small_limits(monkeypatch):
    """A 1 MB limit for unpacked files, so the gzip bomb stays cheap (the real limit is 256 MB)."""
    monkeypatch.setattr(bundle_module, "MAX_JSON_BYTES", 1 << 20)


@pytest.mark.parametrize("name, words, make", CASES, ids=[c[0] for c in CASES])
def test_a_broken_bundle_is_refused_and_changes_nothing(name, words, make, good, target, tmp_path, capsys,
                                                        small_limits):
    path = make(good, tmp_path / f"{name}.json")
    before, backups = target.read_bytes(), backup_names(target)

    # plain files, as during the change-over: the checks of the content are the same for the
    # content of a sealed file (test_sealed_bundles.py runs a sample of them sealed)
    with Store.open(target) as store:
        report = import_bundle(store, path, allow_plain=True)
        preview = import_bundle(store, path, dry_run=True, allow_plain=True)
    assert report.error and not report.applied and not report.counts
    assert preview.error == report.error
    message = report.error.lower()
    for word in words:
        assert word in message, (word, report.error)
    in_words = report.error.replace(path.name, "")
    assert not ENGLISH.search(in_words), (ENGLISH.search(in_words), report.error)
    assert path.name in report.error  # the message says which file
    assert "\x1b" not in report.error and len(report.error) < 1000
    assert target.read_bytes() == before
    assert backup_names(target) == backups

    allow_plain_bundles()
    code = main(["import", str(path), "--db", str(target)])
    out, err = capsys.readouterr()
    assert code == 2
    assert "ABGELEHNT" in err and report.error in err and "nichts übernommen" in err
    assert "\x1b" not in err and out == ""
    assert target.read_bytes() == before
    assert backup_names(target) == backups


def test_one_good_and_one_bad_file_apply_the_good_one_and_exit_2(good, target, tmp_path, capsys):
    bad = CASES[0][2](good, tmp_path / "kaputt.json")
    with new_store(tmp_path / "c1.json", "Anna Richter", "AR") as laptop:
        visit = add_visit(laptop, PIRNA, summary="Gespräch mit dem Bürgermeister")
        ok = export_bundle(laptop, tmp_path / "out", initials="AR").path

    assert backup_names(target) == []
    code = main(["import", str(bad), str(ok), "--db", str(target)])
    out, err = capsys.readouterr()
    assert code == 2
    assert [name.rsplit("-", 2)[-2:] for name in backup_names(target)] == [["vor", "import.json"]]
    assert "kaputt.json: ABGELEHNT" in err and ok.name not in err
    assert f"{ok}: übernommen – 2 Datensätze" in out and "1 neu" in out
    with Store.open(target) as store:
        assert store.raw("visit", visit)["data"]["summary"] == "Gespräch mit dem Bürgermeister"
        assert store.local.extra["acks"]  # the good file was recorded as received


def test_a_refused_file_does_not_block_a_later_good_copy(good, target, tmp_path):
    """The ledger only remembers applied files: the intact copy of a damaged file still imports."""
    path = tmp_path / "export.json"
    CASES[[c[0] for c in CASES].index("checksum")][2](good, path)
    with Store.open(target) as store:
        assert import_bundle(store, path, allow_plain=True).error
        write_json(path, good)
        report = import_bundle(store, path, allow_plain=True)
        assert report.error is None and report.applied and not report.already_imported
        assert report.total("new") + report.total("updated") == len(good["records"]) == report.records


def test_markup_in_text_is_data_and_round_trips_exactly(target, tmp_path, capsys):
    tricky = MARKUP + "\n[/x] Zeile 2\twith tab \\ und \"Anführungszeichen\" – ÄÖÜß ✓"
    with new_store(tmp_path / "c1.json", "Anna [b]Richter[/b]", "AR") as laptop:
        visit = add_visit(laptop, PIRNA, summary=MARKUP, notes=tricky)
        exported = export_bundle(laptop, tmp_path / "out", initials="AR").path
        sent = laptop.raw("visit", visit)
    assert MARKUP.encode() not in exported.read_bytes()  # sealed: nothing readable on the stick
    assert MARKUP in json.dumps(read_json(exported), ensure_ascii=False)  # inside: as typed, not escaped away

    code = main(["import", str(exported), "--db", str(target)])
    out, err = capsys.readouterr()
    assert code == 0 and err == "" and "übernommen" in out
    with Store.open(target) as store:
        got = store.raw("visit", visit)
        assert got == sent
        assert (got["data"]["summary"], got["data"]["notes"]) == (MARKUP, tricky)
        assert store.raw("consultant", sent["updated_by"])["data"]["name"] == "Anna [b]Richter[/b]"
        again = export_bundle(store, tmp_path / "back").path
    assert next(r for r in read_json(again)["records"] if r["id"] == visit)["data"]["notes"] == tricky
