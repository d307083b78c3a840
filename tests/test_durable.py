"""DurableJSONStorage: atomic writes, corrupt files, temp files, batches and the file layout."""

from __future__ import annotations

import errno
import importlib.util
import json
import math
import os
import time
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import Query, TinyDB

from storage import CorruptStoreError, DurableJSONStorage, Store, StoreError
from storage import durable
from storage.durable import dump_tables, load_tables
from storage.errors import DiskFullError


def original_json_storage():
    """TinyDB's own JSONStorage, loaded afresh.

    tests/tinydb_suite/conftest.py replaces ``tinydb.storages.JSONStorage`` with
    DurableJSONStorage for the whole session, so the name cannot be imported from tinydb here.
    """
    spec = importlib.util.find_spec("tinydb.storages")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.JSONStorage is not DurableJSONStorage
    return module.JSONStorage


def temp_leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if durable.TEMP_MARK in p.name)


TABLES = {
    "_default": {"1": {"name": "Pirna", "n": 1}, "2": {"name": "Wurzen", "tags": ["a", "b"]}},
    "visit": {"7": {"summary": "Zeile 1\nZeile 2 \"zitiert\" \\ }}", "ok": True, "none": None}},
}


# -- atomic writes -------------------------------------------------------------------------------
@pytest.mark.parametrize("lazy", [False, True])
def test_write_puts_exactly_the_data_in_the_file_and_leaves_no_temp_file(tmp_path, lazy):
    path = tmp_path / "db.json"
    storage = DurableJSONStorage(path, lazy=lazy)
    storage.write(TABLES)
    assert json.loads(path.read_bytes()) == TABLES
    assert storage.writes == 1
    assert temp_leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.json"]
    storage.close()
    # a new storage (a restarted program) reads the same
    again = DurableJSONStorage(path, lazy=lazy)
    tables = again.read()
    if lazy:
        tables = {name: {k: orjson.loads(v) if isinstance(v, memoryview) else v for k, v in docs.items()}
                  for name, docs in tables.items()}
    assert tables == TABLES
    again.close()


def test_tinydb_on_durable_storage_persists_every_operation(tmp_path):
    path = tmp_path / "db.json"
    with TinyDB(path, storage=DurableJSONStorage) as db:
        db.insert({"ort": "Plauen", "n": 1})
        db.insert({"ort": "Zwickau", "n": 2})
        db.update({"n": 3}, Query().ort == "Plauen")
        db.remove(Query().ort == "Zwickau")
        assert json.loads(path.read_bytes()) == {"_default": {"1": {"ort": "Plauen", "n": 3}}}
    with TinyDB(str(path), storage=DurableJSONStorage) as db:
        assert db.all() == [{"ort": "Plauen", "n": 3}]
    assert temp_leftovers(tmp_path) == []


def test_failed_write_leaves_the_file_and_the_next_read_as_before(tmp_path, monkeypatch):
    path = tmp_path / "db.json"
    db = TinyDB(path, storage=DurableJSONStorage)
    db.insert({"a": 1})
    before = path.read_bytes()

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(durable.os, "replace", full_disk)
    with pytest.raises(DiskFullError):  # the German store error, not the bare OSError
        db.insert({"b": 2})
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert temp_leftovers(tmp_path) == []
    assert db.all() == [{"a": 1}]  # memory does not pretend the failed write happened
    db.close()


def test_unserializable_value_writes_nothing(tmp_path):
    path = tmp_path / "db.json"
    db = TinyDB(path, storage=DurableJSONStorage)
    db.insert({"a": 1})
    before = path.read_bytes()
    with pytest.raises(TypeError):
        db.insert({"b": {1, 2}})  # a set is no JSON, for JSONStorage neither
    assert path.read_bytes() == before
    assert temp_leftovers(tmp_path) == []
    assert db.all() == [{"a": 1}]
    db.close()


# -- a faithful drop-in for JSONStorage ---------------------------------------------------------
@pytest.fixture(params=["JSONStorage", "DurableJSONStorage"])
def storage_class(request):
    return original_json_storage() if request.param == "JSONStorage" else DurableJSONStorage


