"""One document model and its three renderers: Markdown, a printable HTML page with SVG charts, DOCX.

A document is a title and a list of blocks (``Heading``, ``Para``, ``Facts``, ``Grid``, ``Bars``,
``Line``, ``Gauge``, ``TileMap``); ``to_markdown``, ``to_html`` and ``to_docx`` each write every
block, so a new document (the Bilanz, a visit record, a commune report) is written once as blocks.
All text in blocks is data: HTML escapes it, Markdown backslash-escapes it (``md_inline``), DOCX
stores it as text runs. No Textual here.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass, field
from typing import Sequence

from .. import strings as S
from .documents import md_block, md_inline


def or_none(text: str) -> str:
    """A user's short text for a cell or fact, or "—" when it is empty."""
    return text if text.strip() else S.DOC_NONE


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Para:
    """One paragraph of our own words (or a short user text on one line)."""

    text: str
    muted: bool = False
    strong: bool = False


@dataclass(frozen=True)
class UserText:
    """A user's text of several lines and paragraphs, kept as typed (empty: "noch nicht ausgefüllt")."""

    text: str


@dataclass(frozen=True)
class Bullets:
    """A list: (label, text) per item; an empty label gives a plain item."""

    items: tuple[tuple[str, str], ...]
    css_class: str = ""


@dataclass(frozen=True)
class Group:
    """Blocks that belong together (a measure): a section of the HTML page, nothing else elsewhere."""

    blocks: tuple["Block", ...]
    css_class: str = ""


