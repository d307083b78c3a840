"""The prevention strategy as a document to hand over: Markdown and one printable HTML page (German).

Every section of the Beccaria-Standards appears, even when empty. The timeline is derived from the
measures. Money and the closing "Prüfhinweise" come from the one Beccaria-Check result
(``services/beccaria.py``), the same the strategy screen shows. User text is data in every format: HTML escapes it (``html.escape``); Markdown
backslash-escapes its syntax characters, writes ``<``, ``>``, ``&`` as entities and breaks table cells
with ``<br>``, so a title like ``<script>x</script>``, ``**x**`` or ``| pipe`` shows exactly as typed.

DOCX is written from the document model (``strategy_doc.py``, python-docx).
No Textual here.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping, Sequence

from storage.collation import sort_key
from storage.durable import atomic_write_bytes
from storage.records import Measure, StrategyData, StrategyStatus

from .. import strings as S
from ..formatting import fmt_date, fmt_eur
from .beccaria import (
    BeccariaResult,
    MeasureFinance,
    capped_note,
    check,
    finance_lines,
    is_active,
    recent_since,
    section_label,
    totals_lines,
)

if TYPE_CHECKING:
    from storage import Repositories

FORMATS = ("md", "html", "docx")  # what ``render`` can write


@dataclass(frozen=True)
class StrategyDocument:
    """Everything a strategy document shows (no store access while rendering)."""

    strategy: StrategyData
    commune_name: str
    kreis: str
    author: str  # the consultant who exports it
    export_date: date
    field_names: Mapping[str, str] = field(default_factory=dict)  # problem-field code -> German name
    # problem fields of the commune's recent visits (code -> last seen), for the Beccaria-Check
    recent_fields: Mapping[str, date] = field(default_factory=dict)

    def field_name(self, code: str) -> str:
        return self.field_names.get(code, code)

    def check(self) -> BeccariaResult:
        """The Beccaria-Check of the strategy: its money and its hints (as on the screen)."""
        return check(self.strategy, self.recent_fields, self.field_names)


def build_document(repos: "Repositories", data: StrategyData, export_date: date,
                   author: str | None = None) -> StrategyDocument:
    """The document of a strategy (stored, or as edited in a form): names looked up in the store;
    ``author`` defaults to this device's consultant."""
    name, kreis = repos.commune_name(data.commune)
    if author is None:
        me = repos.me()
        author = me.data.name if me else ""  # type: ignore[attr-defined]
    # the same window as the screen's check, so the document's hints are the ones the user saw
    recent = repos.recent_problem_fields(data.commune, recent_since(export_date))
    codes = ({f.problem_field for f in data.findings} | {c for m in data.measures for c in m.problem_fields}
             | set(recent))
    return StrategyDocument(data, name, kreis, author, export_date,
                            {code: repos.problem_field_name(code) for code in sorted(codes)}, recent)


def file_name(doc: StrategyDocument, fmt: str) -> str:
    """``strategie-Pirna-2026-2028.md``: ASCII letters, digits and hyphens only."""
    d = doc.strategy
    period = str(d.period_start) if d.period_start == d.period_end else f"{d.period_start}-{d.period_end}"
    return f"strategie-{slug(doc.commune_name) or d.commune}-{period}.{fmt}"


def slug(text: str) -> str:
    """``Görlitz`` → ``Goerlitz``, ``Lugau/Erzgeb.`` → ``Lugau-Erzgeb``: safe in any file system."""
    text = text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = text.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:60].strip("-")


def target_path(out: Path, name: str) -> Path:
    """``out`` itself if it names a file (``x.md``), else ``out/name``; missing folders are created."""
    if out.is_dir() or not out.suffix:
        out.mkdir(parents=True, exist_ok=True)
        return out / name
    out.parent.mkdir(parents=True, exist_ok=True)
    return out


