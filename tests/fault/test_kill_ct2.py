"""Fault injection on the CTranslate2 path: drafts reach disk while the model works, and survive kills.

A random-weight Marian model of the ``small`` size (never ends a sentence by
itself, so every draft runs to its length limit) translates a project of a few
hundred sentences with the real CLI (``--backend ct2``, beam 4) in a subprocess,
for several seconds. The test polls the catalogs, and once drafts are on disk
while the process still runs, kills it (SIGKILL or SIGINT). After every kill:
the catalogs pass ``msgfmt -c``, no draft seen before is lost, and the next run
continues. A translator's save made mid-run is kept.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from newsl10n.catalog import is_machine_draft, parse_catalog, read_catalog, render_catalog
from newsl10n.config import Config, load_config
from newsl10n.fsio import FileChanged, atomic_write
from newsl10n.model import UnitState
from newsl10n.workflow import extract, update
from tests.conftest import PYPROJECT, REPO, SEED, msgfmt_check

pytest.importorskip("ctranslate2")

CLI = "import sys; from newsl10n.cli import main; sys.exit(main(sys.argv[1:]))"
ARTICLES = 8  # ~190 entries: about 4 s of model work on 2 cores


@pytest.fixture(scope="module")
def small_model(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The model and a cache directory holding its CTranslate2 conversion (made once here)."""
    from newsl10n.mt.ct2 import CTranslate2Translator
    from newsl10n.mt.randmodel import build_random_marian

    root = tmp_path_factory.mktemp("small-marian")
    model = build_random_marian(root / "model", texts=SEED.read_text(encoding="utf-8").splitlines(), size="small",
                                vocab_size=300)
    CTranslate2Translator(model=str(model), cache_dir=root / "cache" / "ct2")
    return model, root / "cache"


def _project(root: Path) -> Config:
    (root / "articles").mkdir(parents=True)
    text = SEED.read_text(encoding="utf-8")
    for i, town in enumerate(["Izium", "Kupiansk", "Balakliia", "Lyman", "Kherson", "Bakhmut", "Sumy", "Irpin"][:ARTICLES]):
        # Distinct sentences in every article: the model is called once per distinct source.
        (root / "articles" / f"a{i}.txt").write_text(text.replace("Izium", town).replace(" the ", f" the {town} "),
                                                     "utf-8")
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    config = load_config(start=root)
    extract(config)
    update(config, "uk")
    return config


