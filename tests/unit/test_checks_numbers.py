"""Tests for the ``numbers`` check: values compared locale-aware."""

from __future__ import annotations

import pytest

from newsl10n.checks.base import CheckContext
from newsl10n.checks.numbers import extract_numbers, numbers
from newsl10n.model import Severity, Unit, UnitState


def run(source: str, target: str, lang: str = "uk", *, known: bool = True) -> list[tuple[str, Severity | None]]:
    unit = Unit(source=source, target=target, state=UnitState.REVIEWED, line=3)
    return [(i.message, i.severity) for i in numbers(unit, CheckContext(lang=lang, lang_known=known))]


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        pytest.param("at 6 p.m.", "о 19:00", "time or date 6 p.m. is missing or changed in the translation (translation has 19:00)", id="hour"),
        pytest.param("at 10:30 p.m.", "о 22:40", "time or date 10:30 p.m. is missing or changed in the translation (translation has 22:40)", id="minutes"),
        pytest.param("at noon", "о 13:00", "time or date noon is missing or changed in the translation (translation has 13:00)", id="noon"),
        pytest.param("on Sept. 15", "15.10", "time or date Sept. 15 is missing or changed in the translation (translation has 15.10)", id="month"),
        pytest.param("on 2022-09-16", "16.10.2022", "time or date 2022-09-16 is missing or changed in the translation (translation has 16.10.2022)", id="iso-month"),
        pytest.param("on Sept. 15", "16 вересня", "number 15 is missing from the translation (translation has 16)", id="day"),
    ],
)  # fmt: skip
def test_changed_times_and_dates_are_errors(source: str, target: str, message: str) -> None:
    assert run(source, target) == [(message, None)]


@pytest.mark.parametrize(
    ("target", "ok"),
    [("1 200 і 3,5", True), ("1.200 і 3,5", True), ("1,200 і 3.5", True), ("1200 і 3,5", True), ("1 300 і 3,5", False)],
)
def test_unknown_language_is_read_without_locale_data(target: str, ok: bool) -> None:
    assert (run("1,200 and 3.5", target, "udm", known=False) == []) is ok


@pytest.mark.parametrize(
    ("source", "target", "lang"),
    [
        pytest.param("more than 440 bodies", "понад 440 тіл", "uk", id="same-integer"),
        pytest.param("estimated at 1,200", "оцінюють у 1 200", "uk", id="space-group"),
        pytest.param("estimated at 1,200", "оцінюють у 1\u00a0200", "uk", id="nbsp-group"),
        pytest.param("estimated at 1,200", "оценивается в 1\u202f200", "ru", id="narrow-nbsp-group"),
        pytest.param("estimated at 1,200", "оцінюють у 1200", "uk", id="no-group"),
        pytest.param("1,000,000 people", "1 000 000 людей", "uk", id="million"),
        pytest.param("3.5 km", "3,5 км", "ru", id="decimal-comma"),
        pytest.param("0.5%", "0,5%", "uk", id="percent"),
        pytest.param("on Thursday (Sept 15)", "у четвер (15 вересня)", "uk", id="day"),
        pytest.param("September 15, 2022", "15 вересня 2022 року", "uk", id="date-words"),
        pytest.param("on 2022-09-16", "16.09.2022", "ru", id="iso-to-dotted"),
        pytest.param("on 2022-09-16", "16 сентября 2022 года", "ru", id="iso-month-in-words"),
        pytest.param("the 15th brigade", "15-та бригада", "uk", id="digit-ordinal"),
        pytest.param("the third grave", "третє поховання", "uk", id="ordinal-in-words"),
        pytest.param("flight MH17", "рейс MH17", "uk", id="digits-in-name"),
        pytest.param("at 15:30", "о 15.30", "uk", id="time-dot"),
        pytest.param("$1.5bn", "1,5 млрд доларів", "uk", id="suffix-bn"),
        pytest.param("see pic.twitter.com/Ab12Cd34", "див. pic.twitter.com/Ab12Cd34", "uk", id="url-digits"),
        pytest.param("no figures here", "тут немає чисел", "uk", id="none"),
        pytest.param("In 2022 100 people", "У 2022 році 100 людей", "uk", id="adjacent-numbers"),
        pytest.param("at 6 p.m.", "о 18:00", "uk", id="pm-24h"),
        pytest.param("at 6 p.m.", "о 6 вечора", "uk", id="pm-12h-in-words"),
        pytest.param("at 10:30 p.m. Tuesday", "у вівторок о 22:30", "ru", id="pm-minutes"),
        pytest.param("at 8 a.m.", "о 8:00", "uk", id="am"),
        pytest.param("at 8 a.m.", "в 08:00", "ru", id="am-zero-padded"),
        pytest.param("at 8am", "о 08.00", "uk", id="am-glued-dotted"),
        pytest.param("at 9:30 A.M.", "в 9:30", "ru", id="am-capitals"),
        pytest.param("at 12 a.m.", "о 00:00", "uk", id="twelve-am"),
        pytest.param("at 12 p.m.", "о 12:00", "uk", id="twelve-pm"),
        pytest.param("at noon", "о 12:00", "uk", id="noon"),
        pytest.param("at noon", "опівдні", "uk", id="noon-in-words"),
        pytest.param("at midnight", "в 00:00", "ru", id="midnight-00"),
        pytest.param("at midnight", "о 24:00", "uk", id="midnight-24"),
        pytest.param("at midnight", "опівночі", "uk", id="midnight-in-words"),
        pytest.param("on Sept. 15", "15 вересня", "uk", id="month-abbrev"),
        pytest.param("on Sept. 15", "15.09", "uk", id="month-as-number"),
        pytest.param("on 9/15", "15.09", "ru", id="us-slash-date"),
        pytest.param("on Sept. 15, 2022", "15.09.2022", "uk", id="month-day-year"),
        pytest.param("on 15 September", "15.09", "ru", id="day-month"),
        pytest.param("in May 2022", "у травні 2022", "uk", id="month-without-day"),
        pytest.param("in September 2022", "09.2022", "ru", id="month-without-day-as-number"),
        pytest.param("January", "1月", "ja", id="calendar-month"),
        pytest.param("%(count)d of {0} items", "{0}: %(count)d", "uk", id="placeholders-are-not-numbers"),
    ],
)
def test_matching_numbers_pass(source: str, target: str, lang: str) -> None:
    assert run(source, target, lang) == []


