"""Shared fixtures: a project in tmp_path, and a tiny Marian model built once per session."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from newsl10n.config import Config, load_config

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "articles" / "izium-2022-09-16.txt"
DATA = Path(__file__).parent / "data"

PYPROJECT = """\
[tool.newsl10n]
project = "test desk"
articles = ["articles/*.txt"]
languages = ["uk", "ru"]
glossary = false
"""


def load_bench(name: str) -> ModuleType:
    """Import ``bench/<name>.py``, so a test scores a labelled set the way the bench does."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def desk() -> Any:
    """The project's own desk glossary (``glossary/desk.tsv``)."""
    from newsl10n.glossary import load_glossary

    return load_glossary(REPO / "glossary" / "desk.tsv")


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests (and the processes they start) never read or write the user's cache
    (MT cache, converted models, the translate planner's stat cache)."""
    monkeypatch.setenv("NEWSL10N_CACHE_DIR", str(tmp_path / ".cache"))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Config:
    """A project with the seed article, no glossary, cwd at its root."""
    (tmp_path / "articles").mkdir()
    shutil.copy(SEED, tmp_path / "articles" / SEED.name)
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSL10N_CACHE_DIR", str(tmp_path / ".cache"))
    return load_config(start=tmp_path)


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random-weight Marian model with a sentencepiece vocabulary trained on repo text."""
    from newsl10n.mt.randmodel import build_random_marian

    texts = SEED.read_text(encoding="utf-8").splitlines()
    for po in sorted((REPO / "locales").rglob("*.po")):
        texts.extend(line for line in po.read_text(encoding="utf-8").splitlines() if line.startswith("msgstr"))
    texts += ["Україна Ізюм Харків Київ тіла могила 440", "Украина Изюм Харьков Киев тела могила 440"]
    return build_random_marian(tmp_path_factory.mktemp("tiny-marian"), texts=texts, vocab_size=300)


def msgfmt_check(path: Path) -> None:
    """Assert GNU ``msgfmt -c`` accepts ``path`` (skipped when gettext is absent)."""
    exe = shutil.which("msgfmt")
    if exe is None:
        pytest.skip("GNU gettext (msgfmt) not installed")
    proc = subprocess.run([exe, "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
