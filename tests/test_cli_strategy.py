"""``asskomm strategy export``: files written, German errors with their exit codes, the store untouched."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from asskomm_tui import strings as S

from asskomm_tui.cli import main
from storage import Repositories, Store
from storage.records import FundingSource, Goal, Measure

PIRNA, WURZEN = "14628270", "14729410"
TITLE = "<script>alert(1)</script> | **Sprühwand**"


def make_store(path: Path, periods: list[tuple[int, int]]) -> Path:
    store = Store.open(path)
    try:
        store.setup_device("Anna Richter", "AR")
        repos = Repositories(store)
        for start, end in periods:
            record = repos.create_strategy(PIRNA, start, end, title=f"Sicher in Pirna {start}")
            data = record.data.model_copy(update={
                "goals": (Goal(id="g1", title="Weniger Graffiti", indicator="Anzeigen"),),
                "measures": (Measure(id="m1", title=TITLE, problem_fields=("graffiti",), goals=("g1",),
                                     start=date(start, 4, 1), end=date(end, 6, 30), cost_cents=1_250_000,
                                     funding=FundingSource.RL_KOMMPRAEV, own_share_cents=125_000),),
            })
            repos.save_strategy(data, record.rev)
    finally:
        store.close()
    return path


@pytest.fixture
def db(tmp_path) -> Path:
    return make_store(tmp_path / "store" / "asskomm.json", [(2026, 2028)])


def export(*args: str) -> int:
    return main(["strategy", "export", *args])


def test_exports_markdown_into_a_folder_with_a_safe_name(db, tmp_path, capsys):
    out = tmp_path / "dokumente"
    assert export(PIRNA, "--db", str(db), "--out", str(out)) == 0
    written = out / "strategie-Pirna-2026-2028.md"
    text = written.read_text("utf-8")
    assert text.startswith("# Präventionsstrategie Pirna (Landkreis Sächsische Schweiz-Osterzgebirge) 2026–2028\n")
    assert "### M1 &lt;script&gt;alert(1)&lt;/script&gt; \\| \\*\\*Sprühwand\\*\\*" in text
    assert "- **Bearbeitung:** Anna Richter" in text
    assert capsys.readouterr().out.strip() == f"Dokument geschrieben: {written}"
    assert [p.name for p in out.iterdir()] == [written.name]  # no temp file left behind


def test_exports_html_to_a_file_name_and_infers_the_format(db, tmp_path, capsys):
    target = tmp_path / "pirna.html"
    assert export(PIRNA, "--db", str(db), "--out", str(target)) == 0
    page = target.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="de">' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    assert capsys.readouterr().out.strip() == f"Dokument geschrieben: {target}"


def test_explicit_html_format_into_the_current_folder(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert export(PIRNA, "--db", str(db), "--format", "html") == 0
    assert (tmp_path / "strategie-Pirna-2026-2028.html").read_text("utf-8").startswith("<!DOCTYPE html>")


def test_the_store_file_is_byte_identical_after_exports(db, tmp_path):
    before = db.read_bytes()
    assert export(PIRNA, "--db", str(db), "--out", str(tmp_path / "a")) == 0
    assert export(PIRNA, "--db", str(db), "--out", str(tmp_path / "b"), "--format", "html") == 0
    assert db.read_bytes() == before


def test_unknown_ags(db, tmp_path, capsys):
    assert export("14999999", "--db", str(db), "--out", str(tmp_path)) == 1
    assert "Keine Kommune mit dem Gemeindeschlüssel 14999999 bekannt." in capsys.readouterr().err
    assert list(tmp_path.glob("strategie-*")) == []


def test_commune_without_strategy(db, tmp_path, capsys):
    assert export(WURZEN, "--db", str(db), "--out", str(tmp_path)) == 1
    assert "Wurzen (14729410) hat noch keine Präventionsstrategie." in capsys.readouterr().err


def test_missing_store_file_is_not_created(tmp_path, capsys):
    missing = tmp_path / "nichts.json"
    assert export(PIRNA, "--db", str(missing), "--out", str(tmp_path)) == 1
    assert f"Die Speicherdatei {missing} gibt es nicht." in capsys.readouterr().err
    assert not missing.exists()


def test_several_strategies_need_a_period(tmp_path, capsys):
    db = make_store(tmp_path / "asskomm.json", [(2026, 2028), (2029, 2029)])
    out = tmp_path / "out"
    assert export(PIRNA, "--db", str(db), "--out", str(out)) == 1
    err = capsys.readouterr().err
    assert "Pirna (14628270) hat mehrere Strategien: 2026–2028, 2029. Bitte mit --period eine wählen." in err
    assert not out.exists()

    for period in ("2026-2028", "2026–2028"):
        assert export(PIRNA, "--db", str(db), "--out", str(out), "--period", period) == 0
    assert export(PIRNA, "--db", str(db), "--out", str(out), "--period", "2029") == 0
    assert sorted(p.name for p in out.iterdir()) == ["strategie-Pirna-2026-2028.md", "strategie-Pirna-2029.md"]
    assert "Sicher in Pirna 2029" in (out / "strategie-Pirna-2029.md").read_text("utf-8")

    capsys.readouterr()
    assert export(PIRNA, "--db", str(db), "--out", str(out), "--period", "2030") == 1
    assert "Pirna (14628270) hat keine Strategie für 2030. Vorhanden: 2026–2028, 2029." in capsys.readouterr().err


def test_a_malformed_period_is_a_usage_error(db, capsys):
    with pytest.raises(SystemExit) as exc:
        export(PIRNA, "--db", str(db), "--period", "2028-2026")
    assert exc.value.code == 2
    assert "kein gültiger Zeitraum: '2028-2026'" in capsys.readouterr().err


def test_docx_is_the_strategy_along_the_beccaria_steps_and_reads_back(db, tmp_path, capsys):
    import docx

    assert export(PIRNA, "--db", str(db), "--out", str(tmp_path / "out"), "--format", "docx") == 0
    written = tmp_path / "out" / "strategie-Pirna-2026-2028.docx"
    document = docx.Document(str(written))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    sections = [S.DOC_SECTION_PROBLEM, S.DOC_SECTION_CAUSES, S.DOC_SECTION_GOALS, S.DOC_SECTION_MEASURES,
                S.DOC_SECTION_TIMELINE, S.DOC_SECTION_EVALUATION]
    assert [h for h in headings if h in sections] == sections  # the six Beccaria steps, in order
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    md = (tmp_path / "md").mkdir() or export(PIRNA, "--db", str(db), "--out", str(tmp_path / "md"))
    markdown = (tmp_path / "md" / "strategie-Pirna-2026-2028.md").read_text("utf-8")
    # the same money as the Markdown document: every euro figure of the finance table
    import re
    euros = set(re.findall(r"\d[\d.]*,\d\d €", markdown))
    assert euros and euros <= set(re.findall(r"\d[\d.]*,\d\d €", text + "\n" + cells))
    # a file name with .docx picks the format
    assert export(PIRNA, "--db", str(db), "--out", str(tmp_path / "s.docx")) == 0
    assert docx.Document(str(tmp_path / "s.docx")).paragraphs


def test_help_is_german(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["strategy", "export", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("Aufruf: asskomm strategy export") and "Amtlicher Gemeindeschlüssel" in out


def test_the_screen_writes_the_strategy_as_edited_without_saving_it(db, tmp_path):
    from asskomm_tui.services.documents import write_strategy_document

    with Store.open(db) as store:
        repos = Repositories(store)
        record = repos.strategy("14628270-2026-2028")
        edited = record.data.model_copy(update={"title": "Noch nicht gespeichert"})
        path = write_strategy_document(repos, edited, "html", tmp_path / "ordner", date(2026, 3, 14))
        assert repos.strategy("14628270-2026-2028").rev == record.rev
    assert path == tmp_path / "ordner" / "strategie-Pirna-2026-2028.html"
    page = path.read_text("utf-8")
    assert '<p class="subtitle">Noch nicht gespeichert</p>' in page and "<dd>Anna Richter</dd>" in page
    assert "<dd>14.03.2026</dd>" in page
