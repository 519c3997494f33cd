"""The Ray executor on a local two-CPU cluster with the tiny Marian model (CTranslate2)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from newsl10n.cli import main


def _catalogs(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "locales").rglob("*.po"))}


def _translate(model: Path, *extra: str) -> int:
    return main(["translate", "--model", str(model), "--beams", "2", "--batch-size", "4", *extra])


def test_ray_drafts_equal_local_drafts_byte_for_byte(
    ray_cluster: Any, two_articles: Path, tiny_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["extract"]) == 0
    assert _translate(tiny_model) == 0
    local = _catalogs(two_articles)
    assert any(b"#, fuzzy" in data for data in local.values())
    shutil.rmtree(two_articles / "locales" / "uk")
    (two_articles / ".cache" / "mt-cache.sqlite3").unlink()  # the actors, not the cache, must make the drafts
    assert _translate(tiny_model, "--executor", "ray", "--workers", "2") == 0
    assert _catalogs(two_articles) == local
