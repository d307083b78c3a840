"""Strategy documents: the golden Markdown, the HTML page, and user text shown exactly as typed.

Regenerate the golden file only deliberately, after reading the diff:
``.venv/bin/python tests/test_documents.py --regenerate``.
"""

from __future__ import annotations

import html
import re
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from markdown_it import MarkdownIt

from asskomm_tui.services.documents import StrategyDocument, file_name, to_html, to_markdown
from storage.records import (
    EvaluationItem,
    FindingRef,
    FundingSource,
    Goal,
    Measure,
    MeasureState,
    StrategyData,
    StrategyStatus,
)

GOLDEN = Path(__file__).parent / "golden" / "strategy_pirna.md"
HOSTILE_TITLES = ["<script>alert(1)</script>", "[b]x[/b]", "**x**", "| pipe", "# heading"]
H1 = "Präventionsstrategie Pirna (Landkreis Sächsische Schweiz-Osterzgebirge) 2026–2028"
SECTIONS = ["1 Problembeschreibung", "2 Ursachenanalyse", "3 Ziele und Zielgruppen", "4 Maßnahmen",
            "5 Umsetzung und Zeitplan", "6 Evaluation"]
CHECKS = "Prüfhinweise (Beccaria-Check)"  # after the six sections: what the check said at export
NAMES = {"graffiti": "Sachbeschädigung und Graffiti", "littering": "Vermüllung öffentlicher Plätze",
         "public_alcohol": "Alkoholkonsum im öffentlichen Raum", "fear_spaces": "Angsträume und Sicherheitsgefühl"}


def demo_strategy() -> StrategyData:
    """Pirna 2026–2028, in Umsetzung: every section filled, hostile text in several fields."""
    goals = (
        Goal(id="g-graffiti", title="Weniger Graffiti an öffentlichen Gebäuden", target_group="Jugendliche | 14–21",
             indicator="Anzeigen wegen Sachbeschädigung (PKS)", target_value="-30 % bis 2028"),
        Goal(id="g-park", title="Sicherheitsgefühl im **Stadtpark** stärken", target_group="Anwohnende, Senioren",
             indicator="Anteil „fühle mich sicher“ in der Bürgerbefragung", target_value="von 48 % auf 60 %"),
        Goal(id="g-open", title="# heading", target_group="", indicator="", target_value=""),
    )
    measures = (
        Measure(id="m-wall", title="<script>alert(1)</script>", problem_fields=("graffiti",), goals=("g-graffiti",),
                description="Legale Sprühfläche am Jugendhaus.\n- Workshops mit Streetworkern\n1. Eröffnung\n\n"
                            "Danach: Pflege & Kontrolle <monatlich>.",
                lead="Stadt Pirna, Jugendamt", partners="PD Dresden | Revier Pirna; Jugendhaus „Hanno“",
                start=date(2026, 4, 1), end=date(2027, 6, 30), cost_cents=1_250_000,
                funding=FundingSource.RL_KOMMPRAEV, own_share_cents=125_000, state=MeasureState.APPROVED),
        Measure(id="m-light", title="[b]x[/b]", problem_fields=("fear_spaces", "public_alcohol"),
                goals=("g-park",), description="Beleuchtung der Wege im Stadtpark erneuern.",
                lead="Tiefbauamt", partners="", start=date(2026, 9, 1), end=date(2026, 12, 15),
                cost_cents=4_800_000, funding=FundingSource.MUNICIPAL, own_share_cents=4_800_000,
                state=MeasureState.RUNNING),
        Measure(id="m-bold", title="**x**", problem_fields=("littering",), goals=("g-park",),
                description="", lead="Ordnungsamt", partners="Stadtreinigung", start=date(2026, 1, 15),
                end=None, cost_cents=300_001, funding=FundingSource.RL_KOMMPRAEV, own_share_cents=15_000),
        Measure(id="m-pipe", title="| pipe", problem_fields=("graffiti",), goals=("g-graffiti",),
                description="Wurde zugunsten der Sprühfläche verworfen.", lead="KPR", start=date(2026, 2, 1),
                end=date(2026, 3, 31), cost_cents=99_900, funding=FundingSource.THIRD_PARTY,
                own_share_cents=0, state=MeasureState.DROPPED),
        Measure(id="m-head", title="# heading", problem_fields=(), goals=(), description="    eingerückt\n> zitat",
                lead="", partners="", start=None, end=None, cost_cents=0, funding=FundingSource.NONE),
    )
    return StrategyData(
        commune="14628270", period_start=2026, period_end=2028, title="Sicher leben in Pirna [2026]",
        status=StrategyStatus.IN_PROGRESS, agreed_on=date(2026, 2, 10), agreed_with="Stadtrat & KPR <Lenkung>",
        problem_description="Die Bürgerbefragung 2025 nennt Graffiti und Müll als größte Ärgernisse.\n"
                            "# keine Überschrift\n- keine Liste\n\n> kein Zitat, sondern **Text** mit `code`",
        findings=(
            FindingRef(visit_id="v1", finding_id="f1", visit_date=date(2025, 5, 6), problem_field="graffiti",
                       severity=3, place="Markt | Altstadt", evidence="PKS 2024 <Auszug>"),
            FindingRef(visit_id="v2", finding_id="f2", visit_date=date(2025, 9, 18), problem_field="littering",
                       severity=2, place="Stadtpark", evidence=""),
        ),
        cause_analysis="Wenig Angebote für Jugendliche am Abend; dunkle Wege im Park.",
        goals=goals, measures=measures,
        implementation_notes="Lenkungsgruppe des KPR trifft sich vierteljährlich.",
        evaluation="",
        evaluation_items=(
            EvaluationItem(id="e1", indicator="Anzeigen wegen Sachbeschädigung", method="PKS | Revier Pirna",
                           due=date(2028, 3, 31)),
            EvaluationItem(id="e2", indicator="Sicherheitsgefühl", method="Bürgerbefragung [Wiederholung]",
                           due=None),
        ),
    )