def test_changing_documents_after_insert_or_read_does_not_change_the_database(tmp_path, storage_class):
    """What the program does to its own dicts is not stored unless it asks TinyDB to."""
    path = tmp_path / "db.json"
    with TinyDB(path, storage=storage_class) as db:
        doc = {"name": "Pirna", "tags": ["graffiti"], "meta": {"n": 1}}
        db.insert(doc)
        doc["tags"].append("eingefügt")  # the caller keeps using its dict
        found = db.all()[0]
        found["tags"].append("gelesen")
        found["meta"]["n"] = 99
        assert db.all() == [{"name": "Pirna", "tags": ["graffiti"], "meta": {"n": 1}}]
        db.insert({"name": "Wurzen"})  # a later write must not carry the changes along
    assert json.loads(path.read_text())["_default"]["1"] == {"name": "Pirna", "tags": ["graffiti"], "meta": {"n": 1}}


def test_values_json_accepts_round_trip_exactly(tmp_path, storage_class):
    path = tmp_path / "db.json"
    big = 2**70 + 1
    with TinyDB(path, storage=storage_class) as db:
        db.insert({"big": big, "nan": float("nan"), "inf": float("-inf"), "keys": {1: "eins", 2: "zwei"}})
    for reader in (storage_class, DurableJSONStorage, original_json_storage()):
        with TinyDB(path, storage=reader) as db:
            (doc,) = db.all()
            assert doc["big"] == big and isinstance(doc["big"], int)
            assert math.isnan(doc["nan"])
            assert doc["inf"] == float("-inf")
            assert doc["keys"] == {"1": "eins", "2": "zwei"}


def test_two_instances_on_one_file_see_each_others_writes(tmp_path, storage_class):
    path = tmp_path / "db.json"
    first = TinyDB(path, storage=storage_class)
    second = TinyDB(path, storage=storage_class)
    first.insert({"von": "erste"})
    second.insert({"von": "zweite"})
    assert [d["von"] for d in first.all()] == ["erste", "zweite"]
    first.update({"gesehen": True})  # must not drop what the second instance wrote
    assert second.all() == [{"von": "erste", "gesehen": True}, {"von": "zweite", "gesehen": True}]
    first.close()
    second.close()
    assert len(json.loads(path.read_bytes())["_default"]) == 2


def test_storage_write_accepts_any_json_object(tmp_path, storage_class):
    path = tmp_path / "db.json"
    storage = storage_class(str(path))
    data = {"list": [1, 2], "int": 42, "text": "x", "none": None, "table": {"1": {"a": 1}}}
    storage.write(data)
    assert storage.read() == data
    storage.close()
    assert json.loads(path.read_bytes()) == data


def test_reads_a_file_written_by_tinydb_jsonstorage_with_indent(tmp_path):
    path = tmp_path / "db.json"
    with TinyDB(path, storage=original_json_storage(), indent=4, ensure_ascii=False) as db:
        db.insert({"ort": "Görlitz", "notiz": "Zeile\n\"zwei\""})
        db.table("visit").insert({"x": [1, {"y": None}]})
    text = path.read_text("utf-8")
    assert "\n    " in text and "Görlitz" in text  # really the indented JSONStorage layout
    for lazy in (False, True):
        with TinyDB(path, storage=DurableJSONStorage, lazy=lazy) as db:
            assert db.all() == [{"ort": "Görlitz", "notiz": "Zeile\n\"zwei\""}]
            assert db.table("visit").all() == [{"x": [1, {"y": None}]}]
    assert path.read_text("utf-8") == text  # reading never rewrites


def test_nothing_is_written_when_nothing_changed(tmp_path):
    path = tmp_path / "db.json"
    with TinyDB(path, storage=DurableJSONStorage) as db:
        db.insert({"a": 1})
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    with TinyDB(path, storage=DurableJSONStorage) as db:
        assert db.all() == [{"a": 1}]
        assert db.search(Query().a == 1) == [{"a": 1}]
        db.table("andere")
        assert db.storage.writes == 0
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == mtime
    assert temp_leftovers(tmp_path) == []