def write_document(doc: StrategyDocument, fmt: str, out: Path) -> Path:
    """Write the document atomically into folder ``out`` (named by ``file_name``) or to file ``out``."""
    target = target_path(Path(out), file_name(doc, fmt))
    atomic_write_bytes(target, render(doc, fmt))
    return target


def write_strategy_document(repos: "Repositories", data: StrategyData, fmt: str, out: Path,
                            export_date: date) -> Path:
    """For the screen: build the document of ``data`` and write it (see ``write_document``)."""
    return write_document(build_document(repos, data, export_date), fmt, out)


def render(doc: StrategyDocument, fmt: str) -> bytes:
    """The document's bytes in ``fmt`` (one of ``FORMATS``; md and html as UTF-8)."""
    if fmt == "md":
        return to_markdown(doc).encode("utf-8")
    if fmt == "html":
        return to_html(doc).encode("utf-8")
    if fmt == "docx":
        from .doc_model import to_docx
        from .strategy_doc import strategy_document

        return to_docx(strategy_document(doc))
    raise ValueError(f"unknown format {fmt!r}")


# -- the content, shared by both formats ------------------------------------------------------------
def _goal_numbers(d: StrategyData) -> dict[str, str]:
    return {g.id: f"Z{i}" for i, g in enumerate(d.goals, 1)}


def _measure_numbers(d: StrategyData) -> dict[str, str]:
    return {m.id: f"M{i}" for i, m in enumerate(d.measures, 1)}


def _status_text(d: StrategyData) -> str:
    """``Entwurf``; ``abgestimmt am 12.02.2026 mit Stadtrat``; ``in Umsetzung (abgestimmt am …)``."""
    status = S.label(S.STRATEGY_STATUS, d.status)
    if d.status == StrategyStatus.DRAFT:
        return status
    agreed = S.DOC_AGREED.format(day=fmt_date(d.agreed_on)) if d.agreed_on else S.DOC_AGREED_PLAIN
    if d.agreed_with.strip():
        agreed += " " + S.DOC_AGREED_WITH.format(who=d.agreed_with.strip())
    if d.agreed_on is None:
        agreed += ", " + S.DOC_AGREED_NO_DATE
    return agreed if d.status == StrategyStatus.AGREED else f"{status} ({agreed})"


def _span(m: Measure) -> str:
    return f"{fmt_date(m.start) or S.DOC_OPEN} – {fmt_date(m.end) or S.DOC_OPEN}"


def _timeline(d: StrategyData) -> list[Measure]:
    """Measures by start (undated last), then end and title; dropped ones are left out."""
    return sorted((m for m in d.measures if is_active(m)),
                  key=lambda m: (m.start or date.max, m.end or date.max, sort_key(m.title), m.id))


def _capital(label: str) -> str:
    return label[:1].upper() + label[1:]


def _money_facts(m: Measure, f: MeasureFinance) -> list[tuple[str, str]]:
    """A measure's money as (label, plain text): for RL KommPräv every figure of the check."""
    funding = (S.DOC_M_FUNDING, S.label(S.FUNDING, m.funding))
    if f.rl:
        return [funding, *((_capital(label), value) for label, value in finance_lines(f))]
    return [(S.DOC_M_COST, fmt_eur(f.cost_cents)), funding, (S.DOC_M_OWN_SHARE, fmt_eur(f.own_share_cents)),
            (S.DOC_M_GRANT, S.DOC_NONE)]


FINANCE_HEADER = (S.DOC_COL_MEASURE, S.DOC_COL_FUNDING, S.DOC_COL_COST, S.DOC_COL_OWN_SHARE, S.DOC_COL_MIN_OWN,
                  S.DOC_COL_GAP, S.DOC_COL_CAP, S.DOC_COL_GRANT)
FINANCE_RIGHT = (2, 3, 4, 5, 6, 7)


