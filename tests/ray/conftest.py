"""A local Ray cluster for the Ray executor tests (skipped when Ray is not installed)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEED


@pytest.fixture(scope="session")
def ray_cluster() -> Iterator[Any]:
    """``ray.init(num_cpus=2)`` once for the session; the executor joins it."""
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    pytest.importorskip("ctranslate2")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    yield ray
    ray.shutdown()


@pytest.fixture
def two_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with the seed article twice (shared sentences dedup), uk only, cwd at its root."""
    (tmp_path / "articles").mkdir()
    shutil.copy(SEED, tmp_path / "articles" / "a.txt")
    text = SEED.read_text(encoding="utf-8")
    (tmp_path / "articles" / "b.txt").write_text(text + "\nA sentence only b has, about Kharkiv.\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.newsl10n]\nproject = "test desk"\narticles = ["articles/*.txt"]\nlanguages = ["uk"]\n'
        'glossary = false\nbackend = "ctranslate2"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSL10N_CACHE_DIR", str(tmp_path / ".cache"))
    return tmp_path