def demo_document(data: StrategyData | None = None) -> StrategyDocument:
    return StrategyDocument(data or demo_strategy(), "Pirna", "Landkreis Sächsische Schweiz-Osterzgebirge",
                            "Anna Richter", date(2026, 3, 14), NAMES)


def empty_document() -> StrategyDocument:
    return demo_document(StrategyData(commune="14628270", period_start=2027, period_end=2027))


# -- Markdown -----------------------------------------------------------------------------------------
def test_markdown_matches_the_golden_file():
    assert to_markdown(demo_document()) == GOLDEN.read_text("utf-8")


class TextByTag(HTMLParser):
    """The text inside every element of the given tags, and every start tag seen."""

    def __init__(self, tags: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.tags = tags
        self.texts: dict[str, list[str]] = {t: [] for t in tags}
        self.open: list[str] = []
        self.start_tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.start_tags.append(tag)
        if tag in self.tags:
            self.open.append(tag)
            self.texts[tag].append("")

    def handle_endtag(self, tag):
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data):
        if self.open:
            self.texts[self.open[-1]][-1] += data


def rendered_markdown(doc: StrategyDocument) -> str:
    return MarkdownIt("commonmark").enable("table").render(to_markdown(doc))


def test_markdown_renders_every_hostile_title_as_exactly_those_characters():
    out = rendered_markdown(demo_document())
    parsed = TextByTag({"h3", "td", "h2", "p"})
    parsed.feed(out)
    headings = parsed.texts["h3"]
    for n, title in enumerate(HOSTILE_TITLES, 1):
        assert f"M{n} {title}" in headings
    assert "script" not in parsed.start_tags and "<script>" not in out
    # table cells: a pipe stays inside its cell, markup stays text
    cells = parsed.texts["td"]
    assert "M4 | pipe (verworfen)" in cells and "Markt | Altstadt" in cells and "PKS 2024 <Auszug>" in cells
    assert "Sicherheitsgefühl im **Stadtpark** stärken" in cells
    assert parsed.texts["h2"] == [*SECTIONS, CHECKS]


