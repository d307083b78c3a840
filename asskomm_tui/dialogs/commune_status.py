"""Edit a commune's ASSKomm status and notes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Select, TextArea

from storage.records import (
    MAX_TEXT,
    AgreementStatus,
    AnalysisStatus,
    CoachingStatus,
    CommuneData,
    KprStatus,
)

from .. import strings as S
from ..widgets.ticks import Tick
from ..formatting import fmt_date
from ..widgets.choice import Choice
from .form import FieldError, FormDialog, date_field, line_field, text_of


def _options(labels: dict) -> list[tuple[str, str]]:
    return [(text, code.value) for code, text in labels.items()]


class CommuneStatusDialog(FormDialog[CommuneData]):
    """Membership, model commune, KPR, cooperation agreement, coaching, Sicherheitsanalyse, notes."""

    def __init__(self, data: CommuneData) -> None:
        self.TITLE_TEXT = S.STATUS_TITLE.format(name=data.name)
        super().__init__()
        self.data = data

    def fields(self) -> ComposeResult:
        d = self.data
        yield from self.labelled(S.STATUS_MEMBER_SINCE, Input(fmt_date(d.member_since), id="member_since"))
        yield Tick(S.STATUS_MODEL, d.model_commune, id="model_commune")
        yield from self.labelled(S.STATUS_KPR_FIELD, Choice(
            _options(S.KPR_STATUS), compact=True, id="kpr_status", allow_blank=False, value=d.kpr_status.value))
        yield from self.labelled(S.STATUS_KPR_DATE, Input(fmt_date(d.kpr_date), id="kpr_date"))
        yield from self.labelled(S.STATUS_AGREEMENT_FIELD, Choice(
            _options(S.AGREEMENT_STATUS), compact=True, id="cooperation_agreement", allow_blank=False,
            value=d.cooperation_agreement.value))
        yield from self.labelled(S.STATUS_AGREEMENT_DATE,
                                 Input(fmt_date(d.cooperation_agreement_date), id="cooperation_agreement_date"))
        yield from self.labelled(S.STATUS_COACHING_FIELD, Choice(
            _options(S.COACHING_STATUS), compact=True, id="coaching", allow_blank=False, value=d.coaching.value))
        yield from self.labelled(S.STATUS_COACHING_NOTE, Input(d.coaching_note, id="coaching_note"))
        yield from self.labelled(S.STATUS_ANALYSIS_FIELD, Choice(
            _options(S.ANALYSIS_STATUS), compact=True, id="security_analysis", allow_blank=False,
            value=d.security_analysis.value))
        yield from self.labelled(S.STATUS_ANALYSIS_DATE,
                                 Input(fmt_date(d.security_analysis_date), id="security_analysis_date"))
        yield from self.labelled(S.STATUS_NOTES, TextArea(d.notes, id="notes", classes="short"))

    def on_mount(self) -> None:
        self.query_one("#member_since").focus()

    def _select(self, widget_id: str) -> str:
        return str(self.query_one(f"#{widget_id}", Select).value)

    def result(self) -> CommuneData:
        notes = text_of(self.query_one("#notes", TextArea))
        if len(notes) > MAX_TEXT:
            raise FieldError(S.ERR_TOO_LONG.format(field=S.STATUS_NOTES, max=MAX_TEXT), "notes")
        return CommuneData.model_validate({**self.data.model_dump(), **{
            "member_since": date_field(self.value("member_since"), "member_since"),
            "model_commune": self.query_one("#model_commune", Tick).value,
            "kpr_status": KprStatus(self._select("kpr_status")),
            "kpr_date": date_field(self.value("kpr_date"), "kpr_date"),
            "cooperation_agreement": AgreementStatus(self._select("cooperation_agreement")),
            "cooperation_agreement_date": date_field(self.value("cooperation_agreement_date"),
                                                     "cooperation_agreement_date"),
            "coaching": CoachingStatus(self._select("coaching")),
            "coaching_note": line_field(text_of(self.query_one("#coaching_note", Input)), "coaching_note",
                                        S.STATUS_COACHING_NOTE),
            "security_analysis": AnalysisStatus(self._select("security_analysis")),
            "security_analysis_date": date_field(self.value("security_analysis_date"), "security_analysis_date"),
            "notes": notes,
        }})