def _money_row(m: Measure, f: MeasureFinance) -> list[str]:
    """Plain texts of a measure's finance row after its title (funding, cost, own share, RL figures)."""
    def rl(cents: int, zero: str = "") -> str:
        return (fmt_eur(cents) if cents or not zero else zero) if f.rl else S.DOC_NONE

    return [S.label(S.FUNDING, m.funding), fmt_eur(f.cost_cents), fmt_eur(f.own_share_cents),
            rl(f.min_own_share_cents), rl(f.gap_cents, S.DOC_NONE), rl(f.cap_cents), rl(f.requested_grant_cents)]


def _sum_row(result: BeccariaResult) -> list[str]:
    t = result.totals
    return ["", fmt_eur(t.total_cents), fmt_eur(t.own_share_cents), fmt_eur(t.rl_min_own_share_cents),
            fmt_eur(t.rl_gap_cents) if t.rl_gap_cents else S.DOC_NONE, fmt_eur(t.rl_cap_cents),
            fmt_eur(t.requested_grant_cents)]


def _capped(d: StrategyData, result: BeccariaResult) -> list[tuple[Measure, str]]:
    """The active measures whose grant is cut to 90 %, with the sentence that says why."""
    return [(m, capped_note(result.finance_of(m.id))) for m in d.measures
            if is_active(m) and result.finance_of(m.id).capped]


