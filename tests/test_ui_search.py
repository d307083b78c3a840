"""Suche (issue 8): Strg+F or / from anywhere, results as you type, Enter opens a hit where it lives,
Esc comes back to the results with the query and the position kept. Keys are sent without pauses;
what is found is read off the screen and what is saved is read back from the disk."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, OptionList, TextArea

from asskomm_tui.screens.search import SearchScreen
from storage import Repositories, Store
from storage.records import Contact, Finding, FollowUp, Measure, VisitData
from ui_helpers import (
    GOERLITZ,
    H,
    PIRNA,
    burst,
    disk_records,
    footer_line,
    press,
    running,
    screen_text,
)

ZITTAU = "14626610"


def search_store(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Pirna, Görlitz and Zittau with visits in March and June 2025, findings, follow-ups, a contact,
    a strategy with a measure and a deleted visit. Returns the path and the ids."""
    path = tmp_path / "s.json"
    ids: dict[str, str] = {}
    with Store.open(path) as store:
        store.setup_device("Susanne Scholz", "SS")
        repos = Repositories(store)
        me = (store.local.consultant_id,)
        zittau = repos.commune(ZITTAU)
        repos.save_commune(zittau.data.model_copy(update={"contacts": (
            Contact(id="c1", name="Frau Weiß", role="Leiterin Ordnungsamt", phone="03583 752-0"),)}),
            base_rev=zittau.rev)
        ids["march"] = repos.create_visit(VisitData(
            commune=PIRNA, date=date(2025, 3, 12), consultants=me,
            summary="Vereinbart: Graffitifläche an der Bahnunterführung",
            findings=(Finding(id="f1", problem_field="graffiti", place="Eisenbahnbrücke Nord",
                              evidence="Ortsbegehung"),),
            follow_ups=(FollowUp(id="u1", text="Förderantrag Straßenbeleuchtung", owner="Bauamt",
                                 due=date(2025, 3, 28)),))).id
        ids["june"] = repos.create_visit(VisitData(commune=PIRNA, date=date(2025, 6, 3), consultants=me,
                                                   summary="Sommerfest geplant, Bahnhof sauber")).id
        ids["hostile"] = repos.create_visit(VisitData(
            commune=GOERLITZ, date=date(2025, 3, 20), consultants=me, summary=f"Bahnhof {H}",
            findings=(Finding(id="f2", problem_field="graffiti", place="Unter der Bahnbrücke"),))).id
        gone = repos.create_visit(VisitData(commune=ZITTAU, date=date(2025, 3, 1), consultants=me,
                                            summary="Geheimnisvoller Besuch"))
        repos.delete_visit(gone.id, base_rev=gone.rev)
        strategy = repos.create_strategy(PIRNA, 2026, 2028, title="Sicheres Pirna",
                                         take_findings_since=date(2026, 1, 1))
        repos.save_strategy(strategy.data.model_copy(update={
            "problem_description": "Schmierereien an Brücken", "measures": (
                Measure(id="m1", title="Legale Graffitiwand", lead="Jugendamt", partners="Sprayer e. V."),)}),
            base_rev=strategy.rev)
        ids["strategy"] = strategy.id
    return path, ids


def hits(app) -> list[tuple[str, str, str | None, str]]:
    """What the search shows: (kind, record id, part, snippet) of every hit, in order."""
    screen = app.screen
    assert isinstance(screen, SearchScreen), type(screen).__name__
    assert screen.results is not None
    return [(f.hit.entry.kind, f.hit.entry.id, f.hit.entry.part, f.hit.snippet) for f in screen.results.found]


async def search(pilot, text: str) -> None:
    """Strg+F, then the query typed in one go (as fast as a paste)."""
    await burst(pilot, "ctrl+f", *text)


async def test_typing_finds_with_umlauts_and_sharp_s_in_every_spelling(tmp_path):
    path, ids = search_store(tmp_path)
    async with running(path, size=(120, 40)) as (app, pilot):
        for query in ("eisenbahnbrücke", "eisenbahnbrucke", "eisenbahnbruecke", "EISENBAHNBRÜCKE"):
            await search(pilot, query)
            assert [(k, i, p) for k, i, p, _ in hits(app)] == [("finding", ids["march"], "f1")], query
            await press(pilot, "escape")
        for query in ("straße", "strasse"):
            await search(pilot, query)
            assert [(k, p) for k, _, p, _ in hits(app)] == [("follow_up", "u1")], query
            await press(pilot, "escape")
        await search(pilot, "weiss ordnungsamt")
        assert [(k, i, p) for k, i, p, _ in hits(app)] == [("contact", ZITTAU, "c1")]
        text = screen_text(app)
        assert "Kontakt · Zittau (LK Görlitz)" in text and "Frau Weiß" in text


