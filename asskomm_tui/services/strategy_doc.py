"""The prevention strategy in the document model (``doc_model``): along the Beccaria steps, as the
project description of an RL KommPräv application. DOCX is written from it; the content is the one
of the Markdown and HTML documents (``documents.py``: same sections, figures, hints, words).
No Textual here.
"""

from __future__ import annotations

from .. import strings as S
from ..formatting import fmt_date
from . import doc_model as D
from .beccaria import is_active, section_label, totals_lines
from .documents import (
    FINANCE_HEADER,
    FINANCE_RIGHT,
    StrategyDocument,
    _capped,
    _chart,
    _CSS as STRATEGY_CSS,
    _goal_numbers,
    _measure_numbers,
    _money_facts,
    _money_row,
    _span,
    _status_text,
    _sum_row,
    _timeline,
)


def strategy_document(doc: StrategyDocument) -> D.Document:
    """The strategy's document: facts, the six Beccaria sections, finance, timeline, checks."""
    d = doc.strategy
    result = doc.check()
    goal_no, measure_no = _goal_numbers(d), _measure_numbers(d)
    title_name = f"{doc.commune_name} ({doc.kreis})" if doc.kreis else doc.commune_name
    b: list[D.Block] = [D.Facts((
        (S.DOC_COMMUNE, title_name), (S.DOC_PERIOD, d.period), (S.DOC_TITLE, D.or_none(d.title)),
        (S.DOC_STATUS_LABEL, _status_text(d)), (S.DOC_DATE, fmt_date(doc.export_date)),
        (S.DOC_AUTHOR, D.or_none(doc.author))))]

    b += [D.Heading(S.DOC_SECTION_PROBLEM), D.UserText(d.problem_description), D.Heading(S.DOC_FINDINGS, 3)]
    if d.findings:
        b.append(D.Grid((S.DOC_COL_FIELD, S.DOC_COL_SEVERITY, S.DOC_COL_PLACE, S.DOC_COL_EVIDENCE, S.DOC_COL_VISIT),
                        tuple((doc.field_name(f.problem_field), S.label(S.SEVERITY, f.severity), D.or_none(f.place),
                               D.or_none(f.evidence), fmt_date(f.visit_date)) for f in d.findings)))
    else:
        b.append(D.Para(S.DOC_NO_FINDINGS))
    b += [D.Heading(S.DOC_SECTION_CAUSES), D.UserText(d.cause_analysis), D.Heading(S.DOC_SECTION_GOALS)]
    if d.goals:
        b.append(D.Grid(
            (S.DOC_COL_NO, S.DOC_COL_GOAL, S.DOC_COL_TARGET_GROUP, S.DOC_COL_INDICATOR, S.DOC_COL_TARGET_VALUE,
             S.DOC_COL_SERVED_BY),
            tuple((goal_no[g.id], g.title, D.or_none(g.target_group), D.or_none(g.indicator), D.or_none(g.target_value),
                   ", ".join(measure_no[m.id] for m in d.measures if g.id in m.goals and is_active(m)) or S.DOC_NONE)
                  for g in d.goals)))
    else:
        b.append(D.Para(S.DOC_EMPTY, muted=True))

    b.append(D.Heading(S.DOC_SECTION_MEASURES))
    if not d.measures:
        b.append(D.Para(S.DOC_EMPTY, muted=True))
    goals = {g.id: g for g in d.goals}
    for m in d.measures:
        f = result.finance_of(m.id)
        served = "; ".join(f"{goal_no[g]} {goals[g].title}" for g in m.goals if g in goals)
        b.append(D.Group((D.Heading(f"{measure_no[m.id]} {m.title}", 3), D.Facts((
            (S.DOC_M_FIELDS, ", ".join(doc.field_name(c) for c in m.problem_fields) or S.DOC_NONE),
            (S.DOC_M_GOALS, served or S.DOC_NONE), (S.DOC_M_LEAD, D.or_none(m.lead)),
            (S.DOC_M_PARTNERS, D.or_none(m.partners)), (S.DOC_M_PERIOD, _span(m)),
            *_money_facts(m, f), (S.DOC_M_STATE, S.label(S.MEASURE_STATE, m.state)))),
            D.Para(S.DOC_M_DESCRIPTION + ":", strong=True), D.UserText(m.description)), "measure"))

    b += [D.Heading(S.DOC_FINANCE, 3), D.Para(S.DOC_FINANCE_RULE)]
    if d.measures:
        rows, kinds = [], []
        for m in d.measures:
            title = f"{measure_no[m.id]} {m.title}"
            if not is_active(m):
                title += f" ({S.label(S.MEASURE_STATE, m.state)})"
            rows.append((title, *_money_row(m, result.finance_of(m.id))))
            kinds.append("" if is_active(m) else "dropped")
        rows.append((S.DOC_SUM, *_sum_row(result)))
        kinds.append("sum")
        b.append(D.Grid(FINANCE_HEADER, tuple(rows), FINANCE_RIGHT, row_classes=tuple(kinds)))
        if any(not is_active(m) for m in d.measures):
            b.append(D.Para(S.DOC_DROPPED_NOTE))
        capped = _capped(d, result)
        if capped:
            b.append(D.Bullets(tuple(("", f"{measure_no[m.id]} {m.title}: {note}") for m, note in capped), "capped"))
    b.append(D.Facts(tuple(totals_lines(result.totals))))

    b += [D.Heading(S.DOC_SECTION_TIMELINE), D.Heading(S.DOC_TIMELINE, 3)]
    timeline = _timeline(d)
    if timeline:
        b.append(D.HtmlChart(tuple(_chart(d, timeline, measure_no))))
        b.append(D.Grid((S.DOC_COL_START, S.DOC_COL_END, S.DOC_COL_MEASURE, S.DOC_COL_LEAD, S.DOC_COL_STATE),
                        tuple((fmt_date(m.start) or S.DOC_OPEN, fmt_date(m.end) or S.DOC_OPEN,
                               f"{measure_no[m.id]} {m.title}", D.or_none(m.lead), S.label(S.MEASURE_STATE, m.state))
                              for m in timeline)))
    else:
        b.append(D.Para(S.DOC_NO_MEASURES))
    b += [D.Heading(S.DOC_IMPLEMENTATION, 3), D.UserText(d.implementation_notes),
          D.Heading(S.DOC_SECTION_EVALUATION), D.UserText(d.evaluation), D.Heading(S.DOC_EVALUATION_ITEMS, 3)]
    if d.evaluation_items:
        b.append(D.Grid((S.DOC_COL_INDICATOR, S.DOC_COL_METHOD, S.DOC_COL_DUE),
                        tuple((e.indicator, D.or_none(e.method), fmt_date(e.due) or S.DOC_OPEN)
                              for e in d.evaluation_items)))
    else:
        b.append(D.Para(S.DOC_NO_EVALUATION_ITEMS))
    b.append(D.Heading(S.DOC_CHECKS))
    day = fmt_date(doc.export_date)
    if result.warnings:
        b += [D.Para(S.DOC_CHECKS_INTRO.format(day=day)),
              D.Bullets(tuple((section_label(w.section), w.message) for w in result.warnings))]
    else:
        b.append(D.Para(S.DOC_CHECKS_NONE.format(day=day)))
    return D.Document(S.DOC_HEADING.format(name=title_name, period=d.period), d.title.strip(), tuple(b), S.DOC_FOOTER,
                      css=STRATEGY_CSS)
