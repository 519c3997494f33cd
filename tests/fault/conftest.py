"""``slow`` tests here run only when asked for: ``pytest -m slow`` or ``NEWSL10N_SLOW=1``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "slow" in (config.option.markexpr or "") or os.environ.get("NEWSL10N_SLOW"):
        return
    skip = pytest.mark.skip(reason="slow: run with -m slow or NEWSL10N_SLOW=1")
    for item in items:
        if item.get_closest_marker("slow") and HERE in Path(str(item.fspath)).parents:
            item.add_marker(skip)
