"""The ``wrong-language`` check: script, alphabet, then the language identifier; short segments never."""

from __future__ import annotations

import sys

import pytest

from newsl10n.checks import run_checks
from newsl10n.checks.base import CheckContext
from newsl10n.checks import language
from newsl10n.checks.language import cyrillic_verdict, cyrillic_words, detect_wrong_language, words_verdict
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


# Ukrainian and Russian without the letters that tell them apart (no і є ї ґ, no ы э ъ ё).
UK_PLAIN = "Це сталося 15 вересня, коли туман вкрив луг."
RU_PLAIN = "Он сказал, что все в порядке и они вернутся домой."
UK_CREDIT = "— Олександр Щерба (@olex_scherba) 15 вересня 2022 (оновлення 17)"
RU_CREDIT = "— Антон Геращенко (@Gerashchenko_en) 15 сентября 2022 (обновление 17)"


@pytest.fixture
def no_identifier(monkeypatch: pytest.MonkeyPatch) -> None:
    """The identifier must not be asked: letters or words decide."""

    def refuse(text: str, lang: str) -> None:
        raise AssertionError(f"the identifier was asked about {text!r}")

    monkeypatch.setattr(language, "identify", refuse)


@pytest.mark.usefixtures("no_identifier")
@pytest.mark.parametrize(
    ("text", "lang", "verdict"),
    [
        pytest.param(UK_PLAIN, "uk", None, id="uk-words-in-uk"),
        pytest.param(UK_CREDIT, "uk", None, id="uk-month-in-uk"),
        pytest.param(RU_PLAIN, "uk", "ru", id="ru-words-in-uk"),
        pytest.param(RU_CREDIT, "uk", "ru", id="ru-month-in-uk"),
        pytest.param(RU_PLAIN, "ru", None, id="ru-words-in-ru"),
        pytest.param(UK_PLAIN, "ru", "uk", id="uk-words-in-ru"),
        pytest.param(UK_PLAIN, "uk_UA", None, id="uk-words-in-uk_UA"),
    ],
)
def test_words_decide_when_the_letters_do_not(text: str, lang: str, verdict: str | None) -> None:
    assert cyrillic_verdict(text, lang.split("_")[0]) is None  # the letters alone cannot tell
    reason = detect_wrong_language(text, lang)
    if verdict is None:
        assert reason is None
    else:
        assert reason is not None and f"reads as {verdict!r}" in reason


@pytest.mark.parametrize(
    ("text", "uk", "ru"),
    [
        pytest.param("туман вкрив луг, що впав", ["що"], [], id="uk-word"),
        pytest.param("он сказал, что все", [], ["он", "сказал", "что"], id="ru-words"),
        pytest.param("Це вже тут", ["це", "вже"], [], id="capitalised"),
        pytest.param("туман й луг", ["й"], [], id="uk-one-letter"),
        pytest.param("туман и луг", [], ["и"], id="ru-one-letter"),
        pytest.param("вивантажити вказану схему(и) для бази", [], [], id="plural-ending"),
        pytest.param("С. Петренко та К. Мельник", [], [], id="initials"),
        pytest.param("тривало 5 с", [], [], id="unit-at-the-end"),
    ],
)
def test_cyrillic_words(text: str, uk: list[str], ru: list[str]) -> None:
    assert cyrillic_words(text) == (uk, ru)


def test_words_of_both_languages_decide_nothing() -> None:
    assert words_verdict("що сказал") is None
    assert words_verdict("туман луг") is None


def test_undecided_cyrillic_still_asks_the_identifier(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def spy(text: str, lang: str) -> tuple[str, float, float]:
        asked.append(text)
        return "ru", 0.99, 0.001

    monkeypatch.setattr(language, "identify", spy)
    names = "Антон Геращенко Олександр Щерба Павло Кириленко"  # names only: no letter, no word decides
    reason = detect_wrong_language(names, "uk")
    assert asked == [names]
    assert reason is not None and "language identifier" in reason
