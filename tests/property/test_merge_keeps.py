"""``merge_keeps``, the planning pass's shortcut, answers exactly what merging would.

``translate`` plans thousands of catalogs; an up-to-date one is recognised by
:func:`newsl10n.catalog.merge_keeps` (a few fields per entry) instead of being
merged and compared. Here both run on generated template/catalog pairs, most
of them up to date or one small edit away, and must agree.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from newsl10n.catalog import Catalog, merge, merge_keeps
from newsl10n.model import Unit, UnitState

SOURCES = ("One file", "Izium was liberated.", "The bridge reopened.", "%(n)d files")
FLAGS = ("python-format", "no-python-format", "range: 1..5", "range: 1..3", "no-wrap", "fuzzy")
PLURAL_FORMS = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"


@st.composite
def template_units(draw: st.DrawFn) -> list[Unit]:
    keys = draw(st.lists(st.tuples(st.sampled_from(SOURCES), st.sampled_from((None, "menu"))), unique=True, max_size=4))
    units = []
    for n, (source, context) in enumerate(keys):
        plural = draw(st.sampled_from((None, None, "%(n)d files", "%(n)d items")))
        units.append(
            Unit(
                source=source,
                context=context,
                locations=(("a.txt", n + 1),) if draw(st.booleans()) else (("a.txt", n + 1), ("b.txt", 2)),
                extracted_comments=draw(st.sampled_from(((), ("TRANSLATORS: short",)))),
                flags=frozenset(draw(st.lists(st.sampled_from(FLAGS[:5]), max_size=2))),
                source_plural=plural,
            )
        )
    return units


@st.composite
def translated(draw: st.DrawFn, t: Unit) -> Unit:
    """``t`` as a catalog holds it: untranslated, drafted or reviewed, perhaps with a previous msgid."""
    state = draw(st.sampled_from(UnitState))
    target = "" if state is UnitState.UNTRANSLATED else "Переклад"
    unit = replace(t, state=state, target=target, targets=(target,) * 3 if t.is_plural else ())
    if draw(st.booleans()):
        unit = replace(unit, previous_source=draw(st.sampled_from(("Old text", None))))
    if draw(st.booleans()):
        unit = replace(unit, flags=unit.flags | {draw(st.sampled_from(FLAGS))})
    return unit


EDITS = ("none", "locations", "comments", "flags", "plural", "reorder", "drop", "obsolete", "obsolete-bare")


@st.composite
def pairs(draw: st.DrawFn) -> tuple[list[Unit], Catalog]:
    template = draw(template_units())
    units = [draw(translated(t)) for t in template]
    obsolete = [Unit(source="Gone.", target="Зникло.", state=UnitState.REVIEWED)] if draw(st.booleans()) else []
    edit = draw(st.sampled_from(EDITS))
    k = draw(st.integers(0, max(0, len(units) - 1)))
    if units and edit == "locations":
        units[k] = replace(units[k], locations=(("c.txt", 9),))
    elif units and edit == "comments":
        units[k] = replace(units[k], extracted_comments=("old note",))
    elif units and edit == "flags":
        units[k] = replace(units[k], flags=units[k].flags ^ {"python-format"})
    elif units and edit == "plural":
        units[k] = replace(units[k], source_plural=None if units[k].is_plural else "%(n)d things")
    elif edit == "reorder":
        units.reverse()
    elif units and edit == "drop":
        del units[k]
    elif units and edit == "obsolete":  # the same message live and obsolete: merge drops the obsolete one
        obsolete.append(replace(units[k], locations=(), extracted_comments=()))
    elif edit == "obsolete-bare":
        obsolete.append(Unit(source="Gone too.", locations=(("a.txt", 3),)))
    return template, Catalog(header={"Plural-Forms": PLURAL_FORMS}, units=units, obsolete=obsolete)


def _unchanged(got: list[Unit], want: list[Unit]) -> bool:
    return len(got) == len(want) and all(replace(a, line=b.line) == b for a, b in zip(got, want))


@settings(max_examples=400)  # cheap examples; the edits are many
@given(pairs())
def test_merge_keeps_says_exactly_when_merging_changes_nothing(pair: tuple[list[Unit], Catalog]) -> None:
    template, old = pair
    units, obsolete = merge(template, old)
    assert merge_keeps(template, old) == (_unchanged(units, old.units) and _unchanged(obsolete, old.obsolete))


def test_an_up_to_date_catalog_is_kept_and_an_edited_template_is_not() -> None:
    template = [Unit(source="Izium was liberated.", locations=(("a.txt", 1),), flags=frozenset({"no-wrap"}))]
    old = Catalog(units=[replace(template[0], target="Ізюм звільнено.", state=UnitState.REVIEWED, line=7)])
    assert merge_keeps(template, old)
    assert not merge_keeps([replace(template[0], locations=(("a.txt", 2),))], old)
    assert not merge_keeps([*template, Unit(source="New sentence.")], old)
