"""Fault injection: kill ``translate`` at random points, run two at once, save in "Poedit" mid-run.

Each run is a real subprocess on a temp project with a slow fake backend. After
every kill: every catalog passes ``msgfmt -c``, every draft seen on disk before is
still there, and the final run translates exactly what is still missing. SIGINT
goes through ``cli.main`` and must end with the short message and exit code 130.

``NEWSL10N_KILLS`` sets N (default 10); ``pytest -m slow`` runs a longer series.
"""

from __future__ import annotations

import os
import random
import shutil
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
from newsl10n.mt.fake import FakeTranslator
from newsl10n.workflow import extract, translate, update
from tests.conftest import PYPROJECT, REPO, SEED, msgfmt_check

DELAY = 0.02  # seconds per sentence in the fake backend

# Runs the real CLI with the fake backend slowed down: there is no CLI flag for
# the delay, so the script patches FakeTranslator's default before calling main.
# "ready" is printed once main() is inside its error handling: a SIGINT during
# argument parsing, before that, is outside what this test covers.
CLI_SCRIPT = """\
import sys
import newsl10n.cli as cli
import newsl10n.mt.fake as fake

_init = fake.FakeTranslator.__init__
def slow_init(self, *, mode="translit", delay={delay}, model="fake"):
    _init(self, mode=mode, delay=delay, model=model)
fake.FakeTranslator.__init__ = slow_init
_translate = cli._COMMANDS["translate"]
def translate(args, out):
    print("ready", flush=True)
    return _translate(args, out)
cli._COMMANDS["translate"] = translate
sys.exit(cli.main(["translate", "--backend", "fake", "--no-cache", "--batch-size", "1", "--lang", "{lang}"]))
"""

# The library call, for the concurrency test: two of these on one project.
LIB_SCRIPT = """\
import sys
from pathlib import Path
from newsl10n.config import load_config
from newsl10n.mt.fake import FakeTranslator
from newsl10n.workflow import translate

config = load_config(start=Path(sys.argv[1]))
print("ready", flush=True)
result = translate(config, sys.argv[2], translator=FakeTranslator(delay={delay}), chunk_size=2, use_cache=False)
print("drafted", result.drafted, flush=True)
"""


def _project(root: Path) -> Config:
    """The seed article plus a reworded copy: ~45 entries in two catalogs."""
    (root / "articles").mkdir(parents=True)
    shutil.copy(SEED, root / "articles" / SEED.name)
    text = SEED.read_text(encoding="utf-8")
    (root / "articles" / "second.txt").write_text(text.replace("Izium", "Kupiansk").replace("the", "a"), "utf-8")
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    config = load_config(start=root)
    extract(config)
    update(config, "uk")
    return config


def _env(tmp: Path) -> dict[str, str]:
    src = str(REPO / "src")
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([src, str(REPO), os.environ.get("PYTHONPATH", "")]),
        "NEWSL10N_CACHE_DIR": str(tmp / ".cache"),
        "PYTHONUNBUFFERED": "1",
    }