def test_read_only_access_mode_reads_but_refuses_writes(tmp_path):
    path = tmp_path / "db.json"
    with pytest.raises(FileNotFoundError):
        DurableJSONStorage(path, access_mode="r")
    assert not path.exists()
    with TinyDB(path, storage=DurableJSONStorage) as db:
        db.insert({"a": 1})
    before = path.read_bytes()
    db = TinyDB(path, storage=DurableJSONStorage, access_mode="r")
    assert db.all() == [{"a": 1}]
    with pytest.raises(IOError):
        db.insert({"b": 2})
    assert db.all() == [{"a": 1}]
    db.close()
    assert path.read_bytes() == before
    assert temp_leftovers(tmp_path) == []


def test_create_dirs_and_path_objects(tmp_path):
    path = tmp_path / "neu" / "tiefer" / "db.json"
    with pytest.raises(FileNotFoundError):
        DurableJSONStorage(path)
    with TinyDB(path, storage=DurableJSONStorage, create_dirs=True) as db:
        db.insert({"a": 1})
    assert json.loads(path.read_bytes()) == {"_default": {"1": {"a": 1}}}


# -- corrupt files ------------------------------------------------------------------------------
def _valid_store_bytes(tmp_path: Path) -> bytes:
    source = tmp_path / "quelle.json"
    with TinyDB(source, storage=DurableJSONStorage) as db:
        db.insert_multiple({"ort": f"Ort {i}", "n": i} for i in range(20))
    return source.read_bytes()


