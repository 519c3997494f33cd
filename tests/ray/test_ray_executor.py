"""The Ray executor on a local two-CPU cluster with the tiny Marian model (CTranslate2)."""

from __future__ import annotations

import logging
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from newsl10n.cli import main


def _catalogs(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "locales").rglob("*.po"))}


def _translate(model: Path, *extra: str) -> int:
    return main(["translate", "--model", str(model), "--beams", "2", "--batch-size", "4", *extra])


def test_ray_drafts_equal_local_drafts_byte_for_byte(
    ray_cluster: Any, two_articles: Path, tiny_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract"]) == 0
    assert _translate(tiny_model) == 0
    local = _catalogs(two_articles)
    assert any(b"#, fuzzy" in data for data in local.values())
    shutil.rmtree(two_articles / "locales" / "uk")
    (two_articles / ".cache" / "mt-cache.sqlite3").unlink()  # the actors, not the cache, must make the drafts
    capsys.readouterr()
    assert _translate(tiny_model, "--executor", "ray", "--workers", "2") == 0
    assert _catalogs(two_articles) == local
    err = capsys.readouterr().err
    assert "ray actor " in err and "ray total: " in err and "sentences/s" in err and "tokens/s" in err
    # Ray Data's per-dataset INFO lines would write through the progress bar: kept to its log files.
    assert logging.getLogger("ray.data").getEffectiveLevel() == logging.WARNING


def _local_reference(root: Path, model: Path, *extra: str) -> dict[str, bytes]:
    """Catalogs of a local run, then the project reset to untranslated with an empty MT cache."""
    assert main(["extract"]) == 0
    assert _translate(model, *extra) == 0
    local = _catalogs(root)
    shutil.rmtree(root / "locales" / "uk")
    (root / ".cache" / "mt-cache.sqlite3").unlink()
    return local


def _ray_translate(model: Path, progress: Any, *, beams: int = 2) -> Any:
    from newsl10n.config import load_config
    from newsl10n.workflow.executors import translator_factory
    from newsl10n.workflow.translate import translate

    config = load_config().with_overrides(batch_size=1, num_beams=beams)
    factory = translator_factory("ray", config, "uk", model=str(model), workers=2)
    made: list[Any] = []

    def make() -> Any:
        made.append(factory())
        return made[-1]

    result = translate(config, "uk", translator_factory=make, progress=progress)
    return result, made[0]


def test_an_actor_killed_mid_job_is_replaced_and_its_batch_retried(
    ray_cluster: Any, two_articles: Path, tiny_model: Path
) -> None:
    import os
    import signal

    local = _local_reference(two_articles, tiny_model, "--batch-size", "1")
    killed: list[int] = []
    holder: list[Any] = []

    def progress(done: int, total: int) -> None:
        if done and not killed and holder:
            actors = holder[0].stats.actors
            if actors:
                pid = int(next(iter(actors)).rsplit(":", 1)[1])
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

    from newsl10n.workflow.executors import ray as ray_executor

    real_init = ray_executor.RayTranslator.__init__

    def keep(self: Any, *args: Any, **kwargs: Any) -> None:
        real_init(self, *args, **kwargs)
        holder.append(self)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ray_executor.RayTranslator, "__init__", keep)
        result, translator = _ray_translate(tiny_model, progress)
    assert killed, "the job finished before an actor could be killed"
    assert result.failed == 0
    assert _catalogs(two_articles) == local


def test_a_translators_edit_during_the_job_is_kept(ray_cluster: Any, two_articles: Path, tiny_model: Path) -> None:
    from newsl10n.catalog import read_catalog, update_catalog
    from newsl10n.fsio import file_lock
    from newsl10n.model import UnitState

    assert main(["extract"]) == 0
    edited: list[tuple[str, str]] = []

    def progress(done: int, total: int) -> None:
        if done and not edited:
            path = next((two_articles / "locales" / "uk").rglob("b.po"))

            def fill(catalog: Any) -> tuple[Any, None]:
                units = list(catalog.units)
                for k, unit in enumerate(units):
                    if unit.state is UnitState.UNTRANSLATED:
                        units[k] = replace(unit, target="Переклад редактора.", state=UnitState.REVIEWED)
                        edited.append((str(path), unit.source))
                        break
                catalog.units = units
                return catalog, None

            with file_lock(path):
                update_catalog(path, fill)

    result, _ = _ray_translate(tiny_model, progress)
    assert edited, "no untranslated entry was left to edit"
    path, source = edited[0]
    [unit] = [u for u in read_catalog(Path(path)).units if u.source == source]
    assert (unit.target, unit.state) == ("Переклад редактора.", UnitState.REVIEWED)
    assert result.drafted == result.pending - 1


def test_a_model_that_fails_to_load_on_an_actor_exits_with_its_message(
    ray_cluster: Any, two_articles: Path, tiny_model: Path
) -> None:
    from newsl10n.config import load_config
    from newsl10n.errors import BackendError
    from newsl10n.workflow.executors.ray import open_ray_translator
    from newsl10n.workflow.translate import translate

    assert main(["extract"]) == 0
    config = load_config()
    translator = open_ray_translator(config, "uk", model=str(tiny_model), workers=1)
    translator.settings["compute_type"] = "float16"  # not loadable on a CPU actor
    with pytest.raises(BackendError, match=r"Ray actor .* could not load the model: .*float16") as info:
        translate(config, "uk", translator=translator)
    assert info.value.exit_code == 3
    assert not any(b"#, fuzzy" in data for data in _catalogs(two_articles).values())


def test_a_run_whose_driver_is_killed_resumes_where_it_stopped(
    ray_cluster: Any, two_articles: Path, tiny_model: Path
) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import REPO

    local = _local_reference(two_articles, tiny_model, "--batch-size", "1", "--beams", "1")
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src"),
        "RAY_ADDRESS": ray_cluster.get_runtime_context().gcs_address,  # the driver joins the test cluster
    }
    argv = ["translate", "--model", str(tiny_model), "--beams", "1", "--batch-size", "1", "--executor", "ray"]
    proc = subprocess.Popen(
        [sys.executable, "-c", f"from newsl10n.cli import main; raise SystemExit(main({argv!r}))"],
        cwd=two_articles, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if any(b"#, fuzzy" in data for data in _catalogs(two_articles).values()):
                break
            time.sleep(0.02)
        assert proc.poll() is None, f"the driver ended before it could be killed: {proc.stderr.read()[-2000:]!r}"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
        assert proc.stderr is not None
        proc.stderr.close()
    partial = _catalogs(two_articles)
    assert partial != local and any(b"#, fuzzy" in data for data in partial.values())

    result, _ = _ray_translate(tiny_model, None, beams=1)
    from newsl10n.catalog import parse_catalog

    fresh = sum(len(parse_catalog(data, path=name).units) for name, data in local.items())
    assert 0 < result.pending < fresh  # only what the killed run had not saved
    assert _catalogs(two_articles) == local