def _start(config: Config, model: Path, cache: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO), os.environ.get("PYTHONPATH", "")]),
        "NEWSL10N_CACHE_DIR": str(cache),  # the conversion is there already
    }
    argv = ["translate", "--lang", "uk", "--backend", "ct2", "--model", str(model), "--no-cache"]
    return subprocess.Popen([sys.executable, "-c", CLI, *argv], cwd=config.root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _catalogs(config: Config) -> list[Path]:
    return sorted((config.locales_dir / "uk" / "LC_MESSAGES").glob("*.po"))


def _drafts(config: Config, *, check: bool = True) -> dict[tuple[str, str], str]:
    out = {}
    for path in _catalogs(config):
        if check:
            msgfmt_check(path)
        for unit in read_catalog(path).units:
            if unit.target:
                out[(path.name, unit.source)] = unit.target
    return out


def _wait_for_drafts_mid_run(config: Config, proc: subprocess.Popen[str], at_least: int) -> dict[tuple[str, str], str]:
    """Poll until more than ``at_least`` drafts are on disk while ``proc`` still runs."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the run ended before more drafts reached disk: {proc.communicate()[1]}"
        now = _drafts(config, check=False)
        if len(now) > at_least:
            return now
        time.sleep(0.02)
    raise AssertionError("no draft reached disk in 120 s")


def _kill_series(tmp_path: Path, small_model: tuple[Path, Path], kills: int, seed: int) -> None:
    model, cache = small_model
    rng = random.Random(seed)
    config = _project(tmp_path)
    total = sum(len(read_catalog(p).units) for p in _catalogs(config))
    seen: dict[tuple[str, str], str] = {}
    for _ in range(kills):
        if len(seen) > total // 3:  # too little left for a run to be killed mid-way: start over
            for path in _catalogs(config):
                path.unlink()
            update(config, "uk")
            seen = {}
        proc = _start(config, model, cache)
        before = _wait_for_drafts_mid_run(config, proc, len(seen))  # drafts on disk while the model works
        assert len(before) < total
        time.sleep(rng.uniform(0.0, 0.3))
        sig = rng.choice([signal.SIGKILL, signal.SIGINT])
        proc.send_signal(sig)
        _out, err = proc.communicate(timeout=60)
        if sig is signal.SIGINT and " drafted, " not in err:
            assert proc.returncode == 130 and "Traceback" not in err, err
        now = _drafts(config)
        lost = {k: v for k, v in {**seen, **before}.items() if now.get(k) != v}
        assert not lost, f"drafts lost or changed after {sig.name}: {len(lost)}"
        seen = now
    leftovers = [p.name for p in (config.locales_dir / "uk" / "LC_MESSAGES").iterdir() if p.suffix not in (".po", ".lock")]
    assert all(name.startswith(".") and name.endswith(".tmp") for name in leftovers), leftovers
    proc = _start(config, model, cache)
    _out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    if len(seen) < total:
        assert f"uk: {total - len(seen)} drafted" in err  # exactly what was still missing
    else:  # the last kill landed after every draft was saved
        assert "uk: nothing to translate" in err
    final = _drafts(config)
    assert len(final) == total and seen.items() <= final.items()


def test_kill_mid_run_keeps_the_drafts_already_on_disk(tmp_path: Path, small_model: tuple[Path, Path]) -> None:
    _kill_series(tmp_path, small_model, kills=1, seed=int(time.time()))


@pytest.mark.slow
def test_many_kills_mid_run(tmp_path: Path, small_model: tuple[Path, Path]) -> None:
    _kill_series(tmp_path, small_model, kills=int(os.environ.get("NEWSL10N_KILLS_CT2", "6")), seed=int(time.time()) + 1)


@pytest.mark.slow
def test_a_translators_save_mid_run_wins(tmp_path: Path, small_model: tuple[Path, Path]) -> None:
    model, cache = small_model
    config = _project(tmp_path)
    first = _catalogs(config)[0]
    proc = _start(config, model, cache)
    _wait_for_drafts_mid_run(config, proc, 0)
    human: dict[str, str] = {}
    while len(human) < 2 and proc.poll() is None:
        data = first.read_bytes()
        catalog = parse_catalog(data, path=str(first))
        units = list(catalog.units)
        pending: dict[str, tuple[str, str]] = {}
        for i, unit in enumerate(units):
            kind = "empty" if unit.state is UnitState.UNTRANSLATED else "draft" if is_machine_draft(unit) else None
            if kind is not None and kind not in human and kind not in pending:
                text = "Переклад людини." if kind == "empty" else "Виправлена чернетка."
                pending[kind] = (unit.source, text)
                units[i] = replace(unit, target=text, state=UnitState.REVIEWED)
        if not pending:
            time.sleep(0.05)
            continue
        catalog.units = units
        try:
            atomic_write(first, render_catalog(catalog), expect=data)
            human.update({k: v[0] for k, v in pending.items()})
        except FileChanged:
            pass
        time.sleep(0.05)
    _out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert human, "the run finished before the translator could save"
    by_source = {u.source: u for u in read_catalog(first).units}
    for kind, source in human.items():
        expected = "Переклад людини." if kind == "empty" else "Виправлена чернетка."
        assert (by_source[source].target, by_source[source].state) == (expected, UnitState.REVIEWED)
    msgfmt_check(first)
