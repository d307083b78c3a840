"""The Datenschutz screen's and CLI's plain work: the hits for a name with their communes, the
Auskunft (DSGVO Art. 15) as JSON or as a document (Markdown, HTML, DOCX via ``doc_model``), and the
erasure report in German lines. Store access through ``storage.erasure``; no Textual here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from storage.durable import atomic_write_bytes
from storage.erasure import ErasureReport, PersonHit, find_person, known_orders, order_report

from .. import strings as S
from ..formatting import fmt_date, fmt_datetime
from . import doc_model as D
from .documents import slug, target_path

FORMATS = ("json", "md", "html", "docx")
SNIPPET = 70


@dataclass(frozen=True)
class Found:
    """A hit with what is shown of it: where (kind and commune), the field's and the state's labels."""

    hit: PersonHit
    where: str
    commune_name: str

    @property
    def field(self) -> str:
        return S.DS_FIELD.get(self.hit.field, self.hit.field)

    @property
    def state(self) -> str:
        return S.label(S.DS_STATE, self.hit.state)

    @property
    def day(self) -> str:
        return fmt_date(date.fromisoformat(self.hit.date[:10])) if self.hit.date else ""


@dataclass(frozen=True)
class Findings:
    name: str
    found: list[Found]

    @property
    def records(self) -> int:
        return len({(f.hit.kind, f.hit.record_id) for f in self.found})

    def kinds(self) -> str:
        """``2 Besuche, 1 Kommune`` (the records, by kind)."""
        counts: dict[str, set[str]] = {}
        for f in self.found:
            counts.setdefault(f.hit.kind, set()).add(f.hit.record_id)
        parts = []
        for kind, ids in counts.items():
            plural = S.DS_REPORT_KIND.get(kind)
            parts.append(plural(len(ids)) if plural else f"{len(ids)} {S.label(S.DS_KIND, kind)}")
        return ", ".join(parts)


def findings(store: Any, name: str) -> Findings:
    """Store thread: the hits for ``name`` with their communes' names."""
    out = []
    for hit in find_person(store, name):
        commune = store.raw("commune", hit.commune) if hit.commune else None
        commune_name = commune["data"]["name"] if commune and commune.get("data") else hit.commune
        kind = S.label(S.DS_KIND, hit.kind)
        out.append(Found(hit, f"{kind} · {commune_name}" if commune_name else kind, commune_name or ""))
    return Findings(name, out)


def snippet(text: str, spans: tuple[tuple[int, int], ...], width: int = SNIPPET) -> tuple[str, list[tuple[int, int]]]:
    """One line of ``text`` around its first named place, and where the places are in it."""
    line = text.replace("\n", " ").replace("\t", " ")
    first = spans[0][0] if spans else 0
    begin = max(0, min(first - 12, len(line) - width))  # the name near the start: columns are narrow
    end = min(len(line), begin + width)
    prefix, suffix = ("…" if begin else ""), ("…" if end < len(line) else "")
    shift = len(prefix) - begin
    marks = [(s + shift, e + shift) for s, e in spans if s >= begin and e <= end]
    return prefix + line[begin:end] + suffix, marks


# -- Auskunft (Art. 15) ------------------------------------------------------------------------------
def access_json(store: Any, result: Findings, now: datetime) -> dict[str, Any]:
    """Every hit as data: record kind, id, commune, date, field, state, the whole text."""
    return {
        "format": "asskomm-auskunft", "version": 1, "name": result.name, "created_at": now.isoformat(),
        "device": store.local.device_id, "store": str(store.path),
        "hits": [{"kind": f.hit.kind, "kind_label": S.label(S.DS_KIND, f.hit.kind), "id": f.hit.record_id,
                  "part": f.hit.part, "commune": f.hit.commune or None, "commune_name": f.commune_name or None,
                  "date": f.hit.date, "field": f.hit.field, "field_label": f.field, "state": f.hit.state,
                  "state_label": f.state, "rev": f.hit.rev or None, "text": f.hit.text}
                 for f in result.found],
    }