CORRUPTIONS = {
    "truncated": lambda valid: valid[: len(valid) // 2],
    "garbage": lambda valid: b"\x00\xff\xfe\x13 kein JSON \x9c\x00",
    "list": lambda valid: b"[1, 2, 3]",
    "string": lambda valid: b'"nur ein Text"',
    "zero-filled": lambda valid: b"\x00" * len(valid),
}


@pytest.mark.parametrize("kind", sorted(CORRUPTIONS))
@pytest.mark.parametrize("lazy", [False, True])
def test_corrupt_file_is_an_error_naming_the_file_and_stays_untouched(tmp_path, kind, lazy):
    path = tmp_path / "db.json"
    broken = CORRUPTIONS[kind](_valid_store_bytes(tmp_path))
    path.write_bytes(broken)
    db = TinyDB(path, storage=DurableJSONStorage, lazy=lazy)
    with pytest.raises(CorruptStoreError) as err:
        db.all()
    assert str(path) in str(err.value)
    assert "beschädigt" in str(err.value)
    assert isinstance(err.value, json.JSONDecodeError)  # code written for JSONStorage catches it
    with pytest.raises(CorruptStoreError):
        db.insert({"neu": 1})  # never read as empty and overwritten
    db.close()
    assert path.read_bytes() == broken
    assert temp_leftovers(tmp_path) == []


@pytest.mark.parametrize("kind", sorted(CORRUPTIONS))
def test_store_open_refuses_a_corrupt_file(tmp_path, kind):
    path = tmp_path / "s.json"
    broken = CORRUPTIONS[kind](_valid_store_bytes(tmp_path))
    path.write_bytes(broken)
    with pytest.raises(CorruptStoreError) as err:
        Store.open(path)
    assert str(path) in err.value.message
    assert path.read_bytes() == broken
    # the lock is free again: a second try gives the same error, not "already open"
    with pytest.raises(CorruptStoreError):
        Store.open(path)


# -- stale temp files ---------------------------------------------------------------------------
def _make_temp(folder: Path, name: str, age: float) -> Path:
    tmp = folder / name
    tmp.write_bytes(b'{"halb":')
    stamp = time.time() - age
    os.utime(tmp, (stamp, stamp))
    return tmp


def test_store_open_removes_every_temp_file_of_its_store(tmp_path):
    path = tmp_path / "s.json"
    Store.open(path).close()
    fresh = _make_temp(tmp_path, ".s.json.tmp-4711-0badcafe", age=0)
    old = _make_temp(tmp_path, ".s.json.tmp-4712-deadbeef", age=3600)
    foreign = _make_temp(tmp_path, ".other.json.tmp-1-00000000", age=3600)
    before = path.read_bytes()
    with Store.open(path) as store:
        assert store.count("commune") == 418
    assert not fresh.exists() and not old.exists()
    assert foreign.exists()  # another store's business
    assert path.read_bytes() == before


def test_storage_removes_only_old_temp_files(tmp_path):
    """Without the store's lock a fresh temp file may belong to a live writer, so it stays."""
    path = tmp_path / "db.json"
    path.write_bytes(b"")
    fresh = _make_temp(tmp_path, ".db.json.tmp-4711-0badcafe", age=1)
    old = _make_temp(tmp_path, ".db.json.tmp-4712-deadbeef", age=durable.STALE_TEMP_SECONDS + 5)
    DurableJSONStorage(path, access_mode="r").close()
    assert fresh.exists() and old.exists()  # read-only never deletes
    DurableJSONStorage(path).close()
    assert fresh.exists()
    assert not old.exists()


# -- batches ------------------------------------------------------------------------------------
@pytest.mark.parametrize("lazy", [False, True])
def test_batch_makes_one_physical_write(tmp_path, lazy):
    path = tmp_path / "db.json"
    db = TinyDB(path, storage=DurableJSONStorage, lazy=lazy)
    db.insert({"n": 0})
    storage = db.storage
    before, writes = path.read_bytes(), storage.writes
    with storage.batch():
        db.insert({"n": 1})
        db.insert_multiple([{"n": 2}, {"n": 3}])
        with storage.batch():  # nested batches join the outer one
            db.update({"x": True}, Query().n == 2)
        assert path.read_bytes() == before  # nothing on disk before the end
        assert len(db) == 4  # but visible to reads inside the batch
    assert storage.writes == writes + 1
    assert json.loads(path.read_bytes())["_default"] == {
        "1": {"n": 0}, "2": {"n": 1}, "3": {"n": 2, "x": True}, "4": {"n": 3}}
    db.close()


@pytest.mark.parametrize("lazy", [False, True])
def test_raising_batch_writes_nothing(tmp_path, lazy):
    path = tmp_path / "db.json"
    db = TinyDB(path, storage=DurableJSONStorage, lazy=lazy)
    db.insert({"n": 0})
    storage = db.storage
    before, writes = path.read_bytes(), storage.writes
    with pytest.raises(RuntimeError):
        with storage.batch():
            db.insert({"n": 1})
            db.update({"n": 5}, Query().n == 0)
            with storage.batch():
                db.insert({"n": 2})
            raise RuntimeError("abgebrochen")
    assert storage.writes == writes
    assert path.read_bytes() == before
    assert db.all() == [{"n": 0}]
    # and the storage keeps working normally afterwards
    db.insert({"n": 7})
    assert [d["n"] for d in json.loads(path.read_bytes())["_default"].values()] == [0, 7]
    db.close()


def test_empty_batch_writes_nothing(tmp_path):
    path = tmp_path / "db.json"
    db = TinyDB(path, storage=DurableJSONStorage)
    db.insert({"n": 0})
    before = path.read_bytes()
    with db.storage.batch():
        db.all()
    assert db.storage.writes == 1
    assert path.read_bytes() == before
    db.close()


# -- dump_tables / load_tables -------------------------------------------------------------------
TRICKY = ["\n", '"', "\\", "}}", "},", '"1":{', '{"a":{', "\\n", "\r\n", "\t", "ü", "ß", "€", "😀",
          "\u2028", "\u0000", "[/x]", "'"]
tricky_text = st.lists(st.sampled_from(TRICKY) | st.text(max_size=6), max_size=5).map("".join)
scalars = (st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**64 - 1)
           | tricky_text)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(tricky_text, inner, max_size=4), max_leaves=12)
documents = st.dictionaries(tricky_text, values, max_size=5)
doc_ids = st.integers(min_value=1, max_value=10**9).map(str)
table_names = tricky_text | st.sampled_from(["_default", "_local", "_meta", "visit", "commune"])
all_tables = st.dictionaries(table_names, st.dictionaries(doc_ids, documents, max_size=4), max_size=4)


