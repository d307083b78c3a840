"""Which store the installed ``asskomm`` works on, and that readers never create, lock or change one.

Every test runs the installed command as a subprocess with HOME and XDG_DATA_HOME pointing into
tmp_path, so the default store would land there: the tests assert it never appears.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from storage.keys import key_file_path
from storage import Repositories, Store
from storage.backups import BackupManager
from storage.demo import generate
from sync_helpers import new_store, read_json

ASSKOMM = str(Path(sys.executable).with_name("asskomm"))
PIRNA = "14628270"
TODAY = date(2026, 11, 26)

HOLDER = r"""
import sys
from storage import Store

store = Store.open(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()  # hold the store (and its lock) until the test closes our stdin
store.close()
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, Path]:
    """A demo store with a strategy for Pirna and a manual backup, and a bundle of its edits."""
    folder = tmp_path_factory.mktemp("template")
    path = generate(folder / "kreis.json", visits=30, seed=3, end=TODAY)
    with Store.open(path) as store:
        Repositories(store).create_strategy(PIRNA, 2026, 2028, title="Sicher in Pirna")
        store.backup()
        bundle_dir = folder / "bundles"
        from storage.sync.exchange import export_bundle

        bundle = export_bundle(store, bundle_dir, full=True).path
    return path, bundle


class Env:
    """A store copied from the template, a home of its own, and a way to run ``asskomm`` there."""

    def __init__(self, tmp_path: Path, template: tuple[Path, Path]) -> None:
        self.tmp = tmp_path
        self.store = tmp_path / "laptop" / "kreis.json"
        self.store.parent.mkdir()
        shutil.copy2(template[0], self.store)
        shutil.copy2(key_file_path(template[0]), key_file_path(self.store))  # the same device: its keys too
        shutil.copytree(template[0].parent / "backups", self.store.parent / "backups")
        self.bundle = template[1]
        self.home, self.data_home = tmp_path / "home", tmp_path / "xdg"
        self.env = {k: v for k, v in os.environ.items() if k != "ASSKOMM_DB"}
        self.env.update(HOME=str(self.home), XDG_DATA_HOME=str(self.data_home), COLUMNS="200")

    def run(self, *args: str, db_env: Path | None = None, stdin: str = "") -> subprocess.CompletedProcess:
        env = dict(self.env)
        if db_env is not None:
            env["ASSKOMM_DB"] = str(db_env)
        return subprocess.run([ASSKOMM, *args], capture_output=True, text=True, env=env, cwd=self.tmp,
                              input=stdin, timeout=120)

    def assert_no_default_store(self) -> None:
        assert not self.home.exists() and not self.data_home.exists(), "the default store was touched"

    def files(self) -> dict[str, bytes]:
        """Every file beside the store (backups, drafts, lock, temp files) with its bytes."""
        root = self.store.parent
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    def backups(self) -> list[str]:
        return [b.name for b in BackupManager(self.store).list()]


@pytest.fixture
def env(tmp_path, template) -> Env:
    return Env(tmp_path, template)


def placed(words: list[str], position: str, db: Path) -> list[str]:
    """``words`` (command, action, arguments) with ``--db`` before, between or after them."""
    opt = ["--db", str(db)]
    if position == "before":
        return [*opt, *words]
    if position == "after command":
        return [words[0], *opt, *words[1:]]
    if position == "end":
        return [*words, *opt]
    assert position == "env"
    return words


POSITIONS = ["before", "after command", "end", "env"]


# -- --db wherever it stands, $ASSKOMM_DB as the fallback ---------------------------------------------------
@pytest.mark.parametrize("position", POSITIONS)
@pytest.mark.parametrize("command", ["check", "backup list", "backup create", "import --dry-run", "import",
                                     "export", "strategy export", "backup restore"])
def test_every_command_works_on_the_store_named_by_db_or_the_environment(env, command, position):
    out = env.tmp / "out"
    words = command.split()
    if command.startswith("import"):
        words.append(str(env.bundle))
    elif command == "export":
        words += ["--out", str(out)]
    elif command == "strategy export":
        words += [PIRNA, "--out", str(out / "pirna.md")]
    elif command == "backup restore":
        words.append(env.backups()[0])
    # two-word commands: 'after command' is the middle, 'backup --db P list'
    args = placed(words, position, env.store)
    before = env.backups()
    result = env.run(*args, db_env=env.store if position == "env" else None)
    assert result.returncode == 0, result.stderr
    assert "Die Speicherdatei" not in result.stderr
    out_text = result.stdout
    if command == "check":
        assert out_text.startswith(f"{env.store}: in Ordnung (")
    elif command == "backup list":
        assert before and all(name in out_text for name in before)
    elif command == "backup create":
        assert len(env.backups()) == len(before) + 1 and "manuell" in env.backups()[0]
    elif command == "import --dry-run":
        assert "Vorschau" in out_text and env.backups() == before
    elif command == "import":
        assert "wurde bereits eingelesen" in out_text or "übernommen" in out_text
    elif command == "export":
        (bundle,) = out.iterdir()
        assert read_json(env.store)["_local"]["1"]["last_export"]["file"] == str(bundle)
    elif command == "strategy export":
        assert "Sicher in Pirna" in (out / "pirna.md").read_text()
    elif command == "backup restore":
        assert "Wiederhergestellt aus" in out_text and "vor-wiederherstellung" in env.backups()[0]
    env.assert_no_default_store()


