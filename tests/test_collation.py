"""German order of names (DIN 5007-1) in every list, and the commune search ranking umlauts as typed."""

from __future__ import annotations

from datetime import date

from asskomm_tui.services.search import Indexed, SearchIndex
from storage import Repositories, Store
from storage.collation import sort_key
from storage.demo import generate
from storage.records import ConsultantData, Kind
from storage.reference import commune_rows

TODAY = date(2026, 11, 26)


def names_in_order(names: list[str], wanted: list[str]) -> list[str]:
    """The ``wanted`` names in the order they appear in ``names``."""
    return [n for n in names if n in wanted]


def test_sort_key_follows_din_5007():
    assert sorted(["Brandis", "Borsdorf", "Borna", "Böhlen"], key=sort_key) == ["Böhlen", "Borna", "Borsdorf",
                                                                                  "Brandis"]
    assert sorted(["Großschweidnitz", "Großschönau"], key=sort_key) == ["Großschönau", "Großschweidnitz"]
    assert sorted(["Hundekot", "Häusliche Gewalt"], key=sort_key) == ["Häusliche Gewalt", "Hundekot"]
    # case and accents are ignored, ß is ss; names equal so are ordered by their own text, always the same
    assert sorted(["bautzen", "Budyšin", "Bad Düben"], key=sort_key) == ["Bad Düben", "bautzen", "Budyšin"]
    assert sorted(["Strasse", "Straße", "STRASSE"], key=sort_key) == sorted(["STRASSE", "Straße", "Strasse"],
                                                                              key=sort_key)
    assert sort_key("Straße")[0] == sort_key("Strasse")[0]


def test_the_store_lists_communes_fields_and_consultants_in_german_order(tmp_path):
    path = generate(tmp_path / "s.json", visits=20, seed=1, end=TODAY)
    with Store.open(path) as store:
        repos = Repositories(store)
        people = (("Zoe Zöllner", "ZZ"), ("Ömer Özdemir", "ÖÖ"), ("Otto Ortmann", "OO"))
        for i, (name, initials) in enumerate(people):
            store.put(Kind.CONSULTANT, f"c-{i}", ConsultantData(name=name, initials=initials))
        communes = [r.name for r in repos.commune_rows(TODAY)]
        fields = [p.data.name for p in repos.problem_fields()]
        consultants = [c.data.name for c in repos.consultants()]
    assert len(communes) == 418
    assert names_in_order(communes, ["Borna", "Böhlen", "Brandis", "Borsdorf"]) == ["Böhlen", "Borna", "Borsdorf",
                                                                                     "Brandis"]
    assert names_in_order(communes, ["Großschweidnitz", "Großschönau"]) == ["Großschönau", "Großschweidnitz"]
    assert communes == sorted(communes, key=sort_key)
    assert names_in_order(fields, ["Hundekot", "Häusliche Gewalt"]) == ["Häusliche Gewalt", "Hundekot"]
    assert fields == sorted(fields, key=sort_key)
    assert names_in_order(consultants, ["Zoe Zöllner", "Ömer Özdemir", "Otto Ortmann"]) == [
        "Ömer Özdemir", "Otto Ortmann", "Zoe Zöllner"]


def commune_search() -> SearchIndex:
    rows = sorted(commune_rows(), key=lambda c: (sort_key(c.name), c.ags))  # as the Kommunen screen lists them
    return SearchIndex(Indexed.of(c.name, c.name, c.kreis, c.ags) for c in rows)


def test_a_query_with_an_umlaut_ranks_names_with_that_umlaut_first():
    index = commune_search()
    found = index.search("gör")
    assert found[0] == "Görlitz"
    assert names_in_order(found, ["Gornau/Erzgeb.", "Görlitz"]) == ["Görlitz", "Gornau/Erzgeb."]
    # in plain German order Gohrisch comes before Görlitz; typed with ö, the ö-names lead
    assert index.search("gö")[:5] == ["Göda / Hodźij", "Görlitz", "Gohrisch", "Gornau/Erzgeb.", "Gornsdorf"]
    assert index.search("GÖR")[0] == "Görlitz"
    # ß as typed: Großschönau and the other Groß- names before Grossenhain-like spellings
    assert all(n.startswith("Groß") for n in index.search("groß")[:3])


def test_a_query_without_umlaut_finds_both_spellings():
    index = commune_search()
    found = index.search("gor")
    assert {"Görlitz", "Gornau/Erzgeb.", "Gornsdorf"} <= set(found[:3])
    assert found[:3] == ["Görlitz", "Gornau/Erzgeb.", "Gornsdorf"]  # German order: gorl < gorn
    assert index.search("goerl")[0] == "Görlitz"  # oe for ö
    assert index.search("gorl")[0] == "Görlitz"


def test_typing_letter_by_letter_finds_what_a_fresh_search_finds():
    """The list searches a query typed on from the last one only among the last hits: every step of
    typing, erasing and retyping must give exactly what a new search of that text gives."""
    from hypothesis import given, settings, strategies as st

    typed = commune_search()
    texts = st.lists(st.sampled_from(["g", "ö", "r", "l", " ", "s", "ä", "1", "4", "ß", "e", "a"]), max_size=8)

    @settings(max_examples=150, deadline=None)
    @given(st.lists(texts, min_size=1, max_size=4))
    def steps(words: list[list[str]]) -> None:
        for letters in words:
            text = ""
            for letter in letters + ["\b"] * len(letters):
                text = text[:-1] if letter == "\b" else text + letter
                assert typed.search(text) == SearchIndex(typed.entries).search(text), text

    steps()
