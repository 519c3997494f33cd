"""Locale-correct checks for any Babel locale: numbers, quotes, end punctuation, length, leftovers, bidi.

Facts that come from CLDR are taken from Babel in the test too (the group and
decimal symbols, the native numbering system, the likely script), so the
tests hold for any CLDR release Babel ships.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel import Locale
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from newsl10n.checks import run_checks
from newsl10n.checks.base import CheckContext
from newsl10n.checks.length import bounds_for, script_of
from newsl10n.checks.punctuation import balance
from newsl10n.checks.whitespace import bidi_problems
from newsl10n.model import Severity, Unit, UnitState

# Code point of digit zero of CLDR numbering systems (Unicode, not CLDR).
_ZERO = {"arab": 0x660, "arabext": 0x6F0, "deva": 0x966, "beng": 0x9E6, "fullwide": 0xFF10}


def findings(check: str, source: str, target: str, lang: str) -> list[str]:
    unit = Unit(source=source, target=target, state=UnitState.REVIEWED, line=3)
    return [f.message for f in run_checks([unit], CheckContext(lang=lang), select=[check])]


@pytest.mark.parametrize(
    "lang", ["de", "fr", "de_CH", "es", "pl", "it", "pt", "ar", "hi", "en_IN", "ja", "uk", "ru", "sv", "nb"]
)
def test_numbers_in_the_locales_own_format_pass(lang: str) -> None:
    target = f"{format_decimal(Decimal('1234567.5'), locale=lang)} / {format_decimal(Decimal('63.5'), locale=lang)}"
    assert findings("numbers", "1,234,567.5 / 63.5", target, lang) == []


def _native(text: str, lang: str) -> str | None:
    loc = Locale.parse(lang)
    system = loc.other_numbering_systems.get("native", loc.default_numbering_system)
    if system not in _ZERO:
        return None
    symbols = loc.number_symbols.get(system) or {}
    table = {ord(str(d)): chr(_ZERO[system] + d) for d in range(10)}
    table[ord(get_decimal_symbol(lang))] = symbols.get("decimal") or get_decimal_symbol(lang)
    table[ord(get_group_symbol(lang))] = symbols.get("group") or get_group_symbol(lang)
    return text.translate(table)


@pytest.mark.parametrize("lang", ["ar", "ar_EG", "fa", "hi", "bn", "mr"])
def test_native_digits_and_symbols_read_as_numbers(lang: str) -> None:
    native = _native(format_decimal(Decimal("1200.5"), locale=lang), lang)
    if native is None:
        pytest.skip(f"no native digits for {lang} in this CLDR")
    assert findings("numbers", "1,200.5 people", native, lang) == []
    changed = _native(format_decimal(Decimal("1300.5"), locale=lang), lang)
    assert findings("numbers", "1,200.5 people", changed or "", lang)


@pytest.mark.parametrize(
    ("source", "target", "lang", "ok"),
    [
        pytest.param("63.5% said yes", "63,5 % sagten ja", "de", True, id="de-percent-space"),
        pytest.param("63.5% said yes", "63,5 % ont dit oui", "fr", True, id="fr-percent-nnbsp"),
        pytest.param("63.5% said yes", "٦٣٫٥٪ قالوا نعم", "ar", True, id="ar-percent"),
        pytest.param("5‰ of the vote", "5 ‰ der Stimmen", "de", True, id="per-mille"),
        pytest.param("440 bodies", "٤٤٠ جثة", "ar", True, id="arabic-indic"),
        pytest.param("440 bodies", "４４０体", "ja", True, id="full-width"),
        pytest.param("1,200,000 people", "12,00,000 लोग", "hi", True, id="lakh-grouping"),
        pytest.param("2 people died", "zwei Menschen starben", "de", True, id="small-number-in-words"),
        pytest.param("2 people died", "3 Menschen starben", "de", False, id="small-number-changed"),
        pytest.param("9% rise", "Anstieg", "de", False, id="percent-never-in-words"),
        pytest.param("440 bodies", "٤٠٤ جثة", "ar", False, id="arabic-indic-changed"),
        pytest.param("3.5 km", "35 km", "pl", False, id="lost-decimal"),
    ],
)
def test_numbers_conventions(source: str, target: str, lang: str, ok: bool) -> None:
    assert (findings("numbers", source, target, lang) == []) is ok


@pytest.mark.parametrize("mark", ["'", "’"])
def test_swiss_german_groups_with_either_apostrophe(mark: str) -> None:
    if get_group_symbol("de_CH") not in "'’":
        pytest.skip("this CLDR does not group de-CH with an apostrophe")
    assert findings("numbers", "1,200 francs", f"1{mark}200 Franken", "de_CH") == []
    assert findings("numbers", "1,200 francs", f"1{mark}300 Franken", "de_CH")


@pytest.mark.parametrize(
    ("target", "lang", "ok"),
    [
        pytest.param("Er sagte: „Wir kommen.“", "de", True, id="de"),
        pytest.param("„Er sagte: »Nein«.“", "de", True, id="de-nested-chevrons"),
        pytest.param("Il a dit : « Nous venons. »", "fr", True, id="fr-inner-space"),
        pytest.param("Powiedział: „Przyjdziemy”.", "pl", True, id="pl"),
        pytest.param("彼は「来る」と言った。", "ja", True, id="ja"),
        pytest.param("「彼は『来る』と言った」", "ja", True, id="ja-nested"),
        pytest.param("他说：“我们来。”", "zh", True, id="zh"),
        pytest.param("„Azt mondta: »nem«”", "hu", True, id="hu-nested"),
        pytest.param("Он сказал: «Мы \"придём\"».", "ru", True, id="guillemet-straight-mix"),
        pytest.param("Er sagte: „Wir kommen.", "de", False, id="de-unclosed"),
        pytest.param("彼は「来ると言った。", "ja", False, id="ja-unclosed"),
        pytest.param("Powiedział: Przyjdziemy”.", "pl", False, id="pl-stray"),
    ],
)
def test_quotes_per_locale(target: str, lang: str, ok: bool) -> None:
    source = 'He said: "We will come."'
    result = balance(target, lang)
    assert (result.quotes == (0, 0) and result.mismatched == 0) is ok
    if ok:
        assert findings("quotes-balanced", source, target, lang) == []


@pytest.mark.parametrize(
    ("source", "target", "lang", "ok"),
    [
        pytest.param("Where?", "أين؟", "ar", True, id="ar-question"),
        pytest.param("Where?", "どこですか？", "ja", True, id="ja-question"),
        pytest.param("He came.", "彼は来た。", "ja", True, id="ja-stop"),
        pytest.param("He came.", "वह आया।", "hi", True, id="danda"),
        pytest.param("He came.", "وہ آیا۔", "ur", True, id="urdu-stop"),
        pytest.param("Stop!", "止まれ！", "ja", True, id="ja-exclamation"),
        pytest.param("Where?", "Πού;", "el", True, id="greek-question"),
        pytest.param("He came.", "เขามา", "th", True, id="thai-no-stop"),
        pytest.param("Where is he?", "¿Dónde está?", "es", True, id="es-inverted"),
        pytest.param("Where is he?", "Dónde está?", "es", False, id="es-missing-inverted"),
        pytest.param("Stop!", "Alto!", "es", False, id="es-missing-inverted-exclamation"),
        pytest.param("He came.", "أين؟", "ar", False, id="ar-question-added"),
        pytest.param("Where?", "彼は来た。", "ja", False, id="ja-question-lost"),
    ],
)
def test_end_punctuation_equivalents(source: str, target: str, lang: str, ok: bool) -> None:
    assert (findings("end-punctuation", source, target, lang) == []) is ok


@pytest.mark.parametrize("lang", ["ja", "zh", "ko", "ar", "he", "el", "sr", "pl", "hi", "th"])
def test_length_bounds_follow_the_cldr_script(lang: str) -> None:
    from babel.core import get_global

    likely = str(get_global("likely_subtags")[lang])
    assert script_of(lang) in likely.split("_")
    low, high = bounds_for(lang)
    assert 0 < low < 1 <= high


def test_cjk_length_is_not_judged_by_latin_bounds() -> None:
    source = "Ukrainian authorities have found a mass grave of more than 440 bodies in Izium."
    assert findings("length-ratio", source, "ウクライナ当局はイジュームで440体以上の集団墓地を発見した。", "ja") == []
    assert findings("length-ratio", source, "ウクライナ当局は", "ja")


@pytest.mark.parametrize(
    ("target", "lang", "leftover"),
    [
        pytest.param("عثرت السلطات على mass grave.", "ar", True, id="ar"),
        pytest.param("عثرت السلطات على مقبرة جماعية، انظر https://bbc.com/x و@DefenceU.", "ar", False, id="ar-url-handle"),
        pytest.param("הרשויות מצאו mass grave", "he", True, id="he"),
        pytest.param("当局はmass graveを発見した。", "ja", True, id="ja-inside-word"),
        pytest.param("当局は集団墓地を発見した（BBC）。", "ja", False, id="ja-acronym"),
        pytest.param("Οι αρχές βρήκαν mass grave.", "el", True, id="el"),
    ],
)
def test_latin_leftovers_in_any_non_latin_script(target: str, lang: str, leftover: bool) -> None:
    source = "Authorities found a mass grave, see https://bbc.com/x and @DefenceU."
    assert bool(findings("latin-leftover", source, target, lang)) is leftover


@pytest.mark.parametrize(
    ("target", "lang", "leftover"),
    [
        pytest.param("Die Behörden fanden ein Massengrab mit mehr als 440 Leichen.", "de", False, id="de-ok"),
        pytest.param("Die Behörden fanden ein mass grave mit mehr als 440 Leichen.", "de", True, id="de-phrase"),
        pytest.param("Les autorités ont trouvé une fosse commune, which was reprise.", "fr", True, id="fr-function-words"),
        pytest.param("Władze znalazły masowy grób w Iziumie, de facto odbitym.", "pl", False, id="pl-shared-latin"),
        pytest.param("Las autoridades encontraron una fosa común in the city of Izium.", "es", True, id="es"),
    ],
)
def test_source_leftovers_in_latin_script(target: str, lang: str, leftover: bool) -> None:
    source = "Authorities found a mass grave of more than 440 bodies in the city of Izium, which was de facto recaptured."
    assert bool(findings("source-leftover", source, target, lang)) is leftover


LRM, RLM, RLI, PDI, RLE, PDF = "\u200e", "\u200f", "\u2067", "\u2069", "\u202b", "\u202c"


@pytest.mark.parametrize(
    ("target", "lang", "expected"),
    [
        pytest.param(f"قال {RLI}مرحبا{PDI} اليوم", "ar", [], id="balanced-isolate"),
        pytest.param(f"نسبة 63{LRM}%{LRM} اليوم", "ar", [], id="marks-in-rtl"),
        pytest.param(f"قال {RLI}مرحبا اليوم", "ar", [Severity.ERROR], id="unclosed-isolate"),
        pytest.param(f"قال مرحبا{PDF} اليوم", "he", [Severity.ERROR], id="stray-pdf"),
        pytest.param(f"Er sagte{RLM} heute", "de", [Severity.WARNING], id="stray-mark-in-ltr"),
        pytest.param("عثرت السلطات على مقبرة، https://bbc.com/x @DefenceU", "ar", [], id="latin-url-in-arabic"),
    ],
)
def test_bidi_controls(target: str, lang: str, expected: list[Severity]) -> None:
    unit = Unit(source="He said hello today", target=target, state=UnitState.REVIEWED, line=1)
    got = [f.severity for f in run_checks([unit], CheckContext(lang=lang), select=["bidi-controls"])]
    assert got == expected


def test_bidi_nesting_follows_uax9() -> None:
    assert bidi_problems(f"{RLI}a{RLE}b{PDI}") == ([], [])  # PDI closes the embedding inside it
    assert bidi_problems(f"{RLE}a{PDI}") == (["RLE"], ["PDI"])
