"""The ``wrong-language`` check: script, alphabet, then the language identifier; short segments never."""

from __future__ import annotations

import sys

import pytest

from newsl10n.checks import run_checks
from newsl10n.checks.base import CheckContext
from newsl10n.checks.language import cyrillic_verdict, detect_wrong_language
from newsl10n.model import Severity, Unit, UnitState

UK = "Українська влада виявила масове поховання понад 440 тіл в Ізюмі."
RU = "Украинские власти обнаружили массовое захоронение более 440 тел в Изюме."
DE = "Die ukrainischen Behörden haben in Isjum ein Massengrab mit mehr als 440 Leichen gefunden."
PL = "Władze Ukrainy odkryły w Iziumie masowy grób, w którym znajduje się ponad 440 ciał."
EN = "Ukrainian authorities have found a mass grave of more than 440 bodies in Izium."
AR = "عثرت السلطات الأوكرانية على مقبرة جماعية تضم أكثر من 440 جثة في إيزيوم."
PT = "As autoridades ucranianas encontraram uma vala comum com mais de 440 corpos na cidade."
ES = "Las autoridades ucranianas encontraron una fosa común con más de 440 cuerpos en la ciudad."


@pytest.mark.parametrize(
    ("text", "lang", "wrong"),
    [
        pytest.param(UK, "uk", False, id="uk-ok"),
        pytest.param(RU, "ru", False, id="ru-ok"),
        pytest.param("Он сказал, что в городе было тихо и спокойно всю ночь.", "uk", True, id="ru-letters-in-uk"),
        pytest.param(UK, "ru", True, id="uk-letters-in-ru"),
        pytest.param(DE, "de", False, id="de-ok"),
        pytest.param(PL, "pl", False, id="pl-ok"),
        pytest.param(PL, "de", True, id="pl-in-de"),
        pytest.param(EN, "pl", True, id="english-answer"),
        pytest.param(AR, "ar", False, id="ar-ok"),
        pytest.param(EN, "ar", True, id="latin-in-arabic"),
        pytest.param(RU, "de", True, id="cyrillic-in-german"),
        pytest.param(ES, "es", False, id="es-ok"),
        pytest.param(PT, "es", True, id="pt-in-es"),
        pytest.param("ウクライナ当局はイジュームで集団墓地を発見した。", "ja", False, id="ja-ok"),
        pytest.param("乌克兰当局在伊久姆发现了一个万人坑和很多尸体。", "ja", True, id="zh-in-ja"),
    ],
)
def test_wrong_language(text: str, lang: str, wrong: bool) -> None:
    assert (detect_wrong_language(text, lang) is not None) is wrong


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Izium", id="name"),
        pytest.param("Izium, Charkiw", id="names"),
        pytest.param("440", id="number"),
        pytest.param("@DefenceU https://x.com/DefenceU", id="handle-url"),
        pytest.param("— Defense of Ukraine (@DefenceU)", id="short-credit"),
        pytest.param("15 września 2022", id="date"),
    ],
)
def test_short_segments_are_never_flagged(text: str) -> None:
    for lang in ("pl", "de", "uk", "ar", "ja"):
        assert detect_wrong_language(text, lang) is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        pytest.param("Die Behörden zitierten die BBC und die New York Times zu Isjum.", "de", id="de-with-english-names"),
        pytest.param("Władze cytują raport Institute for the Study of War o Iziumie.", "pl", id="pl-with-english-title"),
        pytest.param("Представник ISW заявив, що місто було звільнено (https://isw.org).", "uk", id="uk-with-url"),
    ],
)
def test_mixed_segments_in_the_catalog_language_pass(text: str, lang: str) -> None:
    assert detect_wrong_language(text, lang) is None


def test_cyrillic_letters_decide_without_the_identifier() -> None:
    assert cyrillic_verdict("їжак", "uk") == "uk"
    assert cyrillic_verdict("объект", "uk") == "ru"
    assert cyrillic_verdict("ўсё", "be") == "be"
    assert cyrillic_verdict("мама", "uk") is None


def test_error_on_reviewed_warning_on_drafts() -> None:
    units = [
        Unit(source=EN, target=RU, state=UnitState.REVIEWED, line=1),
        Unit(source=EN, target=RU, state=UnitState.MT_DRAFT, line=5),
    ]
    got = [f.severity for f in run_checks(units, CheckContext(lang="pl"), select=["wrong-language"])]
    assert got == [Severity.ERROR, Severity.WARNING]


def test_importing_the_checks_does_not_load_the_identifier() -> None:
    import subprocess

    code = "import newsl10n.checks, sys; print('py3langid' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
