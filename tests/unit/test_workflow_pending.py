"""The streamed planning pass and its stat cache never hide an edit."""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from newsl10n.cli import main
from newsl10n.config import Config, load_config
from newsl10n.errors import CatalogError
from newsl10n.model import UnitState
from newsl10n.workflow import pending
from newsl10n.workflow.translate import translate
from tests.conftest import REPO, SEED


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


# ------------------------------------------------------------------ forked planning


def _archive(project: Config) -> tuple[Config, list[Path]]:
    """Twelve articles (text, HTML, Markdown) in every state the planning pass meets: drafted,
    half-drafted, a stale template, a translator's edit, a catalog not yet created."""
    from newsl10n.catalog import update_catalog

    pyproject = project.root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace(
        '"articles/*.txt"', '"articles/*.txt", "articles/*.html", "articles/*.md"'), encoding="utf-8")
    project = load_config(start=project.root)
    articles = project.root / "articles"
    for path in (REPO / "articles").iterdir():
        shutil.copy(path, articles / path.name)
    seed = SEED.read_text(encoding="utf-8")
    for n in range(9):
        (articles / f"wire-{n}.txt").write_text(seed.replace("Izium", f"Izium-{n}", n % 3), encoding="utf-8")
    assert main(["extract"]) == 0
    translate(project, "uk", translator=_fake())
    catalogs = sorted((project.root / "locales" / "uk" / "LC_MESSAGES").glob("*.po"))
    _blank_first_draft(catalogs[0])  # an entry pending again
    catalogs[1].unlink()  # a catalog not created yet
    (articles / "wire-4.txt").write_text(seed.replace(" said", " stated"), encoding="utf-8")
    assert main(["extract"]) == 0  # wire-4's template is newer than its catalog

    def edit(catalog: Any) -> tuple[Any, None]:
        catalog.units = [replace(u, translator_comments=("checked by the desk",)) for u in catalog.units]
        return catalog, None

    update_catalog(catalogs[5], edit)  # a translator's comments: still up to date

    def review(catalog: Any) -> tuple[Any, None]:
        catalog.units = [replace(u, state=UnitState.REVIEWED) if u.target else u for u in catalog.units]
        return catalog, None

    for po in catalogs[6:9]:
        update_catalog(po, review)  # reviewed work: the translation memory's
    return project, catalogs


def _summary(plan: pending.PendingPlan) -> tuple[object, ...]:
    return (plan.catalogs, plan.todo, plan.formats, plan.skipped,
            [(c.path, c.template, c.merged) for c in plan.changed])


@pytest.mark.parametrize("jobs", [2, 3])
def test_forked_planning_gives_the_plan_of_one_process(project: Config, jobs: int) -> None:
    project, _ = _archive(project)
    alone = pending.plan_pending(project, "uk", None, redraft=False, jobs=1)
    assert alone.changed and alone.todo and alone.formats  # every kind of result is there to compare
    forked = pending.plan_pending(project, "uk", None, redraft=False, jobs=jobs)
    assert _summary(forked) == _summary(alone)
    redrafts = pending.plan_pending(project, "uk", None, redraft=True, jobs=jobs)
    assert _summary(redrafts) == _summary(pending.plan_pending(project, "uk", None, redraft=True, jobs=1))


def test_forked_translation_memory_is_the_memory_of_one_process(project: Config) -> None:
    from newsl10n.workflow.translate import translation_memory

    project, _ = _archive(project)
    everything = translation_memory(project, "uk", jobs=1)
    assert everything
    only = set(list(everything)[::2])
    assert translation_memory(project, "uk", only=only, jobs=2) == {s: everything[s] for s in only}


def test_a_broken_catalog_in_a_worker_is_reported_with_its_line(project: Config) -> None:
    project, catalogs = _archive(project)
    broken = catalogs[7]
    broken.write_text(broken.read_text(encoding="utf-8") + '\nmsgid "x"\nmsgstr "unterminated\n', encoding="utf-8")
    with pytest.raises(CatalogError) as alone:
        pending.plan_pending(project, "uk", None, redraft=False, jobs=1)
    with pytest.raises(CatalogError) as forked:
        pending.plan_pending(project, "uk", None, redraft=False, jobs=2)
    assert str(forked.value) == str(alone.value) and forked.value.path == str(broken) and forked.value.line


def test_a_threaded_process_plans_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from newsl10n.workflow.forked import worker_count

    assert worker_count(None, 10, per_worker=32) == 1  # too little work to fork for
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    many = worker_count(None, 10_000, per_worker=32)
    monkeypatch.setattr(threading, "active_count", lambda: 3)  # e.g. Ray's driver threads
    assert worker_count(None, 10_000, per_worker=32) == 1
    assert worker_count(4, 10, per_worker=32) == 4  # asked for: given
    import os

    assert many == min(len(os.sched_getaffinity(0)), 10_000 // 32)


def test_planning_reports_its_progress_over_the_catalogs_it_reads(project: Config) -> None:
    project, catalogs = _archive(project)
    calls: list[tuple[int, int]] = []
    translate(project, "uk", translator=_fake(), planning=lambda done, total: calls.append((done, total)))
    read = len(catalogs)  # one per article: the stat cache is cold (files seconds old are never recorded)
    assert calls == [(n, read) for n in range(1, read + 1)]