@pytest.mark.parametrize(
    ("source", "target", "lang", "severity", "fragment"),
    [
        pytest.param("440 bodies", "404 тіла", "uk", None, "440 is missing", id="changed"),
        pytest.param("10% rise", "зростання", "ru", None, "10 is missing", id="missing"),
        pytest.param("3.5 km", "35 км", "ru", None, "3.5 is missing", id="lost-decimal"),
        pytest.param("1,200 people", "12 000 людей", "uk", None, "1200 is missing", id="scaled"),
        pytest.param("Sept 15", "16 вересня", "uk", None, "15 is missing", id="wrong-day"),
        pytest.param("15, 2022", "15 2021", "uk", None, "2022 is missing", id="wrong-year"),
        pytest.param(
            "1,200 people", "1,200 людей", "uk", Severity.WARNING, "English format", id="english-format"
        ),
        pytest.param("two entrances", "12 під’їздів", "uk", Severity.WARNING, "not in the source", id="extra"),
        pytest.param(
            "440 and 440", "440 і", "uk", Severity.WARNING, "fewer times", id="fewer-occurrences"
        ),
    ],
)
def test_wrong_numbers_reported(
    source: str, target: str, lang: str, severity: Severity | None, fragment: str
) -> None:
    issues = run(source, target, lang)
    assert issues, "expected an issue"
    message, sev = issues[0]
    assert fragment in message
    assert sev == severity


def test_untranslated_unit_is_skipped() -> None:
    assert list(numbers(Unit(source="440 bodies"), CheckContext(lang="uk"))) == []


def test_unknown_locale_falls_back_to_english_symbols() -> None:
    assert run("1,200 people", "1,200 people", lang="xx") == []


@pytest.mark.parametrize(
    ("text", "locale", "values"),
    [
        pytest.param("1,200 and 3.5", "en", [[1200], [3.5]], id="en"),
        pytest.param("1 200 і 3,5", "uk", [[1200], [3.5]], id="uk"),
        pytest.param("MH17 and G7", "en", [], id="names"),
        pytest.param("@user42 #tag1 a@b2.com", "en", [], id="placeables"),
    ],
)
def test_extract_numbers(text: str, locale: str, values: list[list[float]]) -> None:
    got = [[float(v) for v in r.values] for r in extract_numbers(text, locale=locale, is_source=locale == "en")]
    assert got == values
