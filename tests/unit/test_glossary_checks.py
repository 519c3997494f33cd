"""The glossary QA checks: ids, severities, messages, and when they stay silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsl10n.checks.base import REGISTRY, CheckContext
from newsl10n.checks.glossary import (
    glossary_deprecated_source,
    glossary_deprecated_target,
    glossary_term_missing,
)
from newsl10n.glossary import Glossary, load_glossary
from newsl10n.model import Severity, Unit, UnitState

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ctx() -> CheckContext:
    return CheckContext(lang="uk", glossary=load_glossary(ROOT / "glossary"))


def _messages(func, unit: Unit, ctx: CheckContext) -> list[str]:  # type: ignore[no-untyped-def]
    return [issue.message for issue in func(unit, ctx)]


def test_registered_with_stable_ids_and_severities() -> None:
    assert REGISTRY["glossary-term-missing"].severity is Severity.ERROR
    assert REGISTRY["glossary-deprecated-target"].severity is Severity.ERROR
    assert REGISTRY["glossary-deprecated-source"].severity is Severity.WARNING


def test_term_missing_message_names_source_and_required_term(ctx: CheckContext) -> None:
    unit = Unit("Thousands fled Izium.", "Тисячі втекли з Izium.", UnitState.REVIEWED)
    assert _messages(glossary_term_missing, unit, ctx) == [
        'source has "Izium" but translation lacks "Ізюм" (any form)'
    ]


def test_term_missing_lists_admitted_alternatives(ctx: CheckContext) -> None:
    unit = Unit("Mr Zelensky spoke.", "Пан президент виступив.", UnitState.MT_DRAFT)
    (message,) = _messages(glossary_term_missing, unit, ctx)
    assert message == (
        'source has "Zelensky" but translation lacks "Володимир Зеленський" (any form); admitted: "Зеленський"'
    )


def test_do_not_translate_message(ctx: CheckContext) -> None:
    unit = Unit("He told Sky News.", "Він сказав Скай Ньюз.", UnitState.REVIEWED)
    (message,) = _messages(glossary_term_missing, unit, ctx)
    assert 'lacks "Sky News"' in message and "verbatim" in message


def test_deprecated_target_message_suggests_preferred(ctx: CheckContext) -> None:
    unit = Unit("Shelling in Kharkiv.", "Обстріли в Харькові.", UnitState.REVIEWED)
    assert _messages(glossary_deprecated_target, unit, ctx) == [
        'translation uses deprecated "Харькові" (Russian spelling); use "Харків"'
    ]
    assert _messages(glossary_term_missing, unit, ctx) == []  # one finding per mistake


def test_deprecated_source_is_reported_once_per_spelling(ctx: CheckContext) -> None:
    unit = Unit("Izyum, Izyum and Kharkov.")
    assert _messages(glossary_deprecated_source, unit, ctx) == [
        'source uses deprecated "Izyum"; the desk spells it "Izium" (fine inside a verbatim quote)',
        'source uses deprecated "Kharkov"; the desk spells it "Kharkiv" (fine inside a verbatim quote)',
    ]


def test_untranslated_units_get_only_the_source_check(ctx: CheckContext) -> None:
    unit = Unit("Graves in Izyum.")
    assert _messages(glossary_term_missing, unit, ctx) == []
    assert _messages(glossary_deprecated_target, unit, ctx) == []
    assert len(_messages(glossary_deprecated_source, unit, ctx)) == 1


def test_silent_without_glossary() -> None:
    ctx = CheckContext(lang="uk", glossary=None)
    unit = Unit("Graves in Izyum.", "Поховання в Изюме.", UnitState.REVIEWED)
    for func in (glossary_term_missing, glossary_deprecated_target, glossary_deprecated_source):
        assert _messages(func, unit, ctx) == []


def test_region_code_uses_language_terms(ctx: CheckContext) -> None:
    regional = CheckContext(lang="uk_UA", glossary=ctx.glossary)
    unit = Unit("Graves in Izium.", "Поховання в Ізюмі.", UnitState.REVIEWED)
    assert _messages(glossary_term_missing, unit, regional) == []


def test_glossary_type_is_checked(ctx: CheckContext) -> None:
    assert isinstance(ctx.glossary, Glossary)
