"""Executor selection: the local default never imports Ray; Ray's errors map to exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsl10n.cli import main
from newsl10n.config import Config, load_config
from newsl10n.errors import ConfigError
from tests.conftest import REPO


def test_local_executor_is_the_default_and_never_imports_ray(project: Config) -> None:
    code = (
        "import sys; from newsl10n.cli import main; "
        "assert main(['extract']) == 0; "
        "assert main(['translate', '--backend', 'fake', '--lang', 'uk']) == 0; "
        "bad = [m for m in sys.modules if m == 'ray' or m.startswith('ray.')]; "
        "assert not bad, bad"
    )
    env = {"PYTHONPATH": str(REPO / "src"), "NEWSL10N_CACHE_DIR": str(project.root / ".cache"), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-c", code], cwd=project.root, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert any(b"fuzzy" in p.read_bytes() for p in (project.root / "locales" / "uk").rglob("*.po"))


def test_ray_missing_exits_3_with_the_install_hint(
    project: Config, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract"]) == 0
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    before = {p: p.read_bytes() for p in (project.root / "locales").rglob("*.po*")}
    assert main(["translate", "--backend", "fake", "--lang", "uk", "--executor", "ray"]) == 3
    err = capsys.readouterr().err
    assert "ray" in err and "pip install 'newsl10n[ray]'" in err
    assert {p: p.read_bytes() for p in (project.root / "locales").rglob("*.po*")} == before


def test_unreachable_cluster_exits_3_naming_the_address(
    project: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("ray.data")
    pytest.importorskip("ctranslate2")
    assert main(["extract"]) == 0
    rc = main(["translate", "--backend", "ctranslate2", "--lang", "uk", "--executor", "ray",
               "--ray-address", "127.0.0.1:9"])
    assert rc == 3
    assert "cannot reach the Ray cluster at 127.0.0.1:9" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["--ray-address", "127.0.0.1:6379"], id="address-without-ray"),
        pytest.param(["--workers", "2"], id="workers-without-ray"),
        pytest.param(["--executor", "ray", "--workers", "0"], id="zero-workers"),
    ],
)
def test_executor_options_are_usage_errors(project: Config, argv: list[str]) -> None:
    assert main(["extract"]) == 0
    assert main(["translate", "--backend", "fake", "--lang", "uk", *argv]) == 2


def test_executor_setting_in_the_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.newsl10n]\nexecutor = "ray"\n', encoding="utf-8")
    assert load_config(start=tmp_path).executor == "ray"
    (tmp_path / "pyproject.toml").write_text('[tool.newsl10n]\nexecutor = "spark"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="executor"):
        load_config(start=tmp_path)