# -- Markdown -----------------------------------------------------------------------------------------
_MD_INLINE = re.compile(r"([\\`*_\[\]{}~|#$])")
_MD_LINE_START = re.compile(r"^([-+=])")
_MD_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def md_inline(text: str) -> str:
    """One line of user text as literal Markdown (also safe inside a table cell)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_INLINE.sub(r"\\\1", text)
    return text.replace("\r", "").replace("\n", "<br>")


def _md_line(line: str) -> str:
    """A line of a user paragraph: inline escapes plus what would start a block at the line start."""
    stripped = line.lstrip(" \t")
    indent = "".join("&#9;" if c == "\t" else "&#32;" for c in line[: len(line) - len(stripped)])
    text = md_inline(stripped)
    text = _MD_LINE_START.sub(r"\\\1", text)
    text = _MD_ORDERED.sub(r"\1\\\2", text)
    return indent + text


def md_block(text: str) -> list[str]:
    """Multi-line user text as Markdown paragraphs, keeping its line breaks (empty → ``noch nicht
    ausgefüllt``)."""
    if not text.strip():
        return [f"_{S.DOC_EMPTY}_"]
    out: list[str] = []
    paragraph: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") + [""]:
        if line.strip():
            paragraph.append(_md_line(line.rstrip()))
        elif paragraph:
            out.extend(part + "\\" for part in paragraph[:-1])
            out.extend([paragraph[-1], ""])
            paragraph = []
    return out[:-1]


def _cell(text: str) -> str:
    return md_inline(text.strip()) if text.strip() else S.DOC_NONE


def _md_table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> list[str]:
    """A GFM table; ``rows`` hold Markdown already (escape user text with ``_cell``)."""
    rule = ["---:" if i in right else "---" for i in range(len(header))]
    return ["| " + " | ".join(row) + " |" for row in (header, rule, *rows)]


def to_markdown(doc: StrategyDocument) -> str:
    """The strategy as a Markdown document (GitHub/CommonMark tables)."""
    d = doc.strategy
    result = doc.check()
    goal_no, measure_no = _goal_numbers(d), _measure_numbers(d)
    title_name = f"{doc.commune_name} ({doc.kreis})" if doc.kreis else doc.commune_name
    lines = [f"# {md_inline(S.DOC_HEADING.format(name=title_name, period=d.period))}", ""]
    if d.title.strip():
        lines += [f"**{md_inline(d.title)}**", ""]
    lines += [
        f"- **{S.DOC_COMMUNE}:** {_cell(title_name)}",
        f"- **{S.DOC_PERIOD}:** {d.period}",
        f"- **{S.DOC_TITLE}:** {_cell(d.title)}",
        f"- **{S.DOC_STATUS_LABEL}:** {md_inline(_status_text(d))}",
        f"- **{S.DOC_DATE}:** {fmt_date(doc.export_date)}",
        f"- **{S.DOC_AUTHOR}:** {_cell(doc.author)}",
        "",
    ]

    lines += [f"## {S.DOC_SECTION_PROBLEM}", "", *md_block(d.problem_description), "",
              f"### {S.DOC_FINDINGS}", ""]
    if d.findings:
        lines += _md_table(
            [S.DOC_COL_FIELD, S.DOC_COL_SEVERITY, S.DOC_COL_PLACE, S.DOC_COL_EVIDENCE, S.DOC_COL_VISIT],
            [[_cell(doc.field_name(f.problem_field)), S.label(S.SEVERITY, f.severity), _cell(f.place),
              _cell(f.evidence), fmt_date(f.visit_date)] for f in d.findings])
    else:
        lines.append(S.DOC_NO_FINDINGS)
    lines += ["", f"## {S.DOC_SECTION_CAUSES}", "", *md_block(d.cause_analysis), "",
              f"## {S.DOC_SECTION_GOALS}", ""]

    if d.goals:
        lines += _md_table(
            [S.DOC_COL_NO, S.DOC_COL_GOAL, S.DOC_COL_TARGET_GROUP, S.DOC_COL_INDICATOR, S.DOC_COL_TARGET_VALUE,
             S.DOC_COL_SERVED_BY],
            [[goal_no[g.id], _cell(g.title), _cell(g.target_group), _cell(g.indicator), _cell(g.target_value),
              ", ".join(measure_no[m.id] for m in d.measures if g.id in m.goals and is_active(m)) or S.DOC_NONE]
             for g in d.goals])
    else:
        lines.append(f"_{S.DOC_EMPTY}_")
    lines += ["", f"## {S.DOC_SECTION_MEASURES}", ""]

    if not d.measures:
        lines += [f"_{S.DOC_EMPTY}_", ""]
    goals = {g.id: g for g in d.goals}
    for m in d.measures:
        f = result.finance_of(m.id)
        fields = ", ".join(md_inline(doc.field_name(c)) for c in m.problem_fields) or S.DOC_NONE
        served = "; ".join(f"{goal_no[g]} {md_inline(goals[g].title)}" for g in m.goals if g in goals)
        lines += [
            f"### {measure_no[m.id]} {md_inline(m.title)}", "",
            f"- **{S.DOC_M_FIELDS}:** {fields}",
            f"- **{S.DOC_M_GOALS}:** {served or S.DOC_NONE}",
            f"- **{S.DOC_M_LEAD}:** {_cell(m.lead)}",
            f"- **{S.DOC_M_PARTNERS}:** {_cell(m.partners)}",
            f"- **{S.DOC_M_PERIOD}:** {_span(m)}",
            *(f"- **{label}:** {value}" for label, value in _money_facts(m, f)),
            f"- **{S.DOC_M_STATE}:** {S.label(S.MEASURE_STATE, m.state)}",
            "", f"**{S.DOC_M_DESCRIPTION}:**", "", *md_block(m.description), "",
        ]

    lines += [f"### {S.DOC_FINANCE}", "", S.DOC_FINANCE_RULE, ""]
    if d.measures:
        rows = []
        for m in d.measures:
            title = f"{measure_no[m.id]} {md_inline(m.title)}"
            if not is_active(m):
                title += f" ({S.label(S.MEASURE_STATE, m.state)})"
            rows.append([title, *_money_row(m, result.finance_of(m.id))])
        rows.append([f"**{S.DOC_SUM}**", *(f"**{v}**" if v else "" for v in _sum_row(result))])
        lines += _md_table(FINANCE_HEADER, rows, right=FINANCE_RIGHT)
        lines.append("")
        if any(not is_active(m) for m in d.measures):
            lines += [S.DOC_DROPPED_NOTE, ""]
        capped = _capped(d, result)
        if capped:
            lines += [f"- {measure_no[m.id]} {md_inline(m.title)}: {md_inline(note)}" for m, note in capped]
            lines.append("")
    lines += [f"- **{label}:** {value}" for label, value in totals_lines(result.totals)]

    lines += ["", f"## {S.DOC_SECTION_TIMELINE}", "", f"### {S.DOC_TIMELINE}", ""]
    timeline = _timeline(d)
    if timeline:
        lines += _md_table([S.DOC_COL_START, S.DOC_COL_END, S.DOC_COL_MEASURE, S.DOC_COL_LEAD, S.DOC_COL_STATE],
                           [[fmt_date(m.start) or S.DOC_OPEN, fmt_date(m.end) or S.DOC_OPEN,
                             f"{measure_no[m.id]} {md_inline(m.title)}", _cell(m.lead),
                             S.label(S.MEASURE_STATE, m.state)] for m in timeline])
    else:
        lines.append(S.DOC_NO_MEASURES)
    lines += ["", f"### {S.DOC_IMPLEMENTATION}", "", *md_block(d.implementation_notes), "",
              f"## {S.DOC_SECTION_EVALUATION}", "", *md_block(d.evaluation), "",
              f"### {S.DOC_EVALUATION_ITEMS}", ""]
    if d.evaluation_items:
        lines += _md_table([S.DOC_COL_INDICATOR, S.DOC_COL_METHOD, S.DOC_COL_DUE],
                           [[_cell(e.indicator), _cell(e.method), fmt_date(e.due) or S.DOC_OPEN]
                            for e in d.evaluation_items])
    else:
        lines.append(S.DOC_NO_EVALUATION_ITEMS)
    lines += ["", f"## {S.DOC_CHECKS}", ""]
    day = fmt_date(doc.export_date)
    if result.warnings:
        lines += [S.DOC_CHECKS_INTRO.format(day=day), ""]
        lines += [f"- **{section_label(w.section)}:** {md_inline(w.message)}" for w in result.warnings]
    else:
        lines.append(S.DOC_CHECKS_NONE.format(day=day))
    lines += ["", "---", "", md_inline(S.DOC_FOOTER), ""]
    return "\n".join(lines)


# -- HTML ---------------------------------------------------------------------------------------------
_CSS = """
:root { --ink: #1a1a1a; --muted: #5c5c5c; --line: #b9b9b9; --bar: #2f6690; --head: #eef2f5; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: var(--ink); line-height: 1.45;
       max-width: 62rem; margin: 2rem auto; padding: 0 1.25rem; font-size: 11pt; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; border-bottom: 2px solid var(--bar); padding-bottom: .15rem; }