def _start(script: str, args: list[str], cwd: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=cwd,
        env=_env(cwd),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"  # imports done: signals now hit our code
    return proc


def _catalogs(config: Config) -> list[Path]:
    return sorted((config.locales_dir / "uk" / "LC_MESSAGES").glob("*.po"))


def _drafts(config: Config) -> dict[tuple[str, str], str]:
    """Every translated entry on disk, checked with msgfmt -c; duplicates raise in the reader."""
    out = {}
    for path in _catalogs(config):
        msgfmt_check(path)
        for unit in read_catalog(path).units:
            if unit.target:
                out[(path.name, unit.source)] = unit.target
    return out


def _kill_series(tmp_path: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    config = _project(tmp_path)
    total = sum(len(read_catalog(p).units) for p in _catalogs(config))
    seen: dict[tuple[str, str], str] = {}
    outcomes = []
    for _ in range(n):
        sig = rng.choice([signal.SIGINT, signal.SIGKILL])
        proc = _start(CLI_SCRIPT.format(delay=DELAY, lang="uk"), [], tmp_path)
        time.sleep(rng.uniform(0.0, 1.0))
        proc.send_signal(sig)
        _out, err = proc.communicate(timeout=60)
        outcomes.append((sig.name, proc.returncode, len(_drafts(config))))
        finished = " drafted, " in err  # the signal came after the command's work was done
        if sig is signal.SIGINT and not finished:
            assert proc.returncode == 130, err
            assert "Traceback" not in err, err
            assert err.strip().endswith("interrupted: finished work is saved; run the command again to continue"), err
        now = _drafts(config)
        lost = {k: v for k, v in seen.items() if now.get(k) != v}
        assert not lost, f"drafts lost or changed after {sig.name}: {lost}"
        seen = now
        if len(seen) == total:  # finished: start over so later kills hit a run again
            for path in _catalogs(config):
                path.unlink()
            update(config, "uk")
            seen = {}
    leftovers = [p.name for p in (config.locales_dir / "uk" / "LC_MESSAGES").iterdir() if p.suffix not in (".po", ".lock")]
    # A SIGKILL between mkstemp and os.replace can leave a hidden temp file; never a broken catalog.
    assert all(name.startswith(".") and name.endswith(".tmp") for name in leftovers), leftovers
    # The next run translates exactly what is still missing, and finishes everything.
    missing = _untranslated(config)
    fake = FakeTranslator()
    result = translate(config, "uk", translator=fake, use_cache=False)
    assert sum(len(call) for call in fake.calls) == len({src for _name, src in missing})  # one model call each
    assert result.pending == result.drafted == len(missing)
    assert not _untranslated(config)
    assert seen.items() <= _drafts(config).items()
    print(f"kills: {outcomes}")


def _untranslated(config: Config) -> list[tuple[str, str]]:
    return [(p.name, u.source) for p in _catalogs(config) for u in read_catalog(p).units if not u.target]


def test_random_kills_lose_no_draft(tmp_path: Path) -> None:
    _kill_series(tmp_path, int(os.environ.get("NEWSL10N_KILLS", "10")), seed=int(time.time()))


@pytest.mark.slow
def test_many_random_kills_lose_no_draft(tmp_path: Path) -> None:
    _kill_series(tmp_path, int(os.environ.get("NEWSL10N_KILLS_SLOW", "60")), seed=int(time.time()) + 1)


def test_sigint_through_the_cli_is_a_short_message(tmp_path: Path) -> None:
    config = _project(tmp_path)
    proc = _start(CLI_SCRIPT.format(delay=0.2, lang="uk"), [], tmp_path)
    deadline = time.monotonic() + 30
    while not any("machine draft" in p.read_text("utf-8") for p in _catalogs(config)):
        assert time.monotonic() < deadline and proc.poll() is None, "no draft was saved"
        time.sleep(0.02)
    drafts = _drafts(config)
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == "interrupted: finished work is saved; run the command again to continue"
    assert drafts.items() <= _drafts(config).items()


def test_two_runs_and_a_poedit_save_at_once(tmp_path: Path) -> None:
    """Two translate processes on the same catalogs, and a translator saving mid-run."""
    config = _project(tmp_path)
    [first, *_] = _catalogs(config)
    procs = [_start(LIB_SCRIPT.format(delay=DELAY), [str(tmp_path), "uk"], tmp_path) for _ in range(2)]
    # "Poedit": wait for drafts, then save a human translation of one untranslated
    # entry and an edit of one draft, the way an editor does: read, change, replace.
    human: dict[str, str] = {}
    deadline = time.monotonic() + 30
    while len(human) < 2 and time.monotonic() < deadline:
        data = first.read_bytes()
        catalog = parse_catalog(data, path=str(first))
        units, pending = list(catalog.units), {}
        for i, unit in enumerate(units):
            if "empty" not in human and "empty" not in pending and unit.state is UnitState.UNTRANSLATED:
                pending["empty"] = unit.source
                units[i] = replace(unit, target="Переклад людини.", state=UnitState.REVIEWED)
            elif "draft" not in human and "draft" not in pending and is_machine_draft(unit):
                pending["draft"] = unit.source
                units[i] = replace(unit, target="Виправлена чернетка.", state=UnitState.REVIEWED)
        if pending:
            catalog.units = units
            try:  # an editor that checks for changes on disk before it saves
                atomic_write(first, render_catalog(catalog), expect=data)
                human.update(pending)
            except FileChanged:
                pass
        time.sleep(0.05)
    assert len(human) == 2, "the runs finished before the translator could save"
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        results.append(int(out.split()[-1]))
    # Every entry is drafted once between the two runs, minus the one a person translated; twice
    # only if the editor's save overwrote a fresh draft (the editor's doing, and machine work).
    total = sum(len(read_catalog(p).units) for p in _catalogs(config))
    assert total - 1 <= sum(results) <= total + 1
    for path in _catalogs(config):
        msgfmt_check(path)
        catalog = read_catalog(path)  # raises on a duplicate entry
        assert all(u.target for u in catalog.units)
    by_source = {u.source: u for u in read_catalog(first).units}
    assert by_source[human["empty"]].target == "Переклад людини."
    assert by_source[human["empty"]].state is UnitState.REVIEWED
    assert by_source[human["draft"]].target == "Виправлена чернетка."


@pytest.mark.slow
def test_translator_saving_again_and_again_is_rarely_overwritten(tmp_path: Path) -> None:
    """A human saves one entry over and over (no lock, as Poedit does) while a run saves drafts.

    A run that wrote back a catalog it had read before the human's save would
    undo that save. Statistical (a stress test), hence ``slow``.
    """
    config = _project(tmp_path)
    [first, *_] = _catalogs(config)
    catalog = read_catalog(first)
    source = catalog.units[-1].source
    proc = _start(LIB_SCRIPT.format(delay=0.005).replace("chunk_size=2", "chunk_size=1"), [str(tmp_path), "uk"],
                  tmp_path)
    saves = 0
    undone = []
    while proc.poll() is None:
        data = first.read_bytes()
        catalog = parse_catalog(data, path=str(first))
        current = catalog.by_key()[(source, None)].target
        if saves and current != f"Версія {saves}.":
            undone.append((saves, current))
        catalog.units = [replace(u, target=f"Версія {saves + 1}.", state=UnitState.REVIEWED) if u.source == source
                         else u for u in catalog.units]
        if first.read_bytes() == data:
            atomic_write(first, render_catalog(catalog))
            saves += 1
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert saves > 10
    # Each newsl10n save compares the file with what it read just before os.replace and re-reads
    # if it changed; only a save landing between that check and the rename (microseconds, more
    # when the CPU is contended) can still be undone: an editor that takes no lock cannot be
    # excluded. Without the check, about one save in five was undone here; with it, under 1 in 25.
    assert len(undone) <= saves // 10, f"the run wrote back stale catalogs over {len(undone)} of {saves} saves"
    print(f"human saves: {saves}, undone by the run: {len(undone)}")
    final = {u.source: u for u in read_catalog(first).units}[source]
    assert (final.target, final.state) == (f"Версія {saves}.", UnitState.REVIEWED)
    msgfmt_check(first)