def test_db_beats_the_environment_and_two_different_files_are_refused(env):
    other = env.tmp / "anders.json"
    result = env.run("check", "--db", str(env.store), db_env=other)
    assert result.returncode == 0 and result.stdout.startswith(f"{env.store}: in Ordnung")
    result = env.run("--db", str(other), "check", "--db", str(env.store))
    assert result.returncode == 2
    assert "--db nennt verschiedene Dateien" in result.stderr and str(other) in result.stderr
    # the same file twice is no contradiction
    assert env.run("--db", str(env.store), "check", "--db", str(env.store)).returncode == 0
    assert not other.exists()
    env.assert_no_default_store()


@pytest.mark.parametrize("position", ["before", "end", "env"])
def test_demo_writes_where_db_says_and_never_into_the_default_store(env, position):
    target = env.tmp / "demo" / "d.json"
    result = env.run(*placed(["demo", "--visits", "5"], position, target),
                     db_env=target if position == "env" else None)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Demo-Speicher geschrieben: {target} (5 Besuche, Seed 1).\n"
    assert len(read_json(target)["visit"]) == 5
    result = env.run("demo", "--visits", "5")
    assert result.returncode == 2 and "asskomm demo braucht --db PFAD" in result.stderr
    env.assert_no_default_store()


# -- readers: no store is created, none is locked or changed --------------------------------------------------
READERS = {
    "check": ["check"],
    "import --dry-run": ["import", "--dry-run", "{bundle}"],
    "strategy export": ["strategy", "export", PIRNA, "--out", "{out}"],
    "backup list": ["backup", "list"],
    "search": ["search", "sicher", "pirna"],
}


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("position", ["end", "env"])
def test_a_missing_store_is_a_german_error_and_nothing_is_created(env, reader, position):
    missing = env.tmp / "nirgends" / "kreis.json"
    words = [w.format(bundle=env.bundle, out=env.tmp / "doc.md") for w in READERS[reader]]
    result = env.run(*placed(words, position, missing), db_env=missing if position == "env" else None)
    assert result.returncode == 1
    assert result.stderr.strip().endswith(f"Die Speicherdatei {missing} gibt es nicht.")
    assert not missing.parent.exists() and not (env.tmp / "doc.md").exists()
    env.assert_no_default_store()


def test_readers_work_while_the_app_holds_the_store_and_change_nothing(env):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(env.store)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env.env)
    try:
        assert holder.stdout.readline().strip() == "ready"
        files = env.files()  # after the holder's open (which may make the day's backup)
        db = ["--db", str(env.store)]
        for words in READERS.values():
            args = [w.format(bundle=env.bundle, out=env.tmp / "doc.md") for w in words]
            result = env.run(*args, *db)
            assert result.returncode == 0, (args, result.stderr)
        assert (env.tmp / "doc.md").is_file()
        # a writer is refused while the app has the store, with the reason
        result = env.run("import", str(env.bundle), *db)
        assert result.returncode == 1
        assert "bereits in einem anderen asskomm-Fenster geöffnet" in result.stderr
        assert env.files() == files  # store byte-identical, no backup, no temp file, no draft
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    env.assert_no_default_store()


def test_a_damaged_store_names_the_command_for_its_own_backups(env, tmp_path):
    shutil.move(env.store.parent, tmp_path / "mit Leerzeichen")
    env.store = tmp_path / "mit Leerzeichen" / "kreis.json"
    env.store.write_bytes(b'{"_local": {"1": {"device_id": "x"}}, "commune": {"1": {"kind": "comm')
    damaged = env.store.read_bytes()
    result = env.run("import", "--dry-run", str(env.bundle), "--db", str(env.store))
    assert result.returncode == 1
    quoted = shlex.quote(str(env.store))
    assert quoted.startswith("'")  # the path has a space: it must be quoted to paste
    assert f"asskomm backup list --db {quoted}" in result.stderr
    assert f"asskomm backup restore NAME --db {quoted}" in result.stderr
    # the command as the message names it lists this store's backups, not the default store's
    line = result.stderr[result.stderr.index("asskomm backup list"):].split(" – ")[0]
    words = shlex.split(line)
    assert words[:3] == ["asskomm", "backup", "list"]
    listed = env.run(*words[1:])
    assert listed.returncode == 0 and env.backups()
    assert [row.split()[0] for row in listed.stdout.splitlines()] == env.backups()
    assert env.store.read_bytes() == damaged
    env.assert_no_default_store()