async def test_month_year_field_and_initials_words_narrow(tmp_path):
    path, ids = search_store(tmp_path)
    async with running(path, size=(120, 40)) as (app, pilot):
        await search(pilot, "pirna märz")
        found = hits(app)
        # Pirna's March visit, its finding and its follow-up (due 28.03.), newest first; not June,
        # not Görlitz's March visit, not the strategy
        assert {(k, p) for k, _, p, _ in found} == {("visit", None), ("finding", "f1"), ("follow_up", "u1")}
        assert found[0][0] == "follow_up"
        assert "Folgeaufgabe · Pirna" in screen_text(app) and "28.03.2025" in screen_text(app)
        await press(pilot, "escape")
        await search(pilot, "bahnhof 06.2025")
        assert [(k, i) for k, i, _, _ in hits(app)] == [("visit", ids["june"])]
        await press(pilot, "escape")
        await search(pilot, "bahnhof 2025")
        assert [i for _, i, _, _ in hits(app)] == [ids["june"], ids["hostile"]]
        await press(pilot, "escape")
        # a problem-field word: the visits and findings with graffiti, though "graffiti" is not in every text
        await search(pilot, "graffiti 2025")
        assert {(k, i) for k, i, _, _ in hits(app)} >= {("visit", ids["hostile"]), ("finding", ids["hostile"]),
                                                         ("visit", ids["march"])}
        await press(pilot, "escape")
        await search(pilot, "SS juni")
        assert [(k, i) for k, i, _, _ in hits(app)] == [("visit", ids["june"])]


async def test_hostile_text_in_snippets_is_shown_literally_and_words_are_marked(tmp_path):
    path, ids = search_store(tmp_path)
    async with running(path, size=(120, 40)) as (app, pilot):
        await search(pilot, "görlitz bahnhof")
        assert [(k, i) for k, i, _, _ in hits(app)] == [("visit", ids["hostile"])]
        text = screen_text(app)
        assert "[/x] [b]fett[/b] [@click=app.quit]x[/] <script>alert(1)</script>" in text
        label = app.screen.query_one(OptionList).get_option_at_index(0).prompt
        marked = [label.plain[s.start:s.end] for s in label.spans if "reverse" in str(s.style)]
        assert marked == ["Bahnhof"]
        await press(pilot, "enter")  # opens the visit: nothing in the text acts
        assert app.is_running


async def test_deleted_records_are_never_found_and_an_edit_shows_at_once(tmp_path):
    path, ids = search_store(tmp_path)
    async with running(path, size=(120, 40)) as (app, pilot):
        await search(pilot, "geheimnisvoller")
        assert hits(app) == []
        assert "Keine Treffer für „geheimnisvoller“." in screen_text(app)
        await press(pilot, "escape")
        # the June visit is edited: its old words are gone from the results, the new ones found
        await search(pilot, "sommerfest")
        assert [i for _, i, _, _ in hits(app)] == [ids["june"]]
        await press(pilot, "enter", "e")  # the visit view, then its form
        summary = app.screen.query_one("#summary", TextArea)
        summary.text = ""
        summary.focus()
        await burst(pilot, *"Herbstmarkt abgesagt", "ctrl+s")
        while not isinstance(app.screen, SearchScreen):
            await press(pilot, "escape")
        assert hits(app) == []  # the open search ran again when it came back
        await burst(pilot, "ctrl+l", *"herbstmarkt")
        assert [i for _, i, _, _ in hits(app)] == [ids["june"]]
        # and deleted in the form (F8): gone from the results at once
        await press(pilot, "enter", "e", "f8", "j")  # "wirklich löschen?" – j: ja
        while not isinstance(app.screen, SearchScreen):
            await press(pilot, "escape")
        assert hits(app) == []
    assert disk_records(path, "visit")[ids["june"]]["deleted"] is True