def _parsed(tables):
    return {name: {k: orjson.loads(v) if isinstance(v, (bytes, memoryview)) else v for k, v in docs.items()}
            for name, docs in tables.items()}


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(all_tables)
def test_dump_and_load_tables_round_trip(tables):
    raw = dump_tables(tables)
    assert json.loads(raw) == tables  # ordinary JSON
    assert load_tables(raw, keep_bytes=False) == tables
    kept = load_tables(raw, keep_bytes=True)
    assert _parsed(kept) == tables
    for name, docs in kept.items():
        for doc in docs.values():
            assert isinstance(doc, dict if name.startswith("_") else memoryview)
    # raw document bytes serialize exactly like the dicts they hold
    as_bytes = {name: {k: orjson.dumps(d) for k, d in docs.items()} for name, docs in tables.items()}
    assert dump_tables(as_bytes) == raw
    assert dump_tables(kept) == raw
    seen = []
    load_tables(raw, keep_bytes=True, on_document=lambda t, i, d: seen.append((t, i, d)))
    assert seen == [(t, i, d) for t, docs in tables.items() for i, d in docs.items()]


@settings(max_examples=60, deadline=None)
@given(all_tables.filter(bool), st.data())
def test_load_tables_rejects_every_truncation(tables, data):
    raw = dump_tables(tables)
    cut = data.draw(st.integers(min_value=0, max_value=len(raw) - 2))
    assert load_tables(raw[:cut], keep_bytes=False) is None
    assert load_tables(raw[:cut], keep_bytes=True) is None


@pytest.mark.parametrize("raw", [
    json.dumps(TABLES, indent=4).encode(),
    json.dumps(TABLES).encode(),  # spaces after ':' and ','
    orjson.dumps(TABLES),  # valid JSON, but all on one line
    b'{"t":{\n"1":[1, 2]\n}}\n',  # a document that is not an object
    b'{"t":{\n"1":{"a":1}\n"2":{"a":2}\n}}\n',  # missing comma
    b'{"t":{\n"1":{"a":1},\n}}\n',  # trailing comma
    b'{"t":{\n"1":{"a":1}\n},"t":{\n"2":{"a":1}\n}}\n',  # a table twice
    b'{"t":{\n"1":{"a":1\n}}\n',  # broken document
    b'{"t":{\n"1":{"a":1}\n}}\ntrailing',
    b'{"t":{\n"1":{"a":1}\n}}\n}',
    b'{"t":{\n"1":{"a":1}\n}}\n'.replace(b'"1"', b'"1\\"x"'),
    b"",
    b"[]",
])
def test_load_tables_returns_none_for_other_layouts_and_damage(raw):
    assert load_tables(raw, keep_bytes=False) is None
    assert load_tables(raw, keep_bytes=True) is None


def test_lazy_storage_falls_back_to_a_full_parse_for_other_layouts(tmp_path):
    path = tmp_path / "db.json"
    path.write_text(json.dumps(TABLES, indent=2), "utf-8")
    storage = DurableJSONStorage(path, lazy=True)
    assert _parsed(storage.read()) == TABLES
    storage.close()


# -- a full disk and other refusals of the operating system -----------------------------------------
def test_full_disk_names_the_folder_the_space_needed_and_free_and_changes_nothing(tmp_path, monkeypatch):
    from disk_faults import FREE_BYTES, install, store_file

    path = tmp_path / "db.json"
    db = TinyDB(path, storage=DurableJSONStorage)
    db.insert({"a": 1})
    before = path.read_bytes()
    fault = install(store_file(path), [tmp_path], monkeypatch)
    big = "x" * 3_000_000
    with pytest.raises(DiskFullError) as caught:
        db.insert({"b": big})
    assert fault.failures == 1
    payload_size = len(json.dumps({"_default": {"1": {"a": 1}, "2": {"b": big}}}).encode())
    assert caught.value.needed == payload_size
    assert caught.value.free == FREE_BYTES
    assert caught.value.message == (
        f"Auf dem Datenträger von {tmp_path} ist nicht genug Platz: zum Speichern werden etwa 2,9 MB "
        "gebraucht, frei sind 3,1 MB. Bitte Platz schaffen und dann erneut speichern.")
    assert path.read_bytes() == before
    assert temp_leftovers(tmp_path) == []
    assert db.all() == [{"a": 1}]
    fault.active = False  # space was freed: the same write now succeeds
    db.insert({"b": "klein"})
    assert list(json.loads(path.read_bytes())["_default"].values()) == [{"a": 1}, {"b": "klein"}]
    db.close()