h3 { font-size: 1.05rem; margin: 1.3rem 0 .4rem; }
.subtitle { font-size: 1.15rem; font-weight: 600; margin: 0 0 .8rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .6rem 0 1rem; }
dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: .3rem 0 .8rem; }
.empty { color: var(--muted); font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .95em; }
th, td { border: 1px solid var(--line); padding: .25rem .45rem; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
th { background: var(--head); }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.sum td { font-weight: 700; }
tr.dropped td { color: var(--muted); text-decoration: line-through; }
ul.capped { list-style: none; border-left: 3px solid #b7791f; padding-left: .6rem; }
section.checks li { margin: .2rem 0; }
section.measure { border-left: 3px solid var(--bar); padding: .1rem 0 .1rem .8rem; margin: 1rem 0; }
section.measure dl.facts { margin: .3rem 0; }
table.chart { table-layout: fixed; font-size: .85em; }
table.chart th, table.chart td { padding: .15rem .2rem; text-align: center; }
table.chart th.label, table.chart td.label { text-align: left; width: 30%; }
table.chart td.on { background: var(--bar); -webkit-print-color-adjust: exact; print-color-adjust: exact; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85em; border-top: 1px solid var(--line);
         padding-top: .4rem; }
@media print {
  @page { size: A4; margin: 16mm 14mm 18mm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  table, tr, section.measure, dl.facts { break-inside: avoid; page-break-inside: avoid; }
  th, table.chart td.on { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _h_text(text: str) -> str:
    """A block of user text (line breaks kept by CSS), or ``noch nicht ausgefüllt``."""
    if not text.strip():
        return f'<p class="empty">{_h(S.DOC_EMPTY)}</p>'
    return f'<div class="text">{_h(text.strip(chr(10)))}</div>'


def _h_cell(text: str) -> str:
    return _h(text) if text.strip() else S.DOC_NONE


def _h_table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = (),
             row_class: Callable[[int], str] | None = None) -> list[str]:
    """A table; header texts are escaped here, ``rows`` hold HTML already."""
    def cls(i: int) -> str:
        return ' class="num"' if i in right else ""

    out = ["<table>", "<thead><tr>" + "".join(f"<th{cls(i)}>{_h(h)}</th>" for i, h in enumerate(header))
           + "</tr></thead>", "<tbody>"]
    for n, row in enumerate(rows):
        extra = row_class(n) if row_class else ""
        attr = f' class="{extra}"' if extra else ""
        out.append(f"<tr{attr}>" + "".join(f"<td{cls(i)}>{c}</td>" for i, c in enumerate(row)) + "</tr>")
    return [*out, "</tbody>", "</table>"]


def _facts(items: Sequence[tuple[str, str]]) -> list[str]:
    """A definition list; values hold HTML already."""
    return ['<dl class="facts">', *(f"<dt>{_h(k)}</dt><dd>{v}</dd>" for k, v in items), "</dl>"]


def _bins(d: StrategyData) -> tuple[list[tuple[int, str]], list[tuple[str, date, date]]]:
    """Columns of the chart: quarters (years for periods longer than six years)."""
    years = range(d.period_start, d.period_end + 1)
    if len(years) > 6:
        return [], [(str(y), date(y, 1, 1), date(y, 12, 31)) for y in years]
    ends = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
    bins = [(f"Q{q}", date(y, 3 * q - 2, 1), date(y, *ends[q])) for y in years for q in range(1, 5)]
    return [(y, str(y)) for y in years], bins


def _chart(d: StrategyData, measures: Sequence[Measure], numbers: Mapping[str, str]) -> list[str]:
    year_heads, bins = _bins(d)
    out = ['<table class="chart">', "<thead>"]
    if year_heads:
        out.append('<tr><th class="label" rowspan="2">' + _h(S.DOC_COL_MEASURE) + "</th>"
                   + "".join(f'<th colspan="4">{label}</th>' for _, label in year_heads) + "</tr>")
        out.append("<tr>" + "".join(f"<th>{label}</th>" for label, _, _ in bins) + "</tr>")
    else:
        out.append('<tr><th class="label">' + _h(S.DOC_COL_MEASURE) + "</th>"
                   + "".join(f"<th>{label}</th>" for label, _, _ in bins) + "</tr>")
    out += ["</thead>", "<tbody>"]
    for m in measures:
        start = m.start or m.end
        end = m.end or m.start
        cells = []
        for label, first, last in bins:
            on = start is not None and end is not None and start <= last and first <= end
            cells.append(f'<td class="on" title="{label}"></td>' if on else "<td></td>")
        out.append(f'<tr><td class="label">{numbers[m.id]} {_h(m.title)}</td>{"".join(cells)}</tr>')
    return [*out, "</tbody>", "</table>"]


def to_html(doc: StrategyDocument) -> str:
    """The strategy as one self-contained, printable HTML page (inline CSS, no scripts, no links)."""
    d = doc.strategy
    result = doc.check()
    goal_no, measure_no = _goal_numbers(d), _measure_numbers(d)
    title_name = f"{doc.commune_name} ({doc.kreis})" if doc.kreis else doc.commune_name
    heading = S.DOC_HEADING.format(name=title_name, period=d.period)
    out = ["<!DOCTYPE html>", '<html lang="de">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{_h(S.DOC_HEADING.format(name=doc.commune_name, period=d.period))}</title>",
           f"<style>{_CSS}</style>", "</head>", "<body>", "<header>", f"<h1>{_h(heading)}</h1>"]
    if d.title.strip():
        out.append(f'<p class="subtitle">{_h(d.title)}</p>')
    out += _facts([(S.DOC_COMMUNE, _h(title_name)), (S.DOC_PERIOD, _h(d.period)), (S.DOC_TITLE, _h_cell(d.title)),
                   (S.DOC_STATUS_LABEL, _h(_status_text(d))), (S.DOC_DATE, _h(fmt_date(doc.export_date))),
                   (S.DOC_AUTHOR, _h_cell(doc.author))])
    out += ["</header>", "<main>"]

    out += ["<section>", f"<h2>{_h(S.DOC_SECTION_PROBLEM)}</h2>", _h_text(d.problem_description),
            f"<h3>{_h(S.DOC_FINDINGS)}</h3>"]
    if d.findings:
        out += _h_table(
            [S.DOC_COL_FIELD, S.DOC_COL_SEVERITY, S.DOC_COL_PLACE, S.DOC_COL_EVIDENCE, S.DOC_COL_VISIT],
            [[_h_cell(doc.field_name(f.problem_field)), _h(S.label(S.SEVERITY, f.severity)), _h_cell(f.place),
              _h_cell(f.evidence), fmt_date(f.visit_date)] for f in d.findings])
    else:
        out.append(f"<p>{_h(S.DOC_NO_FINDINGS)}</p>")
    out += ["</section>", "<section>", f"<h2>{_h(S.DOC_SECTION_CAUSES)}</h2>", _h_text(d.cause_analysis),
            "</section>", "<section>", f"<h2>{_h(S.DOC_SECTION_GOALS)}</h2>"]

    if d.goals:
        out += _h_table(
            [S.DOC_COL_NO, S.DOC_COL_GOAL, S.DOC_COL_TARGET_GROUP, S.DOC_COL_INDICATOR, S.DOC_COL_TARGET_VALUE,
             S.DOC_COL_SERVED_BY],
            [[goal_no[g.id], _h_cell(g.title), _h_cell(g.target_group), _h_cell(g.indicator),
              _h_cell(g.target_value),
              ", ".join(measure_no[m.id] for m in d.measures if g.id in m.goals and is_active(m)) or S.DOC_NONE]
             for g in d.goals])
    else:
        out.append(f'<p class="empty">{_h(S.DOC_EMPTY)}</p>')
    out += ["</section>", "<section>", f"<h2>{_h(S.DOC_SECTION_MEASURES)}</h2>"]

    if not d.measures:
        out.append(f'<p class="empty">{_h(S.DOC_EMPTY)}</p>')
    goals = {g.id: g for g in d.goals}
    for m in d.measures:
        f = result.finance_of(m.id)
        fields = ", ".join(_h(doc.field_name(c)) for c in m.problem_fields) or S.DOC_NONE
        served = "; ".join(f"{goal_no[g]} {_h(goals[g].title)}" for g in m.goals if g in goals)
        out += [f'<section class="measure" id="m-{_h(m.id)}">', f"<h3>{measure_no[m.id]} {_h(m.title)}</h3>"]
        out += _facts([(S.DOC_M_FIELDS, fields), (S.DOC_M_GOALS, served or S.DOC_NONE),
                       (S.DOC_M_LEAD, _h_cell(m.lead)), (S.DOC_M_PARTNERS, _h_cell(m.partners)),
                       (S.DOC_M_PERIOD, _h(_span(m))),
                       *((label, _h(value)) for label, value in _money_facts(m, f)),
                       (S.DOC_M_STATE, _h(S.label(S.MEASURE_STATE, m.state))),
                       (S.DOC_M_DESCRIPTION, _h_text(m.description))])
        out.append("</section>")

    out += [f"<h3>{_h(S.DOC_FINANCE)}</h3>", f"<p>{_h(S.DOC_FINANCE_RULE)}</p>"]
    if d.measures:
        rows = []
        for m in d.measures:
            title = f"{measure_no[m.id]} {_h(m.title)}"
            if not is_active(m):
                title += f" ({_h(S.label(S.MEASURE_STATE, m.state))})"
            rows.append([title, *(_h(v) for v in _money_row(m, result.finance_of(m.id)))])
        rows.append([_h(S.DOC_SUM), *(_h(v) for v in _sum_row(result))])
        dropped = {n for n, m in enumerate(d.measures) if not is_active(m)}
        out += _h_table(FINANCE_HEADER, rows, right=FINANCE_RIGHT,
                        row_class=lambda n: "sum" if n == len(d.measures) else "dropped" if n in dropped else "")
        if dropped:
            out.append(f"<p>{_h(S.DOC_DROPPED_NOTE)}</p>")
        capped = _capped(d, result)
        if capped:
            out += ['<ul class="capped">',
                    *(f"<li>{measure_no[m.id]} {_h(m.title)}: {_h(note)}</li>" for m, note in capped), "</ul>"]
    out += _facts([(label, _h(value)) for label, value in totals_lines(result.totals)])
    out += ["</section>", "<section>", f"<h2>{_h(S.DOC_SECTION_TIMELINE)}</h2>", f"<h3>{_h(S.DOC_TIMELINE)}</h3>"]

    timeline = _timeline(d)
    if timeline:
        out += _chart(d, timeline, measure_no)
        out += _h_table([S.DOC_COL_START, S.DOC_COL_END, S.DOC_COL_MEASURE, S.DOC_COL_LEAD, S.DOC_COL_STATE],
                        [[fmt_date(m.start) or S.DOC_OPEN, fmt_date(m.end) or S.DOC_OPEN,
                          f"{measure_no[m.id]} {_h(m.title)}", _h_cell(m.lead),
                          _h(S.label(S.MEASURE_STATE, m.state))] for m in timeline])
    else:
        out.append(f"<p>{_h(S.DOC_NO_MEASURES)}</p>")
    out += [f"<h3>{_h(S.DOC_IMPLEMENTATION)}</h3>", _h_text(d.implementation_notes), "</section>",
            "<section>", f"<h2>{_h(S.DOC_SECTION_EVALUATION)}</h2>", _h_text(d.evaluation),
            f"<h3>{_h(S.DOC_EVALUATION_ITEMS)}</h3>"]
    if d.evaluation_items:
        out += _h_table([S.DOC_COL_INDICATOR, S.DOC_COL_METHOD, S.DOC_COL_DUE],
                        [[_h_cell(e.indicator), _h_cell(e.method), fmt_date(e.due) or S.DOC_OPEN]
                         for e in d.evaluation_items])
    else:
        out.append(f"<p>{_h(S.DOC_NO_EVALUATION_ITEMS)}</p>")
    out += ["</section>", '<section class="checks">', f"<h2>{_h(S.DOC_CHECKS)}</h2>"]
    day = fmt_date(doc.export_date)
    if result.warnings:
        out += [f"<p>{_h(S.DOC_CHECKS_INTRO.format(day=day))}</p>", "<ul>",
                *(f"<li><strong>{_h(section_label(w.section))}:</strong> {_h(w.message)}</li>"
                  for w in result.warnings), "</ul>"]
    else:
        out.append(f"<p>{_h(S.DOC_CHECKS_NONE.format(day=day))}</p>")
    out += ["</section>", "</main>", f"<footer>{_h(S.DOC_FOOTER)}</footer>", "</body>", "</html>", ""]
    return "\n".join(out)
