"""Draft steering: source normalisation, n-best choice and repair of deprecated variants."""

from __future__ import annotations

import pytest

from newsl10n.glossary import Glossary, choose_and_repair, normalise_source, repair


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Graves found in Izyum.", "Graves found in Izium.", id="plain"),
        pytest.param("IZYUM'S GRAVES", "IZIUM'S GRAVES", id="caps-possessive"),
        pytest.param("an Izyum-based unit near Kharkov", "an Izium-based unit near Kharkiv", id="two"),
        pytest.param("Vladimir Zelensky spoke", "Volodymyr Zelensky spoke", id="multiword"),
        pytest.param("see #Izyum and @Izyum", "see #Izyum and @Izyum", id="placeables-kept"),
        pytest.param("Izium is fine", "Izium is fine", id="nothing-to-do"),
    ],
)
def test_normalise_source(desk: Glossary, text: str, expected: str) -> None:
    assert normalise_source(desk, text) == expected


@pytest.mark.parametrize(
    ("lang", "draft", "expected"),
    [
        pytest.param("uk", "Втекли з Изюма.", "Втекли з Ізюма.", id="uk-genitive"),
        pytest.param("uk", "Поховання в Изюме.", "Поховання в Ізюмі.", id="uk-locative-from-russian"),
        pytest.param("uk", "Обстріли в Харькові.", "Обстріли в Харкові.", id="uk-alternation"),
        pytest.param("uk", "ПОХОВАННЯ В ИЗЮМЕ", "ПОХОВАННЯ В ІЗЮМІ", id="uk-caps"),
        pytest.param("uk", "Слідчий Харьковской області.", "Слідчий Харківської області.", id="uk-adjective"),
        pytest.param("uk", "Сказав Зеленским.", "Сказав Зеленським.", id="uk-surname-admitted-form"),
        pytest.param("ru", "Живёт в Києві.", "Живёт в Киеве.", id="ru-locative"),
        pytest.param("ru", "Бежали из Ізюма.", "Бежали из Изюма.", id="ru-genitive"),
        pytest.param("pl", "Trwają prace w Izjumie.", "Trwają prace w Iziumie.", id="pl-locative-ending-kept"),
        pytest.param("de", "Charkows Bürgermeister sprach.", "Charkiws Bürgermeister sprach.", id="de-genitive"),
        pytest.param("fr", "L’hôpital d’Izyum a été détruit.", "L’hôpital d’Izioum a été détruit.", id="fr-elision-kept"),
        pytest.param("ar", "يجري العمل في إزيوم.", "يجري العمل في إيزيوم.", id="ar"),
    ],
)
def test_repair_keeps_the_grammatical_form(desk: Glossary, lang: str, draft: str, expected: str) -> None:
    assert repair(desk, draft, lang) == expected


def test_first_hypothesis_satisfying_the_glossary_wins(desk: Glossary) -> None:
    result = choose_and_repair(desk, "Thousands fled Izium.", ["Тисячі втекли з Izium.", "Тисячі втекли з Ізюма."], "uk")
    assert (result.chosen, result.text, result.repaired, result.missing) == (1, "Тисячі втекли з Ізюма.", False, ())


def test_repair_when_no_hypothesis_satisfies(desk: Glossary) -> None:
    result = choose_and_repair(desk, "Thousands fled Izium.", ["Тисячі втекли з Изюма.", "Тисячі втекли з міста."], "uk")
    assert (result.chosen, result.text, result.repaired, result.missing) == (0, "Тисячі втекли з Ізюма.", True, ())


def test_missing_terms_are_reported_for_the_translator_comment(desk: Glossary) -> None:
    result = choose_and_repair(desk, "He told Sky News in Izium.", ["Він сказав Скай Ньюз в Izium."], "uk")
    assert result.missing == ("Sky News", "Ізюм")  # source order
    assert result.comment == 'glossary: needs "Sky News", "Ізюм" (any form)'
    assert not result.repaired and result.chosen == 0


def test_empty_hypotheses_is_a_programming_error(desk: Glossary) -> None:
    with pytest.raises(ValueError, match="at least one hypothesis"):
        choose_and_repair(desk, "Izium", [], "uk")
