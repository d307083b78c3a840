"""asskomm addition (not from TinyDB): proves the vendored tests really ran on DurableJSONStorage."""

import tinydb
import tinydb.storages

from storage import DurableJSONStorage

from . import conftest, test_middlewares, test_storages, test_tinydb


def test_vendored_modules_use_durable_storage():
    assert tinydb.storages.JSONStorage is DurableJSONStorage
    assert tinydb.JSONStorage is DurableJSONStorage
    assert tinydb.TinyDB.default_storage_class is DurableJSONStorage
    for module in (conftest, test_middlewares, test_storages, test_tinydb):
        assert module.JSONStorage is DurableJSONStorage, module.__name__


def test_db_fixture_json_variant_is_durable(db):
    assert isinstance(db.storage, (DurableJSONStorage, tinydb.storages.MemoryStorage))
    if isinstance(db.storage, DurableJSONStorage):
        before = db.storage.writes
        db.insert({"x": 1})
        assert db.storage.writes == before + 1
