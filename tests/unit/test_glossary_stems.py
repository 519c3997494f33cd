"""Glossary matching in any language: Snowball stems, elisions, compounds, Turkish I, unspaced scripts."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel import Locale

from newsl10n.glossary import Glossary, parse_tsv
from newsl10n.glossary.model import canonical_lang
from newsl10n.glossary.morph import TargetMatcher
from newsl10n.glossary.stems import STEMMERS

ROWS = """\
izium\ten\tIzium\tpreferred
izium\tpl\tIzium\tpreferred
izium\tpl\tIzjum\tdeprecated
izium\tfr\tIzioum\tpreferred
izium\tde\tIsjum\tpreferred
izium\tar\tإيزيوم\tpreferred
izium\tja\tイジューム\tpreferred
izium\ttr\tİzyum\tpreferred
kharkiv\ten\tKharkiv\tpreferred
kharkiv\tpl\tCharków\tpreferred
ukraine\ten\tUkraine\tpreferred
ukraine\tfr\tUkraine\tpreferred
grave\ten\tgrave\tpreferred
grave\tde\tGrab\tpreferred
grave\tpl\tgrób\tpreferred
iraq\ten\tIraq\tpreferred
iraq\ttr\tIrak\tpreferred
kyiv\ten\tKyiv\tpreferred
kyiv\the\tקייב\tpreferred
kyiv\tko\t키이우\tpreferred
"""


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return parse_tsv(ROWS, path="g.tsv")


def found(glossary: Glossary, lang: str, text: str) -> list[str]:
    """Terms of ``lang`` (any status) that ``text`` contains."""
    terms = tuple(t for c in glossary.concepts for t in c.terms_for(canonical_lang(lang)))
    return sorted({hit.term.text for hit in TargetMatcher(canonical_lang(lang), terms).find(text)})


@pytest.mark.parametrize(
    ("lang", "text", "terms"),
    [
        pytest.param("pl", "Władze odkryły masowy grób w Iziumie.", ["Izium", "grób"], id="pl-locative"),
        pytest.param("pl", "Uciekli z Iziumu.", ["Izium"], id="pl-genitive"),
        pytest.param("pl", "Ostrzał trwał w Charkowie, pod Charkowem.", ["Charków"], id="pl-o-alternation"),
        pytest.param("pl", "Ciała w grobie.", ["grób"], id="pl-grob-locative"),
        pytest.param("pl", "W Izjumie.", ["Izjum"], id="pl-deprecated-inflected"),
        pytest.param("pl", "Izmir i Izraelu.", [], id="pl-no-false-prefix"),
        pytest.param("fr", "L'Ukraine a accusé la Russie.", ["Ukraine"], id="fr-elision-article"),
        pytest.param("fr", "L'hôpital d'Izioum.", ["Izioum"], id="fr-elision-preposition"),
        pytest.param("fr", "jusqu'à l'Ukraine", ["Ukraine"], id="fr-elision-jusqu"),
        pytest.param("de", "Ein Massengrab in Isjum.", ["Grab", "Isjum"], id="de-compound-head"),
        pytest.param("de", "Isjums Krankenhaus, Massengräbern.", ["Grab", "Isjum"], id="de-genitive-umlaut-plural"),
        pytest.param("de", "Grabowski sprach.", [], id="de-not-a-prefix"),
        pytest.param("ar", "يجري العمل بإيزيوم ولإيزيوم وإيزيوم.", ["إيزيوم"], id="ar-proclitics"),
        pytest.param("ja", "ウクライナ当局はイジュームで集団墓地を発見した。", ["イジューム"], id="ja-substring"),
        pytest.param("tr", "İZYUM'da toplu mezar bulundu.", ["İzyum"], id="tr-dotted-capital"),
        pytest.param("tr", "izyum'da", ["İzyum"], id="tr-lower"),
        pytest.param("tr", "IZYUM", [], id="tr-dotless-capital-is-another-letter"),
        pytest.param("tr", "IRAK ve ırak", ["Irak"], id="tr-dotless"),
        pytest.param("tr", "irak", [], id="tr-dotted-lower-is-another-letter"),
        pytest.param("he", "הם נמלטו מקייב ונשארו בקייב.", ["קייב"], id="he-prefixes"),
        pytest.param("he", "קייבסקי", [], id="he-no-suffix-match"),
        pytest.param("ko", "키이우에서 발견되었다.", ["키이우"], id="ko-particle"),
    ],
)
def test_target_matching_in_any_language(glossary: Glossary, lang: str, text: str, terms: list[str]) -> None:
    assert found(glossary, lang, text) == terms


def test_stemmer_table_names_real_babel_languages() -> None:
    for code in STEMMERS:
        Locale.parse(code)  # raises for a code Babel does not know


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        pytest.param("pt-br", "pt_BR", id="lowercase-region"),
        pytest.param("sr-Latn-RS", "sr_Latn_RS", id="script-and-region"),
        pytest.param("zh-hant", "zh_Hant", id="lowercase-script"),
        pytest.param("es-419", "es_419", id="un-m49-region"),
        pytest.param("fil", "fil", id="three-letter"),
    ],
)
def test_any_bcp47_code_babel_knows(code: str, expected: str) -> None:
    assert canonical_lang(code) == expected == str(Locale.parse(code.replace("-", "_")))


@pytest.mark.parametrize("code", ["und", "x-klingon", "zz", ""])
def test_codes_that_name_no_language_are_rejected(code: str) -> None:
    with pytest.raises(ValueError):
        canonical_lang(code)


def test_tsv_and_tbx_accept_script_and_region_codes(tmp_path: Path) -> None:
    from newsl10n.glossary import export_tbx, load_glossary

    rows = "kyiv\ten\tKyiv\tpreferred\nkyiv\tsr-Latn\tKijev\tpreferred\nkyiv\tpt-BR\tKiev\tpreferred\n"
    glossary = parse_tsv(rows, path="g.tsv")
    export_tbx(glossary, tmp_path / "g.tbx")
    again = load_glossary(tmp_path / "g.tbx")
    assert again == glossary
    assert found(again, "sr_Latn", "u Kijevu") == ["Kijev"]
