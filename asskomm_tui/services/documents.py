"""The prevention strategy as a document to hand over: Markdown, one printable HTML page, Word (German).

Every section of the Beccaria-Standards appears, even when empty. The timeline is derived from the
measures. Money and the closing "Prüfhinweise" come from the one Beccaria-Check result
(``services/beccaria.py``), the same the strategy screen shows. User text is data in every format: HTML escapes it (``html.escape``); Markdown
backslash-escapes its syntax characters, writes ``<``, ``>``, ``&`` as entities and breaks table cells
with ``<br>``, so a title like ``<script>x</script>``, ``**x**`` or ``| pipe`` shows exactly as typed.

Markdown, HTML and DOCX are all rendered from one document model (``strategy_doc.py`` builds the
strategy's blocks, ``doc_model.py`` renders them); this module keeps what they share: the document's
data, names, money rows, the HTML quarter chart and the escaping of user text.
No Textual here.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Sequence

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






def to_markdown(doc: StrategyDocument) -> str:
    """The strategy as a Markdown document (GitHub/CommonMark tables), from the document model."""
    from .doc_model import to_markdown as render_markdown
    from .strategy_doc import strategy_document

    return render_markdown(strategy_document(doc))


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
.empty, .muted { color: var(--muted); font-style: italic; }
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
    from .doc_model import to_html as render_html
    from .strategy_doc import strategy_document

    return render_html(strategy_document(doc))

