"""The streamed planning pass and its stat cache never hide an edit."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from newsl10n.cli import main
from newsl10n.config import Config
from newsl10n.workflow import pending
from newsl10n.workflow.translate import translate


def _age(root: Path) -> None:
    old = time.time() - 3600
    for path in (root / "locales").rglob("*.po*"):
        os.utime(path, (old, old))


def _blank_first_draft(path: Path) -> str:
    from dataclasses import replace

    from newsl10n.catalog import update_catalog
    from newsl10n.model import UnitState

    found: list[str] = []

    def blank(catalog: Any) -> tuple[Any, None]:
        units = list(catalog.units)
        k = next(i for i, u in enumerate(units) if u.state is UnitState.MT_DRAFT)
        units[k] = replace(units[k], target="", state=UnitState.UNTRANSLATED, origin=None, translator_comments=())
        found.append(units[k].source)
        catalog.units = units
        return catalog, None

    update_catalog(path, blank)
    return found[0]


def test_a_recorded_catalog_edited_later_is_planned_again(project: Config) -> None:
    assert main(["extract"]) == 0
    assert translate(project, "uk", translator=_fake()).drafted > 0
    _age(project.root)
    first = pending.plan_pending(project, "uk", None, redraft=False)  # records the pair
    assert first.todo == {} and first.skipped == 0
    again = pending.plan_pending(project, "uk", None, redraft=False)
    assert again.skipped == len(again.catalogs) == 1 and again.todo == {}
    po = again.catalogs[0]
    source = _blank_first_draft(po)  # a translator un-drafts an entry: size and mtime change
    planned = pending.plan_pending(project, "uk", None, redraft=False)
    assert planned.skipped == 0 and list(planned.todo) == [source]
    assert translate(project, "uk", translator=_fake()).drafted == 1


def test_a_file_touched_within_the_racy_window_is_not_recorded(project: Config) -> None:
    assert main(["extract"]) == 0
    translate(project, "uk", translator=_fake())
    pending.plan_pending(project, "uk", None, redraft=False)
    assert pending.plan_pending(project, "uk", None, redraft=False).skipped == 0  # files are seconds old


def test_nothing_to_do_writes_nothing(project: Config) -> None:
    assert main(["extract"]) == 0
    translate(project, "uk", translator=_fake())
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (project.root / "locales").rglob("*.po")}
    result = translate(project, "uk", translator=_fake())
    assert result.pending == 0
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in before} == before


def _fake() -> object:
    from newsl10n.mt.fake import FakeTranslator

    return FakeTranslator()
