"""The program as users install it: a wheel built from the sources works without the checkout.

A hand-kept package list once left ``storage.sync`` out of the wheel, and ``asskomm --help`` failed
after ``pip install .`` while every test (run against the editable install) passed. This test
builds the wheel offline, installs it into a fresh venv and runs that venv's own ``asskomm``.

The sources are copied first: building in place writes ``build/`` and ``*.egg-info`` into the
checkout, which other test workers (and people) are using. The fresh venv has no pip and no
network; a ``.pth`` file lends it the test venv's site-packages for the dependencies (textual,
pydantic, ...). A path line in a ``.pth`` only extends ``sys.path``; the ``.pth`` files inside
that folder, among them the editable install of the checkout, are not run, so ``asskomm_tui``
and ``storage`` can only come from the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IGNORE = shutil.ignore_patterns(".git", ".venv", "__pycache__", "build", "dist", "*.egg-info", ".pytest_cache",
                                ".hypothesis", "out", "tests", "benchmarks", "docs")


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd, env=env,
                            timeout=300)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def test_a_wheel_installed_into_a_fresh_venv_runs_on_its_own(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=IGNORE)
    dist = tmp_path / "dist"
    offline = {**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
        "-w", dist, src, cwd=tmp_path, env=offline)
    (wheel,) = dist.glob("asskomm-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("asskomm_tui/app.tcss", "storage/data/sachsen_gemeinden.csv", "storage/sync/exchange.py",
                   "asskomm_tui/screens/sync.py", "asskomm_tui/services/documents.py"):
        assert needed in names

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                    cwd=tmp_path).stdout.strip())
    (site / "test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel,
        cwd=tmp_path, env=offline)

    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if k not in ("ASSKOMM_DB", "PYTHONPATH")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"))
    where = run(python, "-c", "import asskomm_tui, storage, storage.sync.exchange, textual; "
                "print(asskomm_tui.__file__); print(storage.sync.exchange.__file__); print(textual.__file__)",
                cwd=tmp_path, env=env).stdout.split()
    assert all(Path(p).is_relative_to(site) for p in where[:2]), where
    assert not Path(where[2]).is_relative_to(venv)  # the dependencies are lent, asskomm is installed

    asskomm = venv / ("Scripts/asskomm.exe" if os.name == "nt" else "bin/asskomm")
    assert run(asskomm, "--help", cwd=tmp_path, env=env).stdout.startswith("Aufruf: asskomm")
    store = tmp_path / "demo.json"
    run(asskomm, "demo", "--db", store, "--visits", "50", cwd=tmp_path, env=env)
    checked = run(asskomm, "check", "--db", store, cwd=tmp_path, env=env).stdout
    assert checked.startswith(f"{store}: in Ordnung (") and "50 Besuche" in checked
    # the app's stylesheet is found where the installed app looks for it
    run(python, "-c", "from asskomm_tui.app import AsskommApp; from pathlib import Path; import asskomm_tui; "
        "assert (Path(asskomm_tui.__file__).parent / AsskommApp.CSS_PATH).is_file()", cwd=tmp_path, env=env)
    assert not home.exists()
