"""A visit record and a commune report as documents (issue 9): ``asskomm visit export`` and
``asskomm commune export`` from the installed command, read back in each format, user text literal."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest

from storage import Repositories, Store
from storage.records import Contact, Finding, FollowUp, VisitData

ASSKOMM = str(Path(sys.executable).with_name("asskomm"))
PIRNA = "14628270"
HOSTILE = "<script>alert(1)</script> [bold]x[/] **y** | z"
HOLDER = r"""
import sys
from storage import Store

store = Store.open(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()
store.close()
"""


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([ASSKOMM, *args], capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("dokumente") / "s.json"
    with Store.open(path) as s:
        s.setup_device("Susanne Scholz", "SS")
        repos = Repositories(s)
        pirna = repos.commune(PIRNA)
        repos.save_commune(pirna.data.model_copy(update={"contacts": (
            Contact(id="c1", name=HOSTILE, role="Ordnungsamt", phone="03501 556-0"),), "notes": "Zwei Absätze.\n\nZweiter"}),
            base_rev=pirna.rev)
        visit = repos.create_visit(VisitData(
            commune=PIRNA, date=date(2026, 3, 12), consultants=(s.local.consultant_id,), participants=(HOSTILE,),
            summary=HOSTILE, notes="Erste Zeile\nzweite Zeile",
            findings=(Finding(id="f1", problem_field="graffiti", severity=3, place=HOSTILE),),
            follow_ups=(FollowUp(id="u1", text="Förderantrag stellen", owner="Bauamt", due=date(2026, 4, 1)),)))
    return path, visit.id


def text_of_docx(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for row in t.rows for c in row.cells])


def test_a_visit_record_in_every_format_with_user_text_as_typed(store, tmp_path):
    path, visit_id = store
    before = path.read_bytes()
    for fmt in ("md", "html", "docx"):
        result = run("visit", "export", visit_id, "--format", fmt, "--out", str(tmp_path), "--db", str(path))
        assert result.returncode == 0, result.stderr
        assert "Dokument geschrieben:" in result.stdout
    name = "besuch-Pirna-2026-03-12"
    text = text_of_docx(tmp_path / f"{name}.docx")
    assert "Besuchsprotokoll Pirna, 12.03.2026" in text and HOSTILE in text
    assert "Förderantrag stellen" in text and "Sachbeschädigung und Graffiti" in text
    page = (tmp_path / f"{name}.html").read_text("utf-8")
    tags: list[str] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append(tag)

    Tags().feed(page)
    assert "script" not in tags and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    md = (tmp_path / f"{name}.md").read_text("utf-8")
    assert "&lt;script&gt;" in md and "\\[bold\\]" in md and "\\*\\*y\\*\\*" in md and "\\|" in md
    assert path.read_bytes() == before


def test_a_commune_report_has_status_contacts_visits_fields_and_open_follow_ups(store, tmp_path):
    path, _ = store
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = run("commune", "export", PIRNA, "--format", "docx", "--out", str(tmp_path / "k.docx"),
                     "--db", str(path))
        assert result.returncode == 0, result.stderr
    finally:
        holder.communicate("", timeout=30)
    document = docx.Document(str(tmp_path / "k.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Stand", "Kontakte", "Besuche", "Problemfelder", "Offene Folgeaufgaben", "Notizen"]
    text = text_of_docx(tmp_path / "k.docx")
    assert HOSTILE in text and "12.03.2026" in text and "Förderantrag stellen" in text
    assert "Gemeindeschlüssel: 14628270" in text


def test_unknown_records_are_named_and_nothing_is_written(store, tmp_path):
    path, _ = store
    result = run("visit", "export", "gibtesnicht", "--out", str(tmp_path / "x"), "--db", str(path))
    assert result.returncode == 1 and "Kein Besuch mit der Kennung gibtesnicht" in result.stderr
    result = run("commune", "export", "99999999", "--out", str(tmp_path / "x"), "--db", str(path))
    assert result.returncode == 1 and "Keine Kommune mit dem Gemeindeschlüssel 99999999" in result.stderr
    assert not (tmp_path / "x").exists()


async def test_d_in_the_visit_view_and_the_dossier_writes_the_document(store, tmp_path):
    from textual.widgets import Select

    from ui_helpers import pick, press, q, replace_input, running, screen_text, tab_to

    path, visit_id = store
    out = tmp_path / "akte"
    async with running(path) as (app, pilot):
        app.open_visit(visit_id)
        await press(pilot)
        await press(pilot, "d")
        assert "Besuch als Dokument exportieren" in screen_text(app)
        await pick(pilot, q(app, "#format", Select), "Word-Dokument (.docx)")
        await tab_to(pilot, "folder")
        await replace_input(pilot, str(out))
        await press(pilot, "ctrl+s")
        for _ in range(100):
            if (out / "besuch-Pirna-2026-03-12.docx").exists():
                break
            await press(pilot)
        assert HOSTILE in text_of_docx(out / "besuch-Pirna-2026-03-12.docx")
        app.open_dossier(PIRNA)
        await press(pilot)
        await press(pilot, "d")
        assert "Kommunenbericht exportieren" in screen_text(app)
        await tab_to(pilot, "folder")
        await replace_input(pilot, str(out))
        await press(pilot, "ctrl+s")
        for _ in range(100):
            if list(out.glob("kommune-Pirna-*.html")):
                break
            await press(pilot)
        page = next(out.glob("kommune-Pirna-*.html")).read_text("utf-8")
        assert "<h1>Kommunenbericht Pirna</h1>" in page and "&lt;script&gt;" in page
