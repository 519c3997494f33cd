"""Tests for the ``untranslated`` and ``latin-leftover`` checks."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from newsl10n.checks.base import CheckContext
from newsl10n.checks.untranslated import latin_leftover, leftover_words, untranslated
from newsl10n.model import Severity, Unit, UnitState


def unit(source: str, target: str) -> Unit:
    return Unit(source=source, target=target, state=UnitState.REVIEWED, line=7)


@pytest.mark.parametrize(
    ("source", "target", "lang", "flagged"),
    [
        pytest.param("Only crosses and numbers.", "Лише хрести й номери.", "uk", False, id="translated"),
        pytest.param("Only crosses and numbers.", "Only crosses and numbers.", "uk", True, id="copied"),
        pytest.param("Only crosses and numbers.", "Only  crosses and numbers. ", "ru", True, id="copied-spacing"),
        pytest.param("pic.twitter.com/Hna2HTGNDE", "pic.twitter.com/Hna2HTGNDE", "uk", False, id="link-only"),
        pytest.param("440", "440", "ru", False, id="number-only"),
        pytest.param("@DefenceU", "@DefenceU", "uk", False, id="handle-only"),
        pytest.param("Sky News", "Sky News", "uk", False, id="kept-name"),
        pytest.param("BBC", "BBC", "ru", False, id="acronym"),
        pytest.param("Sky News reported.", "Sky News reported.", "uk", True, id="name-and-words"),
        pytest.param("Only crosses.", "Only crosses.", "de", True, id="latin-target"),
        pytest.param("IPv4", "IPv4", "uk", False, id="technical-token"),
        pytest.param("Email", "Email", "ru", False, id="technical-word"),
        pytest.param("JSON", "JSON", "de", False, id="acronym-any-language"),
        pytest.param("%(class_name)s %(instance)s", "%(class_name)s %(instance)s", "uk", False, id="placeholders-only"),
        pytest.param("{0}: {1}", "{0}: {1}", "ru", False, id="brace-placeholders-only"),
        pytest.param("<b>%(name)s</b>", "<b>%(name)s</b>", "uk", False, id="tags-and-placeholder"),
        pytest.param("Email address", "Email address", "uk", True, id="technical-word-and-words"),
        pytest.param("Delete %(name)s", "Delete %(name)s", "ru", True, id="words-around-placeholder"),
        pytest.param("NATO", "NATO", "uk", True, id="acronym-with-cyrillic-form"),
        pytest.param("April", "April", "de", False, id="cognate-latin-target"),
        pytest.param("%(size)d byte", "%(size)d byte", "fr", False, id="one-word-and-placeholder-latin-target"),
        pytest.param("April", "April", "uk", True, id="one-word-cyrillic-target"),
    ],
)
def test_untranslated(source: str, target: str, lang: str, flagged: bool) -> None:
    issues = list(untranslated(unit(source, target), CheckContext(lang=lang)))
    assert bool(issues) is flagged


@pytest.mark.parametrize(
    ("target", "latin", "mixed"),
    [
        pytest.param("Про це повідомили BBC та CNN.", [], [], id="acronyms"),
        pytest.param("Союзники по NATO засудили.", ["NATO"], [], id="cyrillic-acronym"),
        pytest.param("Україна отримала HIMARS від США.", [], [], id="weapon"),
        pytest.param("за даними The New York Times", [], [], id="outlet"),
        pytest.param("понад 440 bodies", ["bodies"], [], id="english-word"),
        pytest.param("сказав Mr Зеленський", ["Mr"], [], id="title"),
        pytest.param("у місті Izium", ["Izium"], [], id="name-not-transliterated"),
        pytest.param("столиці Kиєва", [], ["Kиєва"], id="homoglyph-k"),
        pytest.param("Росія заперечує, a Україна наполягає", ["a"], [], id="latin-a"),
        pytest.param("план B на зиму", [], [], id="capital-letter"),
        pytest.param("Король Карл III", [], [], id="roman-numeral"),
        pytest.param("див. pic.twitter.com/Abc @DefenceU #StandWithUkraine", [], [], id="placeables"),
        pytest.param("новий iPhone", [], [], id="mixed-case-brand"),
        pytest.param("IT-армія заявила", [], [], id="hyphenated-acronym"),
        pytest.param("провели DDoS-атаку", [], [], id="hyphenated-inner-capitals"),
        pytest.param("отримали SMS-повідомлення", [], [], id="hyphenated-sms"),
        pytest.param("у PR-команді", [], [], id="hyphenated-pr"),
        pytest.param("мережа Wi-Fi-зв’язку", [], [], id="hyphenated-latin-run"),
        pytest.param("отримали online-сповіщення", ["online"], [], id="hyphenated-english-word"),
        pytest.param("IT-aрмія заявила", [], ["IT-aрмія"], id="homoglyph-in-cyrillic-part"),
        pytest.param("Kиїв-Сіті", [], ["Kиїв-Сіті"], id="homoglyph-in-hyphenated-name"),
        pytest.param("у мережах IPv6", [], [], id="digits-in-token"),
        pytest.param("Із %(city)s евакуювали %(count)s людей", [], [], id="python-placeholders"),
        pytest.param("Нажмите <a href=\"%(url)s\">здесь</a>", [], [], id="html-tag"),
        pytest.param("метод get_absolute_url() у /about/contact/", [], [], id="quoted-code"),
        pytest.param("заголовки «Referer»", [], [], id="quoted-word"),
        pytest.param("«Click here», сказав він", ["Click", "here"], [], id="quoted-phrase-is-not-kept"),
    ],
)
def test_leftover_words(target: str, latin: list[str], mixed: list[str]) -> None:
    assert leftover_words(target) == (latin, mixed)


def test_latin_leftover_only_for_cyrillic_targets() -> None:
    u = unit("The bodies were found.", "Les bodies ont été trouvés.")
    assert list(latin_leftover(u, CheckContext(lang="fr"))) == []
    assert list(latin_leftover(u, CheckContext(lang="uk")))


def test_mixed_script_is_an_error() -> None:
    (issue,) = latin_leftover(unit("Kyiv", "Kиїв"), CheckContext(lang="uk"))
    assert issue.severity is Severity.ERROR


@dataclass(frozen=True)
class FakeTerm:
    text: str
    lang: str
    usable: bool = True


@dataclass(frozen=True)
class FakeConcept:
    terms: tuple[FakeTerm, ...]
    do_not_translate: bool = False


def test_glossary_terms_are_allowed_by_duck_typing() -> None:
    glossary = [
        FakeConcept((FakeTerm("Ukrainska Pravda", "en"),), do_not_translate=True),
        FakeConcept((FakeTerm("Kyiv Post", "en"), FakeTerm("Kyiv Post", "uk"))),
        FakeConcept((FakeTerm("Old Name", "uk", usable=False),)),
    ]
    u = unit("Ukrainska Pravda and Kyiv Post, Old Name", "Ukrainska Pravda і Kyiv Post, Old Name")
    messages = [i.message for i in latin_leftover(u, CheckContext(lang="uk", glossary=glossary))]
    assert messages == ["Latin-script word left untranslated: Old, Name"]
    assert [i.message for i in latin_leftover(u, CheckContext(lang="uk"))] == [
        "Latin-script word left untranslated: Ukrainska, Pravda, Kyiv, Post, Old, Name"
    ]


def test_real_glossary_do_not_translate() -> None:
    from newsl10n.glossary.model import GlossaryBuilder

    builder = GlossaryBuilder()
    builder.start_concept("meduza", where=("g.tsv", 2))
    builder.set_concept_info(do_not_translate=True)
    builder.add_term(lang="en", text="Meduza", status="preferred", where=("g.tsv", 2))
    glossary = builder.build()
    u = unit("Meduza reported it.", "Об этом сообщила Meduza.")
    assert list(latin_leftover(u, CheckContext(lang="ru", glossary=glossary))) == []
