"""Tests for the check runner: selection, suppression flags, drafts, findings."""

from __future__ import annotations

import pytest

from newsl10n.checks import list_checks, run_checks, suppressed_checks
from newsl10n.checks.base import REGISTRY, CheckContext
from newsl10n.errors import UsageError
from newsl10n.model import Finding, Severity, Unit, UnitState

CTX = CheckContext(lang="uk", path="po/uk/izium.po")
BROKEN = Unit(
    source="More than 440 bodies, pic.twitter.com/IipipvFJpb",
    target="Понад 404 тіла, pic.twitter.com/IipipvFJp",
    state=UnitState.REVIEWED,
    line=12,
)


def ids(findings: list[Finding]) -> list[str]:
    return sorted(f.check for f in findings)


def test_list_checks_sorted_with_titles() -> None:
    checks = list_checks()
    assert [c.id for c in checks] == sorted(REGISTRY)
    for c in checks:
        assert c.title and "\n" not in c.title
        assert c.id == c.id.lower() and " " not in c.id
    assert {"numbers", "placeables-url", "untranslated", "latin-leftover", "quotes-balanced",
            "end-punctuation", "length-ratio", "repeated-word", "whitespace-edges",
            "double-space", "placeables-handle", "placeables-hashtag", "placeables-email"} <= set(REGISTRY)


def test_findings_carry_file_line_msgid() -> None:
    findings = run_checks([BROKEN], CTX)
    assert ids(findings) == ["numbers", "placeables-url"]
    for f in findings:
        assert (f.file, f.line, f.msgid) == ("po/uk/izium.po", 12, BROKEN.source)
        assert f.severity is Severity.ERROR


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        pytest.param(None, (), ["numbers", "placeables-url"], id="all"),
        pytest.param(["numbers"], (), ["numbers"], id="select"),
        pytest.param(None, ["numbers"], ["placeables-url"], id="ignore"),
        pytest.param(["placeables"], (), ["placeables-url"], id="select-theme"),
        pytest.param(None, ["placeables", "numbers"], [], id="ignore-theme"),
    ],
)
def test_select_and_ignore(select: list[str] | None, ignore: list[str], expected: list[str]) -> None:
    assert ids(run_checks([BROKEN], CTX, select=select, ignore=ignore)) == expected


@pytest.mark.parametrize(
    ("select", "ignore"),
    [pytest.param(["nubmers"], (), id="select"), pytest.param(None, ["bogus"], id="ignore")],
)
def test_unknown_ids_are_usage_errors(select: list[str] | None, ignore: list[str]) -> None:
    with pytest.raises(UsageError) as err:
        run_checks([BROKEN], CTX, select=select, ignore=ignore)
    assert "numbers" in (err.value.hint or "")


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        pytest.param(frozenset(), ["numbers", "placeables-url"], id="none"),
        pytest.param(frozenset({"newsl10n-ignore"}), [], id="bare"),
        pytest.param(frozenset({"newsl10n-ignore:numbers"}), ["placeables-url"], id="one"),
        pytest.param(frozenset({"newsl10n-ignore:numbers,placeables-url"}), [], id="unsplit-list"),
        pytest.param(frozenset({"newsl10n-ignore:numbers", "placeables"}), [], id="polib-split-list"),
        pytest.param(frozenset({"numbers"}), ["numbers", "placeables-url"], id="id-without-ignore-flag"),
        pytest.param(frozenset({"newsl10n-ignore:nosuch"}), ["numbers", "placeables-url"], id="unknown-id"),
    ],
)
def test_suppression_flags(flags: frozenset[str], expected: list[str]) -> None:
    unit = Unit(BROKEN.source, BROKEN.target, BROKEN.state, flags=flags, line=12)
    assert ids(run_checks([unit], CTX)) == expected


def test_suppressed_checks_bare_means_all() -> None:
    assert suppressed_checks({"python-format", "newsl10n-ignore"}) is None
    assert suppressed_checks({"python-format"}) == set()


def test_drafts_are_downgraded_unless_strict() -> None:
    draft = Unit(BROKEN.source, BROKEN.target, UnitState.MT_DRAFT, line=12)
    assert {f.severity for f in run_checks([draft], CTX)} == {Severity.WARNING}
    assert {f.severity for f in run_checks([draft], CTX, strict=True)} == {Severity.ERROR}


def test_untranslated_units_have_no_translation_findings() -> None:
    assert run_checks([Unit(source=BROKEN.source, line=3)], CTX) == []


def test_seed_like_translation_is_clean() -> None:
    unit = Unit(
        source='"I can say it is one of the largest burial sites in a big town in liberated '
        '(areas)...440 bodies were buried in one place," Mr Bolvinov said.',
        target="«Можу сказати, що це одне з найбільших місць поховання у великому місті на "
        "звільнених (територіях)... 440 тіл поховали в одному місці», — сказав Болвінов.",
        state=UnitState.REVIEWED,
        line=20,
    )
    assert run_checks([unit], CTX) == []