async def test_enter_opens_where_the_record_lives_and_esc_keeps_query_and_position(tmp_path):
    path, ids = search_store(tmp_path)
    async with running(path, size=(120, 40)) as (app, pilot):
        await search(pilot, "pirna")
        found = hits(app)
        assert len(found) >= 5
        await press(pilot, "down", "down", "down")  # to the results, the third hit
        hit_list = app.screen.query_one(OptionList)
        assert hit_list.has_focus and hit_list.highlighted == 2
        await press(pilot, "enter")
        assert not isinstance(app.screen, SearchScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(Input).value == "pirna"
        assert app.screen.query_one(OptionList).highlighted == 2
        # a measure opens in its strategy, on the measures tab with the cursor on it
        await burst(pilot, "ctrl+l", *"graffitiwand")
        assert [(k, i, p) for k, i, p, _ in hits(app)] == [("measure", ids["strategy"], "m1")]
        await press(pilot, "enter")
        measures = app.screen.query_one("#measures")
        assert measures.has_focus and measures.current_key == "m1"
        await press(pilot, "escape")
        assert isinstance(app.screen, SearchScreen)
        # a contact opens in the dossier's contacts tab
        await burst(pilot, "ctrl+l", *"ordnungsamt")
        await press(pilot, "enter")
        contacts = app.screen.query_one("#contacts")
        assert contacts.has_focus and contacts.current_key == "c1"


async def test_search_over_an_open_visit_form_keeps_what_was_typed(tmp_path):
    path, ids = search_store(tmp_path)
    async with running(path) as (app, pilot):
        await press(pilot, "ctrl+n")
        await burst(pilot, *"pirna", "enter")
        notes = app.screen.query_one("#notes", TextArea)
        notes.focus()
        # "/" in a text field is a slash; Strg+F searches
        await burst(pilot, *"Frage 1/2 kam auf", "ctrl+f", *"ordnungsamt zittau")
        assert [k for k, *_ in hits(app)] == ["contact"]
        assert "Kontakt · Zittau" in screen_text(app)  # at 80x24
        await press(pilot, "escape")
        assert app.screen.query_one("#notes", TextArea).text == "Frage 1/2 kam auf"
        await burst(pilot, "shift+tab")
        summary = app.screen.query_one("#summary", TextArea)
        summary.focus()
        await burst(pilot, *"Kontakt Ordnungsamt geklärt", "ctrl+s")
    saved = [v for v in disk_records(path, "visit").values()
             if not v["deleted"] and v["data"]["summary"] == "Kontakt Ordnungsamt geklärt"]  # tombstones: no data
    assert len(saved) == 1 and saved[0]["data"]["notes"] == "Frage 1/2 kam auf"


async def test_slash_outside_text_fields_the_palette_and_the_footer(tmp_path):
    path, _ = search_store(tmp_path)
    async with running(path) as (app, pilot):
        assert "^f Suche" in footer_line(app)
        await burst(pilot, "/", *"sommerfest")
        assert [k for k, *_ in hits(app)] == ["visit"]
        text = screen_text(app)
        assert "Besuch · Pirna (LK Sächsische Schweiz-Osterzgebirge) · 03.06.2025" in text
        assert "1 Treffer" in text
        await press(pilot, "escape")
        assert not isinstance(app.screen, SearchScreen)
        await burst(pilot, "ctrl+p", *"suche")
        await press(pilot, "enter")
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(Input).value == "sommerfest"  # the last query, selected
        await burst(pilot, *"bahnbrücke")
        assert app.screen.query_one(Input).value == "bahnbrücke"
        await press(pilot, "escape")
        # whatever is typed in the palette can be searched for everywhere
        await burst(pilot, "ctrl+p", *"graffitiwand")
        assert "Überall suchen: graffitiwand (1 Treffer)" in screen_text(app)
        await press(pilot, "enter")
        assert [k for k, *_ in hits(app)] == ["measure"]


async def test_records_in_conflict_carry_the_mark(tmp_path):
    from test_ui_conflicts import visit_conflicts

    a, _b, ids, _ = visit_conflicts(tmp_path)
    async with running(a, size=(120, 40)) as (app, pilot):
        await search(pilot, "pirna 03.2026")
        # the three visits in conflict (the one deleted on one side and edited on the other too), newest first
        assert [i for _, i, _, _ in hits(app)] == [ids["deleted"], ids["whole"], ids["fields"]]
        assert all(f.hit.conflict for f in app.screen.results.found)
        assert "⚠ Besuch · Pirna" in screen_text(app)


async def test_typing_while_the_hits_have_the_focus_starts_a_new_query(tmp_path):
    path, ids = search_store(tmp_path)
    async with running(path) as (app, pilot):
        await search(pilot, "pirna")
        await press(pilot, "down", "down")
        assert app.screen.query_one(OptionList).has_focus
        await burst(pilot, *"graffitiwand")  # as fast as a paste, straight over the list
        query = app.screen.query_one(Input)
        assert query.has_focus and query.value == "graffitiwand"
        assert [(k, i, p) for k, i, p, _ in hits(app)] == [("measure", ids["strategy"], "m1")]
        assert "graffitiwand" in screen_text(app)
