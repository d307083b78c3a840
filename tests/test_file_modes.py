"""Issue 10, first part: what asskomm creates is readable by this user only: the store, its lock,
backups and drafts 0600, the folders it creates for them 0700; a folder that already existed (the
user's own, named by --db) keeps its mode."""

from __future__ import annotations

import stat
from pathlib import Path

from storage import Store


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_store_lock_backups_and_drafts_are_private(tmp_path):
    existing = mode(tmp_path)
    path = tmp_path / "neu" / "tiefer" / "akte.json"
    with Store.open(path) as store:
        store.setup_device("Susanne Scholz", "SS")
        backup = store.backup()
        drafts = store.drafts  # what the forms' autosave writes to
        drafts.save("visit-new", {"summary": "vertraulich"})
    assert mode(tmp_path) == existing  # not ours: left as it was
    for folder in (tmp_path / "neu", tmp_path / "neu" / "tiefer", path.parent / "backups",
                   next((path.parent / "backups").iterdir()), drafts.folder):
        assert mode(folder) == 0o700, folder
    files = [path, path.with_name("akte.json.lock"), *drafts.folder.iterdir(),
             *(p for p in (path.parent / "backups").rglob("*") if p.is_file())]
    assert backup is not None and len(files) >= 4
    for file in files:
        assert mode(file) == 0o600, file
