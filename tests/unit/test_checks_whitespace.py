"""Tests for the ``repeated-word``, ``whitespace-edges`` and ``double-space`` checks."""

from __future__ import annotations

import pytest

from newsl10n.checks.base import CheckContext
from newsl10n.checks.whitespace import double_space, repeated_word, repeated_words, whitespace_edges
from newsl10n.model import Unit, UnitState

CTX = CheckContext(lang="ru")


def unit(source: str, target: str) -> Unit:
    return Unit(source=source, target=target, state=UnitState.REVIEWED)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        pytest.param("в в Изюме", ["в"], id="preposition"),
        pytest.param("Россия россия", ["россия"], id="case-insensitive"),
        pytest.param("що що атакує", ["що"], id="uk"),
        pytest.param("п’ять п’ять", ["п’ять"], id="apostrophe-word"),
        pytest.param("что что-то", [], id="hyphenated"),
        pytest.param("так, так", [], id="comma"),
        pytest.param("дуже дуже важливо", [], id="allowed-intensifier"),
        pytest.param("440 440", [], id="numbers"),
        pytest.param("в Изюме, в Харькове", [], id="apart"),
        pytest.param("pic.twitter.com/a a", [], id="placeable"),
    ],
)
def test_repeated_words(text: str, words: list[str]) -> None:
    assert repeated_words(text) == words


@pytest.mark.parametrize(
    ("source", "target", "flagged"),
    [
        pytest.param("in Izium", "в в Изюме", True, id="typo"),
        pytest.param("He flew to Bora Bora.", "Он улетел на Бора Бора.", False, id="source-repeats"),
        pytest.param("in Izium", "в Изюме", False, id="clean"),
    ],
)
def test_repeated_word(source: str, target: str, flagged: bool) -> None:
    assert bool(list(repeated_word(unit(source, target), CTX))) is flagged


@pytest.mark.parametrize(
    ("source", "target", "count"),
    [
        pytest.param("Ruins.", "Руины.", 0, id="none"),
        pytest.param("Ruins. ", "Руины. ", 0, id="same-trailing"),
        pytest.param("\tRuins.\n", "\tРуины.\n", 0, id="same-both"),
        pytest.param("Ruins.", " Руины.", 1, id="added-leading"),
        pytest.param("Ruins. ", "Руины.", 1, id="lost-trailing"),
        pytest.param("Ruins.\n", "Руины. ", 1, id="different-trailing"),
        pytest.param(" Ruins.", "Руины. ", 2, id="both"),
    ],
)
def test_whitespace_edges(source: str, target: str, count: int) -> None:
    assert len(list(whitespace_edges(unit(source, target), CTX))) == count


@pytest.mark.parametrize(
    ("source", "target", "flagged"),
    [
        pytest.param("Only crosses.", "Только  кресты.", True, id="double"),
        pytest.param("Only crosses.", "Только   кресты.", True, id="triple"),
        pytest.param("Only crosses.", "Только\u00a0 кресты.", True, id="nbsp-space"),
        pytest.param("Table:  a", "Таблица:  а", False, id="source-has-it"),
        pytest.param("Ruins.\n\nShelling.", "Руины.\n\nОбстрелы.", False, id="paragraphs"),
        pytest.param("Ruins. ", "Руины.  ", False, id="trailing-is-edges"),
    ],
)
def test_double_space(source: str, target: str, flagged: bool) -> None:
    assert bool(list(double_space(unit(source, target), CTX))) is flagged
