"""The gazetteer: country data from pycountry + countryinfo, small tables for the rest."""

from __future__ import annotations

import pytest

from claimgraph.gazetteer import gazetteer, normalise


def test_loaded_once():
    assert gazetteer() is gazetteer()


@pytest.mark.parametrize("surface, label, canonical, via", [
    # From the packages, not from a hand-typed list: any country works.
    ("Peru", "GPE", "Peru", "country"),
    ("Lima", "GPE", "Peru", "capital"),
    ("Peruvian", "NORP", "Peru", "demonym"),
    ("Vietnamese", "NORP", "Vietnam", "demonym"),
    ("Russian Federation", "GPE", "Russia", "country"),
    ("Türkiye", "GPE", "Turkey", "country"),
    ("Washington, D.C.", "GPE", "United States", "capital"),
    ("U.S.", "GPE", "United States", "code"),
    ("USA", None, "United States", "code"),
    ("UK", "GPE", "United Kingdom", "country"),
    # The small tables.
    ("the Kremlin", "ORG", "Russia", "seat"),
    ("Zhongnanhai", None, "China", "seat"),
    ("Brussels", "GPE", "European Union", "seat"),
    ("Kiev", "GPE", "Ukraine", "capital"),
    ("E.U.", "ORG", "European Union", "organisation"),
    ("North Atlantic Treaty Organization", "ORG", "NATO", "organisation"),
    ("Soviets", "NORP", "Soviet Union", "demonym"),
])
def test_lookup(surface, label, canonical, via):
    referent = gazetteer().lookup(surface, label)
    assert referent is not None and (referent.canonical, referent.via) == (canonical, via)


def test_codes_only_for_places():
    # "IN" is India's ISO code, but only a GPE entity may be read as one.
    assert gazetteer().lookup("IN", "GPE").canonical == "India"
    assert gazetteer().lookup("IN", "ORG") is None


def test_wordlike_abbreviations_need_an_organisation_label():
    assert gazetteer().lookup("WHO", "ORG").canonical == "World Health Organization"
    assert gazetteer().lookup("WHO", "GPE") is None
    assert "WHO" not in gazetteer().phrases  # never matched in running text


def test_shared_demonym_goes_to_the_dominant_country():
    # countryinfo lists "Chinese" for China and for Macau.
    assert gazetteer().demonym("Chinese").canonical == "China"


def test_unknown_names():
    assert gazetteer().lookup("Enodo Economics", "ORG") is None
    assert gazetteer().lookup("", None) is None


def test_normalise():
    assert normalise("the  U.S.") == "us"
    assert normalise("Élysée") == "elysee"
    assert normalise("King’s College") == "king's college"
