"""German wording of import reports, shared by the CLI and the Sync screen."""

from __future__ import annotations

from storage.sync.exchange import ImportReport
from storage.sync.merge import Outcome

from .. import strings as S


def kind_label(kind: str) -> str:
    """``Besuche`` for ``visit`` (the kind itself if unknown)."""
    return S.REPORT_KINDS.get(kind, kind)


def report_lines(report: ImportReport, dry_run: bool = False) -> list[str]:
    """The report as lines of German text: one per kind with a count per outcome (deletions apart)."""
    name = report.file
    if report.error:
        return [S.REPORT_REJECTED.format(file=name, error=report.error), S.REPORT_NOTHING_TAKEN]
    if report.already_imported:
        return [S.REPORT_ALREADY.format(file=name, bundle=report.bundle_id[:8])]
    state = S.REPORT_PREVIEW if dry_run else (S.REPORT_APPLIED if report.applied else S.REPORT_NOT_APPLIED)
    lines = [S.REPORT_HEAD.format(file=name, state=state, records=S.REPORT_RECORDS(report.records),
                                  origin=S.label(S.ROLE, report.origin_role),
                                  scope=S.REPORT_FULL if report.scope == "full" else S.REPORT_INCREMENTAL)]
    if report.plain:
        lines.append(S.IMPORT_PLAIN_WARNING)
    for kind, counts in sorted(report.counts.items()):
        parts = ", ".join(S.REPORT_OUTCOMES[o.value](counts.get(o.value, 0)) for o in Outcome)
        lines.append(S.REPORT_KIND_LINE.format(kind=kind_label(kind), counts=parts))
    if report.conflicts:
        lines.append(S.REPORT_CONFLICTS(len(report.conflicts)))
    if report.ack_after is not None and report.ack_after != report.ack_before:
        lines.append(S.REPORT_ACK.format(seq=report.ack_after))
    return lines
