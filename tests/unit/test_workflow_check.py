"""check over a project: parallel and serial agree; bad inputs are errors on their own."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from newsl10n.catalog import read_catalog, write_catalog
from newsl10n.config import Config
from newsl10n.errors import CatalogError, UsageError
from newsl10n.model import UnitState
from newsl10n.workflow import check, extract, update
from newsl10n.workflow.project import po_path


def _many(project: Config, n: int) -> None:
    extract(project)
    [res] = update(project, "uk")
    po = read_catalog(res.path)
    po.units = [replace(u, target=u.source.replace("440", "404"), state=UnitState.REVIEWED) for u in po.units]
    for i in range(n):
        write_catalog(po, po_path(project, "uk", f"copy-{i:02d}"))


def test_parallel_and_serial_give_the_same_findings(project: Config) -> None:
    _many(project, 20)
    serial = check(project, jobs=1)
    parallel = check(project, jobs=2)
    assert serial.findings == parallel.findings
    assert len(serial.files) == 21
    assert any(f.check == "numbers" and f.file.endswith("copy-07.po") for f in parallel.findings)


def test_findings_come_in_file_order_whatever_the_checking_order(project: Config) -> None:
    # Catalogs are checked article by article across languages (they share
    # sources, so cached source analysis is reused); reports stay by language.
    _many(project, 3)
    [ru] = update(project, "ru")
    po = read_catalog(ru.path)
    po.units = [replace(u, target=u.source.replace("440", "404"), state=UnitState.REVIEWED) for u in po.units]
    for i in range(3):
        write_catalog(po, po_path(project, "ru", f"copy-{i:02d}"))
    result = check(project, jobs=1)
    assert [p.parent.parent.name for p in result.files] == ["uk"] * 4 + ["ru"] * 4  # project languages: uk, ru
    one_by_one = [f for path in result.files for f in check(project, [path]).findings]
    assert result.findings == one_by_one
    assert {f.file.split("/")[-3] for f in result.findings} == {"uk", "ru"}


def test_a_bad_catalog_in_a_worker_is_an_input_error(project: Config) -> None:
    _many(project, 20)
    po_path(project, "uk", "copy-13").write_text('msgid "x"\nmsgstr "unterminated\n', encoding="utf-8")
    with pytest.raises(CatalogError, match="unterminated string") as info:
        check(project, jobs=2)
    assert info.value.path is not None and info.value.path.endswith("copy-13.po") and info.value.line == 2


def test_unknown_check_id_is_a_usage_error(project: Config) -> None:
    _many(project, 1)
    with pytest.raises(UsageError, match="unknown check id for --select: nope"):
        check(project, select=["nope"])


def _catalog_in(project: Config, lang: str, header: dict[str, str], target: str) -> Path:
    from newsl10n.catalog import Catalog
    from newsl10n.model import Unit

    path = po_path(project, lang, "a")
    unit = Unit("1,200 people were evacuated.", target, UnitState.REVIEWED)
    fields = {"Content-Type": "text/plain; charset=UTF-8", "Language": lang, **header}
    write_catalog(Catalog(header=fields, units=[unit]), path)
    return path


def test_a_language_babel_does_not_know_is_a_warning(project: Config, caplog: pytest.LogCaptureFixture) -> None:
    # Django ships a udm (Udmurt) catalog; Babel has no locale data for it.
    path = _catalog_in(project, "udm", {}, "1 200 адямиос эвакуировазы.")
    with caplog.at_level(logging.WARNING):
        result = check(project, [path])
    assert result.findings == []  # numbers read without locale data: 1 200 is 1200
    assert "language 'udm' is unknown to Babel" in caplog.text
    wrong = _catalog_in(project, "udm", {}, "1 300 адямиос эвакуировазы.")
    assert [f.check for f in check(project, [wrong]).findings] == ["numbers"]


def test_the_catalogs_plural_forms_reach_the_checks(project: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsl10n.checks

    seen: list[str | None] = []
    real = newsl10n.checks.run_checks

    def spy(units: Any, ctx: Any, **kwargs: Any) -> Any:
        seen.append(ctx.plural_forms)
        return real(units, ctx, **kwargs)

    monkeypatch.setattr(newsl10n.checks, "run_checks", spy)
    rule = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
    path = _catalog_in(project, "uk", {"Plural-Forms": rule}, "Евакуювали 1 200 людей.")
    assert check(project, [path]).findings == []
    assert seen == [rule]