# -- a real import creates a missing store ------------------------------------------------------------------
def test_a_new_laptop_is_set_up_from_hqs_file_once_the_keys_are_exchanged(env):
    """The whole first contact on the command line: import creates the store and names HQ's
    fingerprint; after ``keys trust`` the file is still not for this laptop; once HQ has accepted the
    laptop's keys, HQ's next file sets it up."""
    hq = env.tmp / "hq" / "hq.json"
    new_store(hq, "Zentrale LPR", "LPR", role="hq", known=False).close()
    assert env.run("export", "--out", str(env.tmp / "von HQ"), "--db", str(hq)).returncode == 0
    (first,) = (env.tmp / "von HQ").iterdir()
    hq_print = Store.snapshot(hq).keys.fingerprint

    fresh = env.tmp / "neuer Laptop" / "asskomm.json"
    result = env.run("import", str(first), "--db", str(fresh))
    assert result.returncode == 2 and result.stdout.startswith(f"Neuer Speicher angelegt: {fresh}. ")
    assert "noch nicht angenommen" in result.stderr and hq_print in result.stderr
    trusted = env.run("keys", "trust", str(first), "--ja", "--db", str(fresh))
    assert trusted.returncode == 0 and hq_print in trusted.stdout, trusted.stderr
    refused = env.run("import", str(first), "--db", str(fresh))
    assert refused.returncode == 2 and "nicht für dieses Gerät verschlüsselt" in refused.stderr

    keys = env.tmp / "schluessel-neu.json"
    assert env.run("keys", "export", "--out", str(keys), "--db", str(fresh)).returncode == 0
    accepted = env.run("keys", "trust", str(keys), "--ja", "--db", str(hq))
    assert accepted.returncode == 0 and "ins Geräteregister aufgenommen" in accepted.stdout, accepted.stderr
    assert env.run("export", "--out", str(env.tmp / "von HQ 2"), "--db", str(hq)).returncode == 0
    (second,) = (env.tmp / "von HQ 2").iterdir()
    result = env.run("import", str(second), "--db", str(fresh))
    assert result.returncode == 0 and "übernommen" in result.stdout, result.stderr
    assert "Neuer Speicher" not in result.stdout
    assert {d["id"] for d in read_json(fresh)["consultant"].values()} >= {Store.snapshot(hq).local.consultant_id}
    check = env.run("check", "--db", str(fresh))
    assert check.returncode == 0, check.stderr
    shown = env.run("keys", "show", "--db", str(fresh))
    assert shown.returncode == 0 and f"Zentrale: Fingerabdruck {hq_print}" in shown.stdout
    assert "Geräteregister: 1 Gerät" in shown.stdout  # the register came signed in HQ's file
    env.assert_no_default_store()


# -- export with nothing new ----------------------------------------------------------------------------------
def test_export_with_nothing_new_writes_no_file_and_full_still_writes(env):
    db = ["--db", str(env.store)]
    hq_path = env.tmp / "hq" / "hq.json"
    new_store(hq_path, "Zentrale", "HQ", role="hq", known=False).close()
    # the keys exchanged once (the demo's own HQ key gives way to a real one)
    for source, target in ((hq_path, env.store), (env.store, hq_path)):
        keys = env.tmp / f"keys-{source.stem}.json"
        assert env.run("keys", "export", "--out", str(keys), "--db", str(source)).returncode == 0
        done = env.run("keys", "trust", str(keys), "--ja", "--db", str(target))
        assert done.returncode == 0, done.stderr
    first = env.run("export", "--out", str(env.tmp / "an HQ"), *db)
    assert first.returncode == 0, first.stderr
    (to_hq,) = (env.tmp / "an HQ").iterdir()
    assert env.run("import", str(to_hq), "--db", str(hq_path)).returncode == 0
    assert env.run("export", "--out", str(env.tmp / "von HQ"), "--db", str(hq_path)).returncode == 0
    (from_hq,) = (env.tmp / "von HQ").iterdir()
    assert env.run("import", str(from_hq), *db).returncode == 0  # HQ confirms everything
    last_export = read_json(env.store)["_local"]["1"]["last_export"]

    out = env.tmp / "leer"
    result = env.run("export", "--out", str(out), *db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Nichts Neues zu exportieren")
    assert "keine Datei geschrieben" in result.stdout and "0 Datensätze" not in result.stdout
    assert not out.exists()
    assert read_json(env.store)["_local"]["1"]["last_export"] == last_export

    result = env.run("export", "--full", "--out", str(out), *db)
    assert result.returncode == 0, result.stderr
    (bundle,) = out.iterdir()
    content = read_json(bundle, reader=Store.snapshot(hq_path))
    assert content["scope"] == "full" and content["count"] > 0
    assert f"Exportiert: {bundle} (" in result.stdout and "vollständig" in result.stdout
    env.assert_no_default_store()


def test_export_of_a_missing_store_creates_nothing(env):
    missing = env.tmp / "nirgends" / "x.json"
    result = env.run("export", "--out", str(env.tmp / "o"), "--db", str(missing))
    assert result.returncode == 1 and f"Die Speicherdatei {missing} gibt es nicht." in result.stderr
    assert not missing.parent.exists() and not (env.tmp / "o").exists()
