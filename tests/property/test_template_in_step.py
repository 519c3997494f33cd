"""``template_in_step``, the planning pass's text comparison, never vouches for a stale catalog.

``translate`` tells an up-to-date catalog from its template without parsing the
template: the catalog's entries must carry the template's source side as text.
Whenever it says so, the parsed template and catalog must agree entry by entry
on everything a merge takes from the template. Inputs: generated catalogs (escapes,
multi-line strings, contexts, comments, obsolete entries) and the templates they
came from, each side edited or rewrapped; real GNU msgmerge output.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsl10n.catalog import Catalog, parse_catalog, render_catalog
from newsl10n.catalog.read import _decode, parse_text
from newsl10n.catalog.scan import template_in_step
from newsl10n.model import Unit, UnitState
from tests.conftest import REPO
from tests.property.test_roundtrip import catalogs
from tests.unit.test_catalog_fastread import rewrapped

TEMPLATE_HEADER = {
    "Project-Id-Version": "t",
    "POT-Creation-Date": "2026-01-01 00:00+0000",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
}


def template_of(catalog: Catalog) -> Catalog:
    """The template ``catalog`` was merged from: its entries' source side, nothing translated."""
    units = [
        Unit(source=u.source, context=u.context, locations=u.locations, flags=u.flags - {"fuzzy"},
             extracted_comments=u.extracted_comments, source_plural=u.source_plural)
        for u in catalog.units
    ]
    return Catalog(header=dict(TEMPLATE_HEADER), units=units, header_comment="Template.")


def side(unit: Unit) -> tuple[object, ...]:
    """What a merge takes from the template entry (and the key it matches by)."""
    return (unit.source, unit.context, unit.source_plural, unit.locations, unit.extracted_comments,
            unit.flags - {"fuzzy"})


EDITS = ("none", "location", "comment", "flag", "msgid", "drop", "add", "reorder", "template-msgstr",
         "translator-comment-in-template")


def edited(template: Catalog, edit: str, k: int) -> Catalog:
    units = list(template.units)
    if not units and edit not in ("add", "none"):
        return template
    k %= max(1, len(units))
    if edit == "location":
        units[k] = replace(units[k], locations=(*units[k].locations, ("moved.txt", 7)))
    elif edit == "comment":
        units[k] = replace(units[k], extracted_comments=("TRANSLATORS: new",))
    elif edit == "flag":
        units[k] = replace(units[k], flags=units[k].flags ^ {"no-python-format"})
    elif edit == "msgid":
        units[k] = replace(units[k], source=units[k].source + " (updated)")
    elif edit == "drop":
        del units[k]
    elif edit == "add":
        units.insert(k, Unit(source="A sentence added to the article.", locations=(("a.txt", 99),)))
    elif edit == "reorder":
        units.reverse()
    elif edit == "template-msgstr":
        units[k] = replace(units[k], target="not a template", state=UnitState.REVIEWED)
    elif edit == "translator-comment-in-template":
        units[k] = replace(units[k], translator_comments=("stray",))
    return replace(template, units=units)


@settings(max_examples=200)
@given(catalogs(), st.sampled_from(EDITS), st.integers(0, 20), st.sampled_from((None, 1, 9, 40)))
def test_in_step_means_the_same_source_side_entry_by_entry(
    catalog: Catalog, edit: str, k: int, width: int | None
) -> None:
    template = edited(template_of(catalog), edit, k)
    t_text = _decode(render_catalog(template), path="t.pot")
    c_text = _decode(render_catalog(catalog), path="c.po")
    if width is not None:
        c_text = rewrapped(c_text, width)
    old, simple = parse_text(c_text, path="c.po")
    head = template_in_step(t_text, c_text) if simple else None
    if head is not None:
        parsed = parse_catalog(t_text.encode("utf-8"), path="t.pot")
        assert [side(u) for u in parsed.units] == [side(u) for u in old.units]
        assert head.header == parsed.header
    elif edit == "none" and width is None and simple and not any(u.flags or u.extracted_comments for u in catalog.obsolete):
        # (an obsolete entry's "#, " and "#." lines stand apart from its "#~" lines: left to the parser)
        pytest.fail("a catalog written from its own template must be found in step")


def test_msgmerge_output_is_in_step_with_its_template(tmp_path: Path) -> None:
    if not (shutil.which("msgmerge") and shutil.which("msgcat")):
        pytest.skip("GNU gettext not installed")
    pot = (REPO / "locales" / "izium-2022-09-16.pot").read_text(encoding="utf-8")
    (tmp_path / "edited.pot").write_text(pot.replace(" said", " stated"), encoding="utf-8")
    shutil.copy(REPO / "locales" / "uk" / "LC_MESSAGES" / "izium-2022-09-16.po", tmp_path / "uk.po")
    for argv in (["msgcat", "edited.pot", "-o", "t.pot"], ["msgmerge", "--previous", "-q", "uk.po", "t.pot", "-o", "m.po"]):
        subprocess.run(argv, cwd=tmp_path, check=True)  # msgcat: the edited template, wrapped as GNU wraps
    merged = (tmp_path / "m.po").read_text(encoding="utf-8")
    template = (tmp_path / "t.pot").read_text(encoding="utf-8")
    assert "#| msgid" in merged  # fuzzy matches with previous msgids, in step all the same
    head = template_in_step(template, merged)
    assert head is not None and head.header["POT-Creation-Date"]
    old = parse_catalog(merged.encode("utf-8"), path="m.po")
    parsed = parse_catalog(template.encode("utf-8"), path="t.pot")
    assert [side(u) for u in parsed.units] == [side(u) for u in old.units]
    assert template_in_step(pot, merged) is None  # the template before the edit is not