def test_markdown_keeps_user_lines_as_text_not_as_blocks():
    out = rendered_markdown(demo_document())
    parsed = TextByTag({"p", "blockquote", "ul", "ol", "pre", "h1", "code"})
    parsed.feed(out)
    paragraphs = parsed.texts["p"]
    assert ("Die Bürgerbefragung 2025 nennt Graffiti und Müll als größte Ärgernisse.\n# keine Überschrift\n"
            "- keine Liste") in paragraphs
    assert "> kein Zitat, sondern **Text** mit `code`" in paragraphs
    assert "Legale Sprühfläche am Jugendhaus.\n- Workshops mit Streetworkern\n1. Eröffnung" in paragraphs
    assert "Danach: Pflege & Kontrolle <monatlich>." in paragraphs
    assert "    eingerückt\n> zitat" in paragraphs
    assert parsed.texts["blockquote"] == [] and parsed.texts["ol"] == [] and parsed.texts["pre"] == []
    assert parsed.texts["code"] == []
    assert parsed.texts["h1"] == [H1]


def test_markdown_lists_status_money_and_timeline():
    md = to_markdown(demo_document())
    assert "- **Status:** in Umsetzung (abgestimmt am 10.02.2026 mit Stadtrat &amp; KPR &lt;Lenkung&gt;)" in md
    # the dropped measure is listed but not summed; RL grant: 11.250,00 + 2.700,00 (capped at 90 %)
    # columns: funding, cost, own share, 10 % minimum, missing own share, 90 % cap, requested grant
    assert ("| **Summe** |  | **63.500,01 €** | **49.400,00 €** | **1.550,01 €** | **150,01 €** | **13.950,00 €** "
            "| **13.950,00 €** |") in md
    assert "- **Beantragte Förderung (RL KommPräv):** 13.950,00 € (90,0 % der Kosten" in md
    timeline = md.split("### Zeitplan")[1].split("###")[0]
    order = [timeline.index(t) for t in ("M3 \\*\\*x\\*\\*", "M1 &lt;script&gt;", "M2 \\[b\\]x", "M5 \\# heading")]
    assert order == sorted(order)  # by start; undated last
    assert "M4" not in timeline  # dropped


def test_an_empty_strategy_still_has_every_section():
    md = to_markdown(empty_document())
    for heading in SECTIONS:
        assert f"\n## {heading}\n" in md
    assert md.count("_noch nicht ausgefüllt_") == 6  # problem, causes, goals, measures, notes, evaluation
    assert "Keine Feststellungen übernommen." in md and "Noch keine Maßnahmen geplant." in md
    assert "- **Status:** Entwurf" in md and "- **Gesamtkosten:** 0,00 €" in md


# -- HTML ---------------------------------------------------------------------------------------------
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr"}