@dataclass(frozen=True)
class HtmlChart:
    """A chart only the HTML page shows, as markup our renderer made (its user text escaped there)."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Facts:
    """Label: value pairs."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Grid:
    """A table of display strings; ``right``: columns aligned right; ``shade``: columns whose numbers
    are shaded by size (a heat map, readable in monochrome by the figures themselves)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    right: tuple[int, ...] = ()
    shade: tuple[int, ...] = ()
    values: tuple[tuple[float, ...], ...] = ()  # the numbers behind ``shade`` columns, row by row
    row_classes: tuple[str, ...] = ()  # per row: "sum" (bold), "dropped" (struck through in HTML), or ""


@dataclass(frozen=True)
class Bars:
    """Horizontal bars: a label and a number each (``texts``: how the number is written)."""

    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Line:
    """A line over time (months): labels along the axis, one number each."""

    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]


@dataclass(frozen=True)
class Gauge:
    """How much of a total is used (the budget): ``text`` says it in words."""

    title: str
    value: float
    total: float
    text: str


@dataclass(frozen=True)
class TileMap:
    """Tiles in a rough geographic arrangement (the 13 Kreise): (column, row, label, value, text)."""

    title: str
    tiles: tuple[tuple[int, int, str, float, str], ...]


Block = Heading | Para | UserText | Bullets | Group | HtmlChart | Facts | Grid | Bars | Line | Gauge | TileMap


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str = ""
    blocks: tuple[Block, ...] = ()
    footer: str = ""
    meta: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    css: str = ""  # the HTML page's style sheet (default: ``CSS``)


# -- Markdown --------------------------------------------------------------------------------------
def _md_table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = (),
              row_classes: Sequence[str] = ()) -> list[str]:
    rule = ["---:" if i in right else "---" for i in range(len(header))]
    body = []
    for n, row in enumerate(rows):
        bold = n < len(row_classes) and row_classes[n] == "sum"
        body.append([f"**{md_inline(c)}**" if bold and c else md_inline(c) for c in row])
    cells = [[md_inline(c) for c in header], rule, *body]
    return ["| " + " | ".join(row) + " |" for row in cells]


def _bar_text(value: float, top: float, width: int = 30) -> str:
    return "█" * (round(width * value / top) if top > 0 else 0)


def to_markdown(doc: Document) -> str:
    out = [f"# {md_inline(doc.title)}", ""]
    if doc.subtitle:
        out += [f"**{md_inline(doc.subtitle)}**", ""]
    _md_blocks(doc.blocks, out)
    if doc.footer:
        out += ["---", "", md_inline(doc.footer), ""]
    return "\n".join(out)


def _md_blocks(blocks: Sequence[Block], out: list[str]) -> None:
    for block in blocks:
        if isinstance(block, Group):
            _md_blocks(block.blocks, out)
        elif isinstance(block, HtmlChart):
            continue
        elif isinstance(block, UserText):
            out += [*md_block(block.text), ""]
        elif isinstance(block, Bullets):
            out += [f"- **{md_inline(k)}:** {md_inline(v)}" if k else f"- {md_inline(v)}" for k, v in block.items]
            out.append("")
        elif isinstance(block, Heading):
            out += [f"{'#' * block.level} {md_inline(block.text)}", ""]
        elif isinstance(block, Para):
            text = md_inline(block.text)
            out += [f"_{text}_" if block.muted else f"**{text}**" if block.strong else text, ""]
        elif isinstance(block, Facts):
            out += [f"- **{md_inline(k)}:** {md_inline(v)}" for k, v in block.items] + [""]
        elif isinstance(block, Grid):
            out += _md_table(block.header, block.rows, block.right, block.row_classes) + [""]
        elif isinstance(block, Bars):
            top = max(block.values, default=0)
            out += _md_table((block.title, "", ""), [(label, text, _bar_text(v, top))
                                                     for label, v, text in zip(block.labels, block.values, block.texts)],
                             (1,)) + [""]
        elif isinstance(block, Line):
            out += _md_table((block.title, ""), [(label, f"{v:g}") for label, v in zip(block.labels, block.values)],
                             (1,)) + [""]
        elif isinstance(block, Gauge):
            out += [f"**{md_inline(block.title)}:** {md_inline(block.text)}", ""]
        elif isinstance(block, TileMap):
            out += _md_table((block.title, ""), [(label, text) for _, _, label, _, text in block.tiles], (1,)) + [""]


# -- HTML with SVG ------------------------------------------------------------------------------------
def _h(text: str) -> str:
    return html.escape(text, quote=True)


CSS = """
body { font-family: "Source Sans 3", "Segoe UI", Arial, sans-serif; margin: 2em auto; max-width: 60em;
       color: #111; line-height: 1.4; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.25em; margin-top: 1.6em;
     border-bottom: 1px solid #999; } h3 { font-size: 1.05em; }
.subtitle, .muted { color: #444; }
table { border-collapse: collapse; margin: 0.6em 0 1em; font-size: 0.92em; }
th, td { border: 1px solid #999; padding: 0.2em 0.5em; vertical-align: top; text-align: left; }
th { background: #eee; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 0.1em 1em; }
dl.facts dt { font-weight: bold; } dl.facts dd { margin: 0; }
svg { max-width: 100%; height: auto; } svg text { font-family: inherit; font-size: 12px; fill: #111; }
footer { margin-top: 3em; color: #555; font-size: 0.85em; border-top: 1px solid #999; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } table, svg { break-inside: avoid; } }
"""


def _shade(value: float, top: float) -> str:
    """A grey from white to dark for a share of the column's top (the number stays printed on it)."""
    share = value / top if top > 0 else 0
    level = round(255 - 150 * share)
    return f"background:rgb({level},{level},{level});" + ("color:#fff;" if share > 0.6 else "")


def _html_grid(block: Grid) -> list[str]:
    def cls(i: int) -> str:
        return ' class="num"' if i in block.right else ""

    tops = {i: max((row[i] for row in block.values), default=0) for i in block.shade} if block.values else {}
    out = ["<table>", "<thead><tr>" + "".join(f"<th{cls(i)}>{_h(h)}</th>" for i, h in enumerate(block.header))
           + "</tr></thead>", "<tbody>"]
    for n, row in enumerate(block.rows):
        cells = []
        for i, c in enumerate(row):
            style = f' style="{_shade(block.values[n][i], tops[i])}"' if i in tops else ""
            cells.append(f"<td{cls(i)}{style}>{_h(c)}</td>")
        kind = block.row_classes[n] if n < len(block.row_classes) else ""
        out.append((f'<tr class="{kind}">' if kind else "<tr>") + "".join(cells) + "</tr>")
    return [*out, "</tbody>", "</table>"]


def _svg_bars(block: Bars) -> str:
    label_w, bar_w, row_h = 260, 360, 20
    top = max(block.values, default=0)
    height = row_h * len(block.values) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {label_w + bar_w + 90} {height}" '
             f'role="img" aria-label="{_h(block.title)}">']
    for i, (label, value, text) in enumerate(zip(block.labels, block.values, block.texts)):
        y = 5 + i * row_h
        w = bar_w * value / top if top > 0 else 0
        parts.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{_h(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" fill="#555"/>')
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 14}">{_h(text)}</text>')
    return "".join(parts) + "</svg>"


def _svg_line(block: Line) -> str:
    width, height, left, bottom = 640, 180, 40, 30
    n = max(1, len(block.values) - 1)
    top = max(block.values, default=0) or 1
    points = [(left + (width - left - 10) * i / n, 10 + (height - bottom - 10) * (1 - v / top))
              for i, v in enumerate(block.values)]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{_h(block.title)}">',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="#999"/>',
             f'<text x="{left - 6}" y="16" text-anchor="end">{top:g}</text>',
             f'<text x="{left - 6}" y="{height - bottom}" text-anchor="end">0</text>']
    if points:
        parts.append('<polyline fill="none" stroke="#222" stroke-width="2" points="'
                     + " ".join(f"{x:.1f},{y:.1f}" for x, y in points) + '"/>')
        parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="#222"/>' for x, y in points]
    step = max(1, -(-len(block.labels) // 7))  # at most seven labels: they never run into each other
    for i, label in enumerate(block.labels):
        if i % step == 0:
            parts.append(f'<text x="{points[i][0]:.1f}" y="{height - 10}" text-anchor="middle">{_h(label)}</text>')
    return "".join(parts) + "</svg>"


def _svg_gauge(block: Gauge) -> str:
    width = 500
    share = min(1.0, block.value / block.total) if block.total > 0 else 0
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width + 20} 50" role="img" '
            f'aria-label="{_h(block.title)}"><rect x="10" y="8" width="{width}" height="18" fill="none" '
            f'stroke="#222"/><rect x="10" y="8" width="{width * share:.1f}" height="18" fill="#555"/>'
            f'<text x="10" y="44">{_h(block.text)}</text></svg>')


def _svg_tiles(block: TileMap) -> str:
    w, h = 120, 56
    cols = max((c for c, _, _, _, _ in block.tiles), default=0) + 1
    rows = max((r for _, r, _, _, _ in block.tiles), default=0) + 1
    top = max((v for *_, v, _ in block.tiles), default=0)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {cols * w + 10} {rows * h + 10}" role="img" '
             f'aria-label="{_h(block.title)}">']
    for col, row, label, value, text in block.tiles:
        share = value / top if top > 0 else 0
        level = round(245 - 170 * share)
        ink = "#fff" if share > 0.6 else "#111"
        x, y = 5 + col * w, 5 + row * h
        parts.append(f'<rect x="{x}" y="{y}" width="{w - 4}" height="{h - 4}" fill="rgb({level},{level},{level})" '
                     f'stroke="#222"/>')
        parts.append(f'<text x="{x + 6}" y="{y + 20}" style="fill:{ink}">{_h(label)}</text>')
        parts.append(f'<text x="{x + 6}" y="{y + 40}" style="fill:{ink};font-weight:bold">{_h(text)}</text>')
    return "".join(parts) + "</svg>"


def to_html(doc: Document) -> str:
    """One self-contained printable page: inline CSS, SVG charts, no scripts, no links."""
    out = ["<!DOCTYPE html>", '<html lang="de">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{_h(doc.title)}</title>", f"<style>{doc.css or CSS}</style>", "</head>", "<body>",
           f"<h1>{_h(doc.title)}</h1>"]
    if doc.subtitle:
        out.append(f'<p class="subtitle">{_h(doc.subtitle)}</p>')
    _html_blocks(doc.blocks, out)
    if doc.footer:
        out.append(f"<footer>{_h(doc.footer)}</footer>")
    return "\n".join([*out, "</body>", "</html>", ""])


def _html_blocks(blocks: Sequence[Block], out: list[str]) -> None:
    for block in blocks:
        if isinstance(block, Group):
            out.append(f'<section class="{_h(block.css_class)}">' if block.css_class else "<section>")
            _html_blocks(block.blocks, out)
            out.append("</section>")
        elif isinstance(block, HtmlChart):
            out += list(block.lines)
        elif isinstance(block, UserText):
            out.append(f'<div class="text">{_h(block.text.strip(chr(10)))}</div>' if block.text.strip()
                       else f'<p class="empty">{_h(S.DOC_EMPTY)}</p>')
        elif isinstance(block, Bullets):
            attr = f' class="{_h(block.css_class)}"' if block.css_class else ""
            out += [f"<ul{attr}>", *(f"<li><strong>{_h(k)}:</strong> {_h(v)}</li>" if k else f"<li>{_h(v)}</li>"
                                     for k, v in block.items), "</ul>"]
        elif isinstance(block, Heading):
            out.append(f"<h{block.level}>{_h(block.text)}</h{block.level}>")
        elif isinstance(block, Para):
            if block.muted:
                out.append(f'<p class="muted">{_h(block.text)}</p>')
            else:
                out.append(f"<p><strong>{_h(block.text)}</strong></p>" if block.strong else f"<p>{_h(block.text)}</p>")
        elif isinstance(block, Facts):
            out += ['<dl class="facts">', *(f"<dt>{_h(k)}</dt><dd>{_h(v)}</dd>" for k, v in block.items), "</dl>"]
        elif isinstance(block, Grid):
            out += _html_grid(block)
        elif isinstance(block, Bars):
            out += [f"<h3>{_h(block.title)}</h3>", _svg_bars(block)]
        elif isinstance(block, Line):
            out += [f"<h3>{_h(block.title)}</h3>", _svg_line(block)]
        elif isinstance(block, Gauge):
            out += [f"<h3>{_h(block.title)}</h3>", _svg_gauge(block)]
        elif isinstance(block, TileMap):
            out += [f"<h3>{_h(block.title)}</h3>", _svg_tiles(block)]


# -- DOCX ---------------------------------------------------------------------------------------------
def to_docx(doc: Document) -> bytes:
    """The document as a Word file (python-docx): headings, tables, and the charts as tables of bars."""
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    out = Docx()
    out.core_properties.title = doc.title
    out.add_heading(doc.title, level=0)
    if doc.subtitle:
        out.add_paragraph(doc.subtitle)

    def table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = (),
              row_classes: Sequence[str] = ()) -> None:
        t = out.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        for i, text in enumerate(header):
            cell = t.rows[0].cells[i]
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for n, row in enumerate(rows):
            cells = t.add_row().cells
            bold = n < len(row_classes) and row_classes[n] == "sum"
            for i, text in enumerate(row):
                cells[i].text = text
                for run in cells[i].paragraphs[0].runs:
                    run.bold = bold
                if i in right:
                    cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        out.add_paragraph()

    def blocks(items: Sequence[Block]) -> None:
        for block in items:
            one(block)

    def one(block: Block) -> None:
        if isinstance(block, Group):
            blocks(block.blocks)
        elif isinstance(block, HtmlChart):
            return
        elif isinstance(block, UserText):
            if not block.text.strip():
                out.add_paragraph().add_run(S.DOC_EMPTY).italic = True
            for part in block.text.replace("\r\n", "\n").split("\n\n"):
                if part.strip():
                    out.add_paragraph(part.strip("\n"))  # a line break stays a line break
        elif isinstance(block, Bullets):
            for k, v in block.items:
                p = out.add_paragraph(style="List Bullet")
                if k:
                    p.add_run(f"{k}: ").bold = True
                p.add_run(v)
        elif isinstance(block, Heading):
            out.add_heading(block.text, level=min(block.level, 4))
        elif isinstance(block, Para):
            p = out.add_paragraph()
            run = p.add_run(block.text)
            run.italic = block.muted
            run.bold = block.strong
        elif isinstance(block, Facts):
            for k, v in block.items:
                p = out.add_paragraph()
                p.add_run(f"{k}: ").bold = True
                p.add_run(v)
        elif isinstance(block, Grid):
            table(block.header, block.rows, block.right, block.row_classes)
        elif isinstance(block, Bars):
            top = max(block.values, default=0)
            out.add_heading(block.title, level=3)
            table(("", "", ""), [(label, text, _bar_text(v, top, 20))
                                 for label, v, text in zip(block.labels, block.values, block.texts)], (1,))
        elif isinstance(block, Line):
            out.add_heading(block.title, level=3)
            top = max(block.values, default=0)
            table(("", "", ""), [(label, f"{v:g}", _bar_text(v, top, 20))
                                 for label, v in zip(block.labels, block.values)], (1,))
        elif isinstance(block, Gauge):
            out.add_heading(block.title, level=3)
            out.add_paragraph(block.text)
        elif isinstance(block, TileMap):
            out.add_heading(block.title, level=3)
            table(("", ""), [(label, text) for _, _, label, _, text in block.tiles], (1,))

    blocks(doc.blocks)
    if doc.footer:
        p = out.add_paragraph()
        run = p.add_run(doc.footer)
        run.italic = True
        run.font.size = Pt(8)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
