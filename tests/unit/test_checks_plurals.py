"""Plural entries: the Plural-Forms rule, which source form each msgstr[N] translates, plural-forms."""

from __future__ import annotations

import pytest

from newsl10n.checks import CheckContext, run_checks
from newsl10n.checks.plurals import form_views, parse_plural_forms
from newsl10n.model import Unit, UnitState

UK = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
EN = "nplurals=2; plural=(n != 1);"
FR = "nplurals=2; plural=(n > 1);"
JA = "nplurals=1; plural=0;"


@pytest.mark.parametrize(
    ("header", "nplurals", "singular", "often"),
    [
        pytest.param(UK, 3, 0, (True, True, True), id="uk-form-0-is-1-21-31"),
        pytest.param(EN, 2, 0, (False, True), id="en"),
        pytest.param(FR, 2, 0, (False, True), id="fr-0-and-1"),
        pytest.param(JA, 1, None, (True,), id="ja-one-form-for-every-n"),
        pytest.param("nplurals=2; plural=n%10==1 ? 0 : 1;", 2, 0, (True, True), id="ends-in-1"),
    ],
)
def test_rule(header: str, nplurals: int, singular: int | None, often: tuple[bool, ...]) -> None:
    rule = parse_plural_forms(header)
    assert rule is not None
    assert (rule.nplurals, rule.singular, rule.often) == (nplurals, singular, often)


@pytest.mark.parametrize(
    "header",
    [None, "", "nplurals=2;", "plural=n!=1;", "nplurals=2; plural=(n > 1 ? 2 : 0);", "nplurals=2; plural=n +;",
     "nplurals=2; plural=__import__('os');"],
)  # fmt: skip
def test_bad_headers_give_no_rule(header: str | None) -> None:
    assert parse_plural_forms(header) is None


def _plural(
    *targets: str, source: str = "one shell hit the school", plural: str = "%(n)d shells hit the school"
) -> Unit:
    return Unit(source, targets[0], UnitState.REVIEWED, flags=frozenset({"python-format"}), line=12,
                source_plural=plural, targets=targets)  # fmt: skip


def test_each_form_is_paired_with_its_source_form() -> None:
    unit = _plural("один снаряд", "%(n)d снаряди", "%(n)d снарядів")
    views = form_views(unit, CheckContext(lang="uk", plural_forms=UK))
    assert [(forms, v.source, v.target) for forms, v in views] == [
        ((0,), "one shell hit the school", "один снаряд"),
        ((1,), "%(n)d shells hit the school", "%(n)d снаряди"),
        ((2,), "%(n)d shells hit the school", "%(n)d снарядів"),
    ]
    [(forms, view)] = form_views(_plural("%(n)d 発"), CheckContext(lang="ja", plural_forms=JA))
    assert forms == (0,) and view.source == "%(n)d shells hit the school"  # ja: msgstr[0] ↔ msgid_plural


def test_without_a_header_the_languages_own_rule_is_used() -> None:
    views = form_views(_plural("%(n)d 発"), CheckContext(lang="ja"))
    assert views[0][1].source == "%(n)d shells hit the school"


def test_the_same_issue_on_several_forms_is_one_finding_at_the_msgid_line() -> None:
    unit = _plural("Один снаряд влучив у школу", "%(n)d shells влучили у школу", "%(n)d shells влучили у школу")
    [finding] = run_checks([unit], CheckContext(lang="uk", plural_forms=UK), select=["latin-leftover"])
    assert finding.message == "msgstr[1], msgstr[2]: Latin-script word left untranslated: shells"
    assert (finding.line, finding.msgid) == (12, "one shell hit the school")


def test_numbers_compare_the_singular_form_with_msgid() -> None:
    unit = _plural("3 обстріли", "%(n)d обстріли", "%(n)d обстрілів", source="3 attacks", plural="%(n)d attacks")
    # uk form 0 is the one-like form, paired with msgid ("3 attacks"): its 3 must
    # match; forms 1 and 2 are paired with msgid_plural, which has no literal number.
    assert run_checks([unit], CheckContext(lang="uk", plural_forms=UK), select=["numbers"]) == []
    changed = _plural("4 обстріли", "%(n)d обстріли", "%(n)d обстрілів", source="3 attacks", plural="%(n)d attacks")
    [finding] = run_checks([changed], CheckContext(lang="uk", plural_forms=UK), select=["numbers"])
    assert finding.message.startswith("msgstr[0]: number 3 is missing")


@pytest.mark.parametrize(
    ("targets", "header", "messages"),
    [
        pytest.param(("a", "b", "c"), UK, [], id="three-of-three"),
        pytest.param(("a", "b"), UK, ["2 plural forms (msgstr[N]) but the catalog's Plural-Forms says nplurals=3"], id="too-few"),
        pytest.param(("a", "b", "c", "d"), UK, ["4 plural forms (msgstr[N]) but the catalog's Plural-Forms says nplurals=3"], id="too-many"),
        pytest.param(("a", "b", ""), UK, ["plural form left empty: msgstr[2]"], id="empty-form"),
        pytest.param(("", "", ""), UK, [], id="untranslated"),
        pytest.param(("a", "b"), None, ["plural entry, but the catalog has no valid Plural-Forms header (nplurals=N; plural=EXPR;)"], id="no-header"),
    ],
)  # fmt: skip
def test_plural_forms_check(targets: tuple[str, ...], header: str | None, messages: list[str]) -> None:
    unit = Unit("one", targets[0], UnitState.REVIEWED, source_plural="many", targets=targets, line=4)
    found = run_checks([unit], CheckContext(lang="uk", plural_forms=header), select=["plural-forms"])
    assert [f.message for f in found] == messages
    assert all(f.line == 4 for f in found)


def test_singular_entries_are_not_plural_findings() -> None:
    unit = Unit("one", "один", UnitState.REVIEWED)
    assert run_checks([unit], CheckContext(lang="uk", plural_forms=UK), select=["plural-forms"]) == []