class StrictParser(HTMLParser):
    """Fails on an end tag that does not close the open element, and collects what the tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.text: dict[str, list[str]] = {}
        self.on_cells = 0
        self.decl = ""

    def handle_decl(self, decl):
        self.decl = decl

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in VOID:
            return
        self.stack.append(tag)
        self.text.setdefault(tag, []).append("")
        if tag == "td" and attributes.get("class") == "on":
            self.on_cells += 1

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'} at {self.getpos()}")
            return
        self.stack.pop()

    def handle_data(self, data):
        for tag in self.stack:
            self.text[tag][-1] += data


def parse_html(text: str) -> StrictParser:
    parser = StrictParser()
    parser.feed(text)
    parser.close()
    assert parser.errors == [] and parser.stack == []
    return parser


def test_html_is_one_well_formed_self_contained_german_page():
    page = to_html(demo_document())
    parsed = parse_html(page)
    assert parsed.decl.lower() == "doctype html"
    tags = [t for t, _ in parsed.tags]
    assert ("html", {"lang": "de"}) in parsed.tags and ("meta", {"charset": "utf-8"}) in parsed.tags
    assert "script" not in tags and "link" not in tags and "img" not in tags and "iframe" not in tags
    assert not any(k in attrs for _, attrs in parsed.tags for k in ("src", "href", "onclick", "onload"))
    assert "@media print" in parsed.text["style"][0] and "url(" not in parsed.text["style"][0]


def test_html_has_every_section_and_every_measure_title_as_typed():
    parsed = parse_html(to_html(demo_document()))
    assert parsed.text["h2"] == [*SECTIONS, CHECKS]
    for n, title in enumerate(HOSTILE_TITLES, 1):
        assert f"M{n} {title}" in parsed.text["h3"]
    assert parsed.text["h1"] == [H1]


def test_html_escapes_hostile_text():
    page = to_html(demo_document())
    assert "<script>alert(1)</script>" not in page
    assert html.escape("<script>alert(1)</script>") in page
    assert "Stadtrat &amp; KPR &lt;Lenkung&gt;" in page
    assert "PKS 2024 &lt;Auszug&gt;" in page


def test_html_chart_marks_the_quarters_of_each_measure():
    # M1 runs Q2 2026 – Q2 2027 (5 quarters), M2 Q3–Q4 2026 (2), M3 starts Q1 2026 with open end (1);
    # the dropped M4 and the undated M5 mark nothing
    parsed = parse_html(to_html(demo_document()))
    assert parsed.on_cells == 5 + 2 + 1
    chart = re.search(r'<table class="chart">.*?</table>', to_html(demo_document()), re.S)[0]
    assert chart.count('<th colspan="4">') == 3 and chart.count("<th>Q1</th>") == 3


def test_html_of_an_empty_strategy_parses_and_says_not_filled():
    parsed = parse_html(to_html(empty_document()))
    assert parsed.text["h2"] == [*SECTIONS, CHECKS]
    assert parsed.text["p"].count("noch nicht ausgefüllt") == 6


def test_file_names_are_safe():
    assert file_name(demo_document(), "md") == "strategie-Pirna-2026-2028.md"
    doc = StrategyDocument(StrategyData(commune="14626110", period_start=2026, period_end=2026), "Görlitz",
                           "Landkreis Görlitz", "", date(2026, 1, 1))
    assert file_name(doc, "html") == "strategie-Goerlitz-2026.html"
    doc = StrategyDocument(doc.strategy, "Lugau/Erzgeb.", "", "", date(2026, 1, 1))
    assert file_name(doc, "md") == "strategie-Lugau-Erzgeb-2026.md"
    doc = StrategyDocument(doc.strategy, "../..", "", "", date(2026, 1, 1))
    assert file_name(doc, "md") == "strategie-14626110-2026.md"


# -- money and Prüfhinweise ---------------------------------------------------------------------------
def example_document(title: str = "Graffiti-Mobil") -> StrategyDocument:
    """Pirna with one RL KommPräv measure of 12.500 € and 1.000 € own share (the issue's example)."""
    data = StrategyData(
        commune="14628270", period_start=2026, period_end=2028,
        goals=(Goal(id="g1", title="Weniger Graffiti", indicator="Anzeigen"),),
        measures=(Measure(id="m1", title=title, problem_fields=("graffiti",), goals=("g1",),
                          cost_cents=1_250_000, funding=FundingSource.RL_KOMMPRAEV, own_share_cents=100_000),))
    return demo_document(data)


def test_the_finance_table_explains_the_missing_own_share():
    md = to_markdown(example_document())
    assert ("| M1 Graffiti-Mobil | RL KommPräv | 12.500,00 € | 1.000,00 € | 1.250,00 € | 250,00 € | 11.250,00 € "
            "| 11.250,00 € |") in md
    assert ("- M1 Graffiti-Mobil: Gekappt auf 90 % der förderfähigen Kosten (Kosten − Eigenanteil wären "
            "11.500,00 €): Die Differenz von 250,00 € muss zusätzlich als Eigenanteil getragen werden (auch als "
            "Sachleistung).") in md
    measure = md.split("### M1 Graffiti-Mobil")[1].split("###")[0]
    for fact in ("- **Förderfähige Kosten:** 12.500,00 €", "- **Eigenanteil:** 1.000,00 €",
                 "- **Mindesteigenanteil (10 %):** 1.250,00 €", "- **Eigenanteil fehlt:** 250,00 €",
                 "- **Förderhöchstbetrag (90 %):** 11.250,00 €", "- **Beantragte Förderung:** 11.250,00 €"):
        assert fact in measure
    assert "- **Beantragte Förderung (RL KommPräv):** 11.250,00 € (90,0 % der Kosten" in md
    parsed = parse_html(to_html(example_document()))
    cells = parsed.text["td"]
    row = cells.index("M1 Graffiti-Mobil")
    assert cells[row:row + 8] == ["M1 Graffiti-Mobil", "RL KommPräv", "12.500,00 €", "1.000,00 €", "1.250,00 €",
                                  "250,00 €", "11.250,00 €", "11.250,00 €"]
    assert any(li.startswith("M1 Graffiti-Mobil: Gekappt auf 90 %") for li in parsed.text["li"])


def test_no_gap_no_cap_sentence():
    data = example_document().strategy
    enough = data.model_copy(update={"measures": (data.measures[0].model_copy(update={"own_share_cents": 125_000}),)})
    md = to_markdown(demo_document(enough))
    assert "Gekappt" not in md and "Eigenanteil fehlt" not in md.split("| --- |")[1]  # header column only
    assert "Gekappt" not in to_html(demo_document(enough))


def test_pruefhinweise_list_the_checks_warnings_with_user_text_escaped():
    hostile = "<script>alert(1)</script> **x** | [y](javascript:z)"
    doc = example_document(hostile)
    messages = [w.message for w in doc.check().warnings]
    assert len(messages) == 1 and hostile in messages[0]
    # Markdown: rendered, the hint reads exactly as the check said it; nothing became markup
    out = rendered_markdown(doc)
    parsed = TextByTag({"li", "h2"})
    parsed.feed(out)
    assert parsed.texts["h2"][-1] == CHECKS
    assert f"4 Maßnahmen: {messages[0]}" in parsed.texts["li"]
    assert "<script>" not in out and "<a " not in out
    # HTML: the same text, escaped
    page = to_html(doc)
    assert "<script>" not in page and html.escape(hostile) in page
    items = parse_html(page).text["li"]
    assert f"4 Maßnahmen: {messages[0]}" in items


def test_pruefhinweise_say_when_there_are_none():
    data = example_document().strategy
    clean = data.model_copy(update={"measures": (data.measures[0].model_copy(update={"own_share_cents": 125_000}),)})
    assert demo_document(clean).check().warnings == ()
    md = to_markdown(demo_document(clean))
    assert md.split(f"## {CHECKS}\n\n")[1].startswith(
        "Der Beccaria-Check hat beim Export am 14.03.2026 keine Hinweise gegeben.\n")
    parsed = parse_html(to_html(demo_document(clean)))
    assert "Der Beccaria-Check hat beim Export am 14.03.2026 keine Hinweise gegeben." in parsed.text["p"]


def test_a_built_document_checks_the_visits_the_screen_checks(tmp_path):
    """``build_document`` looks up the commune's recent problem fields as the strategy screen does, so a
    field seen at a visit but taken up by no measure is a Prüfhinweis in the file too."""
    from asskomm_tui.services.documents import build_document
    from storage import Repositories, Store
    from storage.demo import generate
    from storage.records import Finding, VisitData

    path = generate(tmp_path / "s.json", visits=0, seed=1, end=date(2026, 11, 26))
    with Store.open(path) as store:
        repos = Repositories(store)
        repos.create_visit(VisitData(commune="14628270", date=date(2026, 5, 4), findings=(
            Finding(id="f1", problem_field="littering"),)))
        doc = build_document(repos, example_document().strategy, date(2026, 11, 26))
    assert doc.recent_fields == {"littering": date(2026, 5, 4)}
    md = to_markdown(doc)
    assert ("- **4 Maßnahmen:** Problemfeld „Vermüllung öffentlicher Plätze“ wurde bei Besuchen festgestellt "
            "(zuletzt am 04.05.2026), aber keine Maßnahme greift es auf.") in md
    old = build_document_at(doc, date(2028, 6, 1), path)  # two years on, the visit no longer counts
    assert "Vermüllung" not in to_markdown(old)


def build_document_at(doc: StrategyDocument, day: date, path: Path) -> StrategyDocument:
    from asskomm_tui.services.documents import build_document
    from storage import Repositories, Store

    with Store.open(path) as store:
        return build_document(Repositories(store), doc.strategy, day)


if __name__ == "__main__" and sys.argv[1:] == ["--regenerate"]:
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text(to_markdown(demo_document()), "utf-8")
    print(f"written: {GOLDEN}")


# -- DOCX (from the document model) -------------------------------------------------------------------
def docx_of(doc) -> tuple[list, str]:
    import io

    import docx

    from asskomm_tui.services.documents import render

    document = docx.Document(io.BytesIO(render(doc, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    return document.paragraphs, text + "\n" + cells


def test_docx_has_the_beccaria_sections_and_every_hostile_title_as_typed():
    paragraphs, text = docx_of(demo_document())
    headings = [p.text for p in paragraphs if p.style.name.startswith("Heading")]
    assert [h for h in headings if h in SECTIONS] == list(SECTIONS)
    assert H1 in [p.text for p in paragraphs if p.style.name == "Title"]
    for n, title in enumerate(HOSTILE_TITLES, 1):
        assert f"M{n} {title}" in headings  # stored as text: no markup, no escaping
    assert "Danach: Pflege & Kontrolle <monatlich>." in text  # a user's paragraph, as typed
    assert "&lt;" not in text and "\\[" not in text


def test_docx_of_an_empty_strategy_says_not_filled():
    paragraphs, text = docx_of(empty_document())
    headings = [p.text for p in paragraphs if p.style.name.startswith("Heading")]
    assert [h for h in headings if h in SECTIONS] == list(SECTIONS)
    assert text.count("noch nicht ausgefüllt") == 6
    assert "Keine Feststellungen übernommen." in text and "Noch keine Maßnahmen geplant." in text


def test_markdown_html_and_docx_hold_the_same_headings_and_money():
    """One document model: the three formats show the same sections, measures and euro figures."""
    doc = demo_document()
    md, page = to_markdown(doc), to_html(doc)
    paragraphs, docx_text = docx_of(doc)
    euros = re.compile(r"\d[\d.]*,\d\d €")
    md_money = sorted(euros.findall(md))
    assert md_money and md_money == sorted(euros.findall(html.unescape(re.sub(r"<[^>]+>", " ", page))))
    assert md_money == sorted(euros.findall(docx_text))
    parsed = parse_html(page)
    docx_headings = [p.text for p in paragraphs if p.style.name.startswith("Heading")]
    assert parsed.text["h2"] + parsed.text["h3"] == [h for h in docx_headings if h in parsed.text["h2"]] + \
        [h for h in docx_headings if h in parsed.text["h3"]]