def access_document(store: Any, result: Findings, today: date) -> D.Document:
    blocks: list[D.Block] = [D.Para(S.DS_DOC_INTRO.format(name=result.name, date=fmt_date(today))),
                             D.Para(S.DS_DOC_DEVICE.format(device=store.local.device_id, store=store.path.name),
                                    muted=True)]
    if not result.found:
        blocks.append(D.Para(S.DS_DOC_NONE))
    else:
        blocks.append(D.Para(S.DS_COUNT(len(result.found), name=result.name, records=S.DS_RECORDS(result.records))))
        blocks.append(D.Grid(S.DS_DOC_HEAD, tuple(
            (S.label(S.DS_KIND, f.hit.kind), D.or_none(f.commune_name), D.or_none(f.day), f.field, f.state,
             f.hit.text) for f in result.found)))
    return D.Document(S.DS_DOC_TITLE.format(name=result.name), fmt_date(today), tuple(blocks),
                      S.BILANZ_FOOTER.format(date=fmt_date(today)))


def render_access(store: Any, name: str, fmt: str, today: date, now: datetime | None = None) -> bytes:
    from .record_docs import render

    result = findings(store, name)
    if fmt == "json":
        body = access_json(store, result, now or datetime.now().astimezone().replace(microsecond=0))
        return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return render(access_document(store, result, today), fmt)


def write_access(store: Any, name: str, fmt: str, out: Path, today: date) -> Path:
    """Write the Auskunft for ``name`` into folder ``out`` (or to file ``out``), atomically."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    target = target_path(Path(out), f"auskunft-{slug(name) or 'person'}-{today.isoformat()}.{fmt}")
    atomic_write_bytes(target, render_access(store, name, fmt, today))
    return target


# -- the erasure report ------------------------------------------------------------------------------
def consultant_name(store: Any, consultant_id: str) -> str:
    raw = store.raw("consultant", consultant_id)
    return raw["data"]["name"] if raw and raw.get("data") else consultant_id[:8]


def report_lines(store: Any, report: ErasureReport) -> list[str]:
    """The report in German, one paragraph a line: the order, what was erased here, the backups."""
    d = report.order["data"]
    when = fmt_datetime(datetime.fromisoformat(d["ordered_at"].replace("Z", "+00:00")).astimezone())
    lines = [S.DS_REPORT_ORDER.format(when=when, device=d["device"][:8], role=S.label(S.ROLE, d["role"]),
                                      by=consultant_name(store, d["ordered_by"]))]
    if d.get("reference"):
        lines.append(S.DS_REPORT_REFERENCE.format(reference=d["reference"]))
    applied = report.applied
    what = [S.DS_REPORT_KIND[k](n) if k in S.DS_REPORT_KIND else f"{n} {k}" for k, n in applied.records.items() if n]
    if applied.history:
        what.append(S.DS_REPORT_HISTORY(applied.history))
    if applied.drafts:
        what.append(S.DS_REPORT_DRAFTS(applied.drafts))
    lines.append(S.DS_REPORT_CHANGED.format(what=", ".join(what)) if what else S.DS_REPORT_NOTHING)
    if not report.backups:
        lines.append(S.DS_REPORT_NO_BACKUPS)
    else:
        lines.append(S.DS_REPORT_BACKUPS(len(report.backups)))
        for b in report.backups:
            reason, created = S.label(S.BACKUP_REASON, b.reason), fmt_datetime(b.created)
            if b.earliest is not None:
                lines.append("• " + S.DS_BACKUP_DAILY(b.remaining, name=b.name, reason=reason, created=created,
                                                      date=fmt_date(b.earliest)))
            else:
                lines.append("• " + S.DS_BACKUP_OTHER(b.remaining, name=b.name, reason=reason, created=created))
        lines.append(S.DS_REPORT_ROTATION)
        if report.last_backup_gone is not None:
            lines.append(S.DS_REPORT_LAST.format(date=fmt_date(report.last_backup_gone)))
    lines.append(S.DS_REPORT_RESTORE)
    return lines


def all_reports(store: Any, today: date) -> list[list[str]]:
    """Store thread: the report of every order this store holds, newest first."""
    return [report_lines(store, order_report(store, o["id"], today)) for o in reversed(known_orders(store))]


__all__ = ["FORMATS", "Found", "Findings", "access_document", "access_json", "all_reports", "findings",
           "render_access", "report_lines", "snippet", "write_access"]
