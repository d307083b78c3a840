"""A visit record and a commune report (the dossier on paper) as documents for the file at the town
hall, in the document model (``doc_model``): Markdown, a printable HTML page or DOCX from one
structure. User text is data in every format. No Textual here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from storage.durable import atomic_write_bytes

from .. import strings as S
from ..formatting import fmt_date, short_kreis
from . import doc_model as D
from .documents import slug, target_path

if TYPE_CHECKING:
    from storage import Repositories
    from storage.views import VisitPage

FORMATS = ("md", "html", "docx")


def visit_document(repos: "Repositories", page: "VisitPage", today: date) -> D.Document:
    """The record of one visit (its page, ``repos.visit_page``): who, when, what was found and agreed."""
    if page.record is None:
        from storage.errors import RecordNotFoundError

        raise RecordNotFoundError(S.VIEW_GONE)
    v = page.record.data
    names = {f.id: f.data.name for f in repos.problem_fields(include_inactive=True)}  # type: ignore[attr-defined]
    blocks: list[D.Block] = [
        D.Facts(((S.DOC_COMMUNE, f"{page.commune_name} ({short_kreis(page.kreis)})"), (S.COL_DATE, fmt_date(v.date)),
                 (S.COL_KIND, S.label(S.VISIT_KIND, v.kind)),
                 (S.DOC_R_CONSULTANTS, ", ".join(page.consultants) or S.DOC_NONE),
                 (S.DOC_R_PARTICIPANTS, " · ".join(v.participants) or S.DOC_NONE))),
        D.Heading(S.DOC_R_SUMMARY), D.UserText(v.summary),
        D.Heading(S.DOC_R_NOTES), D.UserText(v.notes),
        D.Heading(S.DOC_R_FINDINGS),
    ]
    if v.findings:
        blocks.append(D.Grid((S.DOC_COL_FIELD, S.DOC_COL_SEVERITY, S.DOC_COL_PLACE, S.DOC_COL_EVIDENCE, S.DOC_R_NOTE),
                             tuple((names.get(f.problem_field, f.problem_field), S.label(S.SEVERITY, f.severity),
                                    D.or_none(f.place), D.or_none(f.evidence), D.or_none(f.note)) for f in v.findings)))
    else:
        blocks.append(D.Para(S.DOC_R_NO_FINDINGS))
    blocks.append(D.Heading(S.DOC_R_FOLLOW_UPS))
    if v.follow_ups:
        blocks.append(D.Grid((S.COL_TASK, S.COL_OWNER, S.COL_DUE, S.DOC_R_DONE),
                             tuple((f.text, D.or_none(f.owner), fmt_date(f.due) or S.DOC_OPEN,
                                    (fmt_date(f.done_on) or S.DOC_R_YES) if f.done else S.DOC_R_NO)
                                   for f in v.follow_ups)))
    else:
        blocks.append(D.Para(S.DOC_R_NO_FOLLOW_UPS))
    title = S.DOC_R_VISIT_TITLE.format(name=page.commune_name, date=fmt_date(v.date))
    return D.Document(title, "", tuple(blocks), S.BILANZ_FOOTER.format(date=fmt_date(today)))


def commune_document(repos: "Repositories", ags: str, today: date) -> D.Document:
    """The commune report: status, contacts, visits, problem fields, open follow-ups, notes."""
    dossier = repos.dossier(ags, today)
    c = dossier.commune.data
    yes_no = {True: S.DOC_R_YES, False: S.DOC_R_NO}

    def dated(label: str, day: date | None) -> str:
        return f"{label} ({fmt_date(day)})" if day else label

    status = (
        (S.DOC_R_KREIS, short_kreis(c.kreis)), (S.DOC_R_AGS, c.ags), (S.DOC_R_POPULATION, f"{c.population:,}".replace(",", ".")),
        (S.DOC_R_MEMBER, fmt_date(c.member_since) if c.member_since else S.DOC_R_NO),
        (S.DOC_R_MODEL, yes_no[c.model_commune]),
        (S.DOC_R_KPR, dated(S.label(S.KPR_STATUS, c.kpr_status), c.kpr_date)),
        (S.DOC_R_AGREEMENT, dated(S.label(S.AGREEMENT_STATUS, c.cooperation_agreement), c.cooperation_agreement_date)),
        (S.DOC_R_COACHING, S.label(S.COACHING_STATUS, c.coaching) + (f" – {c.coaching_note}" if c.coaching_note else "")),
        (S.DOC_R_ANALYSIS, dated(S.label(S.ANALYSIS_STATUS, c.security_analysis), c.security_analysis_date)),
    )
    blocks: list[D.Block] = [D.Heading(S.DOC_R_STATUS), D.Facts(status), D.Heading(S.DOC_R_CONTACTS)]
    if c.contacts:
        blocks.append(D.Grid((S.DOC_R_NAME, S.DOC_R_ROLE, S.DOC_R_PHONE, S.DOC_R_EMAIL),
                             tuple((k.name, D.or_none(k.role), D.or_none(k.phone), D.or_none(k.email)) for k in c.contacts)))
    else:
        blocks.append(D.Para(S.DOC_R_NO_CONTACTS))
    blocks.append(D.Heading(S.DOC_R_VISITS))
    if dossier.visits:
        blocks.append(D.Grid((S.COL_DATE, S.COL_KIND, S.COL_SUMMARY),
                             tuple((fmt_date(v.date), S.label(S.VISIT_KIND, v.kind), D.or_none(v.summary))
                                   for v in dossier.visits)))
    else:
        blocks.append(D.Para(S.DOC_R_NO_VISITS))
    blocks.append(D.Heading(S.DOC_R_FIELDS))
    if dossier.problem_fields:
        blocks.append(D.Grid((S.DOC_COL_FIELD, S.DOC_R_COUNT, S.DOC_R_LAST_SEEN, S.DOC_R_MAX_SEVERITY),
                             tuple((f.name, str(f.count), fmt_date(f.last_seen), S.label(S.SEVERITY, f.max_severity))
                                   for f in dossier.problem_fields), (1,)))
    else:
        blocks.append(D.Para(S.DOC_R_NO_FINDINGS))
    blocks.append(D.Heading(S.DOC_R_OPEN))
    if dossier.open_follow_ups:
        blocks.append(D.Grid((S.COL_TASK, S.COL_OWNER, S.COL_DUE, S.COL_VISIT_DATE),
                             tuple((f.text, D.or_none(f.owner), fmt_date(f.due) or S.DOC_OPEN, fmt_date(f.visit_date))
                                   for f in dossier.open_follow_ups)))
    else:
        blocks.append(D.Para(S.DOC_R_NO_FOLLOW_UPS))
    blocks += [D.Heading(S.DOC_R_NOTES), D.UserText(c.notes)]
    return D.Document(S.DOC_R_COMMUNE_TITLE.format(name=c.name), fmt_date(today), tuple(blocks),
                      S.BILANZ_FOOTER.format(date=fmt_date(today)))


def render(doc: D.Document, fmt: str) -> bytes:
    if fmt == "md":
        return D.to_markdown(doc).encode("utf-8")
    if fmt == "html":
        return D.to_html(doc).encode("utf-8")
    if fmt == "docx":
        return D.to_docx(doc)
    raise ValueError(f"unknown format {fmt!r}")


def write(doc: D.Document, name: str, fmt: str, out: Path) -> Path:
    """Write ``doc`` atomically into folder ``out`` as ``name.fmt`` (or to file ``out``)."""
    target = target_path(Path(out), f"{slug(name) or 'dokument'}.{fmt}")
    atomic_write_bytes(target, render(doc, fmt))
    return target


def write_visit(repos: "Repositories", visit_id: str, fmt: str, out: Path, today: date) -> Path:
    page = repos.visit_page(visit_id)
    doc = visit_document(repos, page, today)
    return write(doc, f"besuch-{page.commune_name}-{page.record.data.date.isoformat()}", fmt, out)  # type: ignore[union-attr]


def write_commune(repos: "Repositories", ags: str, fmt: str, out: Path, today: date) -> Path:
    name = repos.commune(ags).data.name
    return write(commune_document(repos, ags, today), f"kommune-{name}-{today.isoformat()}", fmt, out)