@pytest.mark.parametrize("code, where, start", [
    (errno.EACCES, "open", "Keine Berechtigung für"),
    (errno.EROFS, "open", "Der Datenträger von"),
    (errno.EIO, "fsync", "Lese- oder Schreibfehler des Datenträgers bei"),
    (errno.EDQUOT, "write", "Das Speicherkontingent (Quota) für"),
    (errno.EFBIG, "write", "Die Datei"),
    (errno.ENOSPC, "fsync", "Auf dem Datenträger von"),
])
def test_every_refused_write_is_a_german_store_error_and_leaves_no_trace(tmp_path, monkeypatch, code, where, start):
    path = tmp_path / "db.json"
    path.write_bytes(b'{"alt": 1}')
    real = getattr(os, where)

    def refuse(*args, **kwargs):
        if where == "open" and not os.fspath(args[0]).startswith(str(tmp_path / ".db.json.tmp-")):
            return real(*args, **kwargs)
        raise OSError(code, os.strerror(code))

    class Os:
        def __getattr__(self, name):
            return refuse if name == where else getattr(os, name)

    monkeypatch.setattr(durable, "os", Os())
    with pytest.raises(StoreError) as caught:
        durable.atomic_write_bytes(path, b'{"neu": 2}')
    message = caught.value.message
    assert message.startswith(start), message
    assert str(tmp_path) in message
    assert os.strerror(code) not in message or "Betriebssystem" in message  # never the English text alone
    assert caught.value.errno == code
    assert path.read_bytes() == b'{"alt": 1}'
    assert temp_leftovers(tmp_path) == []


def test_rename_refused_for_a_moment_is_retried(tmp_path, monkeypatch):
    """Windows: another process (a reader, a virus scanner) has the store open for a moment."""
    path = tmp_path / "db.json"
    path.write_bytes(b"alt")
    real = os.replace
    attempts = []

    def busy_twice(src, dst):
        attempts.append(dst)
        if len(attempts) <= 3:
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        return real(src, dst)

    monkeypatch.setattr(durable.os, "replace", busy_twice)
    monkeypatch.setattr(durable, "REPLACE_RETRY_DELAYS", (0,) * len(durable.REPLACE_RETRY_DELAYS))
    durable.atomic_write_bytes(path, b"neu")
    assert len(attempts) == 4
    assert path.read_bytes() == b"neu"
    assert temp_leftovers(tmp_path) == []


def test_rename_refused_for_good_is_a_german_error_and_the_file_stays(tmp_path, monkeypatch):
    path = tmp_path / "db.json"
    path.write_bytes(b"alt")
    attempts = []
    slept = []

    def always_busy(src, dst):
        attempts.append(dst)
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(durable.os, "replace", always_busy)
    monkeypatch.setattr(durable.time, "sleep", slept.append)
    with pytest.raises(StoreError) as caught:
        durable.atomic_write_bytes(path, b"neu")
    assert len(attempts) == len(durable.REPLACE_RETRY_DELAYS) + 1
    assert 0.5 <= sum(slept) <= 1.5  # about a second of patience, not forever
    assert caught.value.message.startswith(f"Die Datei {path} konnte nicht ersetzt werden: ein anderes "
                                           "Programm hat sie gerade geöffnet")
    assert path.read_bytes() == b"alt"
    assert temp_leftovers(tmp_path) == []


def test_describe_error_turns_a_bare_os_error_into_german(tmp_path):
    from asskomm_tui.errors import describe_error

    text = describe_error(OSError(errno.ENOSPC, "No space left on device"))
    assert text == "Der Datenträger ist voll. Bitte Platz schaffen und es dann erneut versuchen."
    text = describe_error(PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "x.json")))
    assert text.startswith(f"Keine Berechtigung für {tmp_path / 'x.json'}.")
    assert "Permission denied" not in text
