"""German wording of import reports, shared by the CLI and the Sync screen."""

from __future__ import annotations

from storage.sync.exchange import ImportReport
from storage.sync.merge import Outcome

KIND_LABEL = {"commune": "Kommunen", "visit": "Besuche", "problem_field": "Problemfelder",
              "consultant": "Beratende", "strategy": "Strategien"}
OUTCOME_LABEL = {Outcome.NEW: "neu", Outcome.UPDATED: "aktualisiert", Outcome.UNCHANGED: "unverändert",
                 Outcome.STALE: "veraltet", Outcome.CONFLICT: "Konflikte"}


def kind_label(kind: str) -> str:
    return KIND_LABEL.get(kind, kind)


def report_lines(report: ImportReport, dry_run: bool = False) -> list[str]:
    """The report as lines of German text."""
    name = report.file
    if report.error:
        return [f"{name}: ABGELEHNT – {report.error}", "  Aus dieser Datei wurde nichts übernommen."]
    if report.already_imported:
        return [f"{name}: wurde bereits eingelesen (Export {report.bundle_id[:8]}); nichts geändert."]
    head = "Vorschau" if dry_run else ("übernommen" if report.applied else "nicht übernommen")
    lines = [f"{name}: {head} – {report.records} Datensätze, "
             f"{'Zentrale' if report.origin_role == 'hq' else 'Beratung'}, "
             f"{'vollständig' if report.scope == 'full' else 'inkrementell'}"]
    for kind, counts in sorted(report.counts.items()):
        parts = ", ".join(f"{counts.get(o.value, 0)} {OUTCOME_LABEL[o]}" for o in Outcome)
        lines.append(f"  {kind_label(kind)}: {parts}")
    if report.conflicts:
        lines.append(f"  {len(report.conflicts)} Datensätze mit Konflikt – bitte in asskomm unter „Konflikte“ lösen.")
    if report.ack_after is not None and report.ack_after != report.ack_before:
        lines.append(f"  Die Zentrale bestätigt jetzt Änderungen bis Nr. {report.ack_after}.")
    return lines
