"""The Bilanz written as files: JSON (the figures under stable keys), CSV (one file per table, for
German Excel: UTF-8 with BOM, ``;``, decimal comma), XLSX (one sheet per table, number formats,
frozen headers, native charts; XlsxWriter), and a document (Markdown, HTML with SVG charts, DOCX)
from one document model (``doc_model``). Every format takes its figures from ``bilanz_tables``.
Files are written atomically. No Textual here.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from storage.durable import atomic_write_bytes

from .. import strings as S
from ..formatting import fmt_date, fmt_eur, short_kreis
from . import doc_model as D
from .bilanz import Bilanz
from .bilanz_tables import (Money, Table, budget_text, headline, period_text, plain, scope_text, table_strings,
                            tables)

FORMATS = ("json", "csv", "md", "html", "xlsx", "docx")

# the 13 Kreise by key in their rough places on a map of Saxony (column, row)
KREIS_TILES: dict[str, tuple[int, int]] = {
    "14713": (1, 0), "14730": (2, 0),
    "14729": (1, 1), "14627": (2, 1), "14625": (3, 1), "14626": (4, 1),
    "14524": (0, 2), "14511": (1, 2), "14522": (2, 2), "14612": (3, 2),
    "14523": (0, 3), "14521": (1, 3), "14628": (3, 3),
}


def file_name(b: Bilanz, fmt: str) -> str:
    """``bilanz_2025-01-01_2025-12-31.xlsx`` (csv: the folder's name, without a suffix)."""
    base = f"bilanz_{b.period.start.isoformat()}_{b.period.end.isoformat()}"
    return base if fmt == "csv" else f"{base}.{fmt}"


def to_json(b: Bilanz) -> bytes:
    return (json.dumps(b.to_json(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


# -- CSV ----------------------------------------------------------------------------------------------
def _csv_cell(cell: object) -> str:
    """Numbers for German Excel: no thousands separator, decimal comma for euros."""
    if cell is None:
        return ""
    if isinstance(cell, Money):
        return fmt_eur(cell.cents, symbol=False).replace(".", "")
    return str(cell)


def csv_files(b: Bilanz) -> dict[str, bytes]:
    """File name → bytes of every table."""
    out = {}
    for table in tables(b):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(table.header)
        writer.writerows([_csv_cell(c) for c in row] for row in table.rows)
        out[f"{table.key}.csv"] = ("\ufeff" + buffer.getvalue()).encode("utf-8")
    return out


# -- XLSX ---------------------------------------------------------------------------------------------
def to_xlsx(b: Bilanz) -> bytes:
    """One sheet per table; counts as integers, money as euros with a € format; a chart beside
    the tables that have one."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True, "bg_color": "#EEEEEE", "border": 1})
    euro = book.add_format({"num_format": '#,##0.00 "€"'})
    count = book.add_format({"num_format": "#,##0"})
    title = book.add_format({"bold": True, "font_size": 13})
    for table in tables(b):
        sheet = book.add_worksheet(table.key[:31])
        sheet.write(0, 0, table.title, title)
        sheet.write(1, 0, f"{period_text(b)} · {scope_text(b)}")
        for col, head in enumerate(table.header):
            sheet.write(3, col, head, bold)
            sheet.set_column(col, col, max(12, min(60, len(head) + 4)))
        for r, row in enumerate(table.rows, start=4):
            for col, cell in enumerate(row):
                if isinstance(cell, Money):
                    sheet.write_number(r, col, cell.cents / 100, euro)
                elif isinstance(cell, int):
                    sheet.write_number(r, col, cell, count)
                elif cell is not None:
                    sheet.write_string(r, col, cell)
        sheet.freeze_panes(4, 1)
        if table.chart and table.rows:
            chart = book.add_chart({"type": "bar" if table.chart == "bar" else "line"})
            last = 3 + len(table.rows)
            chart.add_series({"name": table.header[1], "categories": [sheet.name, 4, 0, last, 0],
                              "values": [sheet.name, 4, 1, last, 1]})
            chart.set_title({"name": table.title})
            chart.set_legend({"none": True})
            if table.chart == "bar":
                chart.set_y_axis({"reverse": True})
            sheet.insert_chart(3, len(table.header) + 1, chart)
    book.close()
    return buffer.getvalue()


# -- the document ------------------------------------------------------------------------------------
def _grid(table: Table, shade: tuple[int, ...] = ()) -> D.Grid:
    right = tuple(i for i in range(len(table.header))
                  if any(isinstance(row[i], (int, Money)) for row in table.rows))
    values = tuple(tuple(float(c.cents if isinstance(c, Money) else c) if isinstance(c, (int, Money)) else 0.0
                         for c in row) for row in table.rows) if shade else ()
    return D.Grid(table.header, tuple(tuple(r) for r in table_strings(table)), right, shade, values)


def _bars(table: Table, column: int = 1) -> D.Bars:
    return D.Bars(table.title, tuple(plain(r[0]) for r in table.rows),
                  tuple(float(r[column] or 0) for r in table.rows),  # type: ignore[arg-type]
                  tuple(plain(r[column]) for r in table.rows))


def document(b: Bilanz) -> D.Document:
    """The Bilanz as a document: headline figures, the figures with Δ and definitions, charts, tables."""
    by_key = {t.key: t for t in tables(b)}
    f = b.figures
    funding = f["funding"]
    kreise = f["by_kreis"]
    blocks: list[D.Block] = [
        D.Facts(tuple(headline(b))),
        D.Para(S.BILANZ_COUNTING, muted=True),
        D.Heading(S.BILANZ_T_FIGURES),
        _grid(by_key["kennzahlen"]),
        D.Heading(S.BILANZ_T_KINDS.split(" nach ")[0]),
        _bars(by_key["besuche_nach_art"]),
        D.Line(S.BILANZ_T_MONTHS, tuple(plain(r[0]) for r in by_key["besuche_nach_monat"].rows),
               tuple(float(r[1] or 0) for r in by_key["besuche_nach_monat"].rows)),  # type: ignore[arg-type]
        _bars(by_key["besuche_nach_beratung"]),
        D.Heading(S.BILANZ_T_FIELDS),
        _bars(by_key["problemfelder"], 2),
        D.TileMap(S.BILANZ_MAP_TITLE, tuple(
            (*KREIS_TILES[key], short_kreis(k["name"]) or key, float(k["communes_advised"]),
             S.BILANZ_MAP_TEXT.format(n=k["communes_advised"]))
            for key, k in kreise.items() if key in KREIS_TILES)),
        D.Heading(S.BILANZ_T_KREISE),
        _grid(by_key["kreise"], shade=tuple(range(3, len(by_key["kreise"].header)))),
        D.Heading(S.BILANZ_T_SEVERITIES),
        _grid(by_key["schweregrade"]),
        D.Heading(S.BILANZ_T_STRATEGIES),
        _grid(by_key["strategien"]),
        D.Heading(S.BILANZ_T_FUNDING),
        D.Gauge(S.BILANZ_GAUGE_TITLE, funding["requested_cents"], funding["budget_cents"], budget_text(funding)),
        _grid(by_key["foerderung"]),
        D.Heading(S.BILANZ_DEFINITIONS),
        D.Facts(tuple((str(row[0]), str(row[4])) for row in by_key["kennzahlen"].rows)),  # (label, definition)
    ]
    return D.Document(S.BILANZ_TITLE, f"{period_text(b)} · {scope_text(b)}", tuple(blocks),
                      S.BILANZ_FOOTER.format(date=fmt_date(b.made_on)) if b.made_on else S.DOC_FOOTER)


def render(b: Bilanz, fmt: str) -> bytes:
    """The Bilanz as one file's bytes (not ``csv``, which is a folder of files)."""
    if fmt == "json":
        return to_json(b)
    if fmt == "xlsx":
        return to_xlsx(b)
    if fmt == "md":
        return D.to_markdown(document(b)).encode("utf-8")
    if fmt == "html":
        return D.to_html(document(b)).encode("utf-8")
    if fmt == "docx":
        return D.to_docx(document(b))
    raise ValueError(f"unknown format {fmt!r}")


def write(b: Bilanz, fmt: str, out: Path) -> Path:
    """Write the Bilanz into folder ``out`` (named by ``file_name``) or to file ``out``; csv writes a
    folder ``out/bilanz_VON_BIS`` of files, one per table. Returns what was written."""
    from .documents import target_path

    if fmt == "csv":
        folder = out / file_name(b, "csv")
        folder.mkdir(parents=True, exist_ok=True)
        for name, payload in csv_files(b).items():
            atomic_write_bytes(folder / name, payload)
        return folder
    target = target_path(out, file_name(b, fmt))
    atomic_write_bytes(target, render(b, fmt))
    return target


__all__ = ["FORMATS", "csv_files", "document", "file_name", "render", "to_json", "to_xlsx", "write"]
