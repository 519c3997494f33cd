"""The CLI, called in-process: exit codes, stdout data, stderr messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsl10n.cli import main
from newsl10n.config import Config
from tests.conftest import REPO


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_full_workflow(project: Config, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["extract", "--project", "Night desk"], capsys)[0] == 0
    pot = (project.root / "locales" / "izium-2022-09-16.pot").read_text(encoding="utf-8")
    assert '"Project-Id-Version: Night desk\\n"' in pot
    code, _, err = run(["translate", "--lang", "uk", "--backend", "fake"], capsys)
    assert code == 0, err
    assert "uk: 24 drafted" in err
    code, _, err = run(["translate", "--lang", "uk", "--backend", "fake"], capsys)
    assert code == 0 and "nothing to translate" in err
    code, out, _ = run(["stats", "--format", "json"], capsys)
    rows = json.loads(out)
    assert {(r["lang"], r["draft"]) for r in rows} == {("uk", 24)}
    assert run(["build", "--lang", "uk", "--include-fuzzy"], capsys)[0] == 0
    assert (project.root / "build" / "uk" / "izium-2022-09-16.txt").exists()
    code, _, err = run(["build", "--lang", "uk", "--min-translated", "50"], capsys)
    assert code == 1 and "below --min-translated 50%" in err


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        pytest.param(["update", "--lang", "xx"], 2, "error: unknown language code 'xx'", id="unknown-lang"),
        pytest.param(["extract", "missing.txt"], 2, "error: missing.txt: article not found", id="missing-article"),
        pytest.param(["translate", "--lang", "uk", "--backend", "nope"], 2, "unknown backend 'nope'", id="bad-backend"),
        pytest.param(["translate", "--lang", "uk", "--model", "./no/such/dir"], 3, "tried to load Marian model", id="bad-model"),
        pytest.param(["frobnicate"], 2, "error: argument COMMAND: invalid choice", id="bad-command"),
    ],
)
def test_errors_are_one_clear_message(project: Config, capsys: pytest.CaptureFixture[str], argv: list[str],
                                      code: int, message: str) -> None:
    run(["extract"], capsys)
    got, out, err = run(argv, capsys)
    assert got == code
    assert message in err
    assert "Traceback" not in err and out == ""


def test_bad_model_changes_no_catalog(project: Config, capsys: pytest.CaptureFixture[str]) -> None:
    run(["extract"], capsys)
    code, _, err = run(["translate", "--lang", "uk", "--model", "./no/such/dir"], capsys)
    assert code == 3 and "hint:" in err
    assert not (project.root / "locales" / "uk").exists()


def test_help_and_check_do_not_import_torch() -> None:
    for argv in (["--help"], ["check", "--list"], ["check", "--format", "json"], ["stats"]):
        code = (
            "import sys; from newsl10n.cli import main; main(%r); "
            "bad = [m for m in ('torch', 'transformers', 'ctranslate2') if m in sys.modules]; "
            "sys.exit(1 if bad else 0)" % argv
        )
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
        assert proc.returncode == 0, (argv, proc.stderr)


def test_interrupt_is_a_short_message(project: Config, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import newsl10n.workflow as wf

    def boom(*a: object, **k: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(wf, "extract", boom)
    code, _, err = run(["extract"], capsys)
    assert code == 130 and "interrupted" in err and "Traceback" not in err


def test_console_script_is_installed() -> None:
    exe = Path(sys.executable).parent / "newsl10n"
    proc = subprocess.run([str(exe), "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("newsl10n ")


def test_glossary_export_matches_the_committed_tbx(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    out = tmp_path / "desk.tbx"
    code, _, err = run(["glossary", "export", "--glossary", "glossary/desk.tsv", "-o", str(out)], capsys)
    assert code == 0, err
    assert out.read_bytes() == (REPO / "glossary" / "desk.tbx").read_bytes()


def test_check_on_the_repo_catalogs_is_clean(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    code, out, err = run(["check", "--format", "json"], capsys)
    assert code == 0, out
    assert all(f["severity"] != "error" for f in json.loads(out))


def test_commands_find_an_article_extracted_from_elsewhere(project: Config, capsys: pytest.CaptureFixture[str]) -> None:
    """After ``extract elsewhere/a.txt`` every command finds it without arguments, as ``update`` does."""
    import shutil

    (project.root / "elsewhere").mkdir()
    [seed] = (project.root / "articles").iterdir()
    shutil.move(seed, project.root / "elsewhere" / "a.txt")  # the configured glob matches nothing now
    assert run(["extract", "elsewhere/a.txt"], capsys)[0] == 0
    assert run(["update", "--lang", "uk"], capsys)[0] == 0
    code, _, err = run(["translate", "--lang", "uk", "--backend", "fake"], capsys)
    assert code == 0 and "uk: 24 drafted" in err
    code, _, err = run(["build", "--lang", "uk", "--include-fuzzy"], capsys)
    assert code == 0, err
    assert (project.root / "build" / "uk" / "a.txt").read_text(encoding="utf-8") != ""
    code, out, _ = run(["stats", "--format", "json"], capsys)
    assert code == 0 and {r["article"] for r in json.loads(out)} == {"elsewhere/a.txt"}
    assert run(["check"], capsys)[0] in (0, 1)  # findings or none, but it found the catalogs
    (project.root / "elsewhere" / "a.txt").unlink()
    code, _, err = run(["build", "--lang", "uk"], capsys)
    assert code == 2
    assert "a.pot: its article elsewhere/a.txt no longer exists" in err
    assert "error: " in err and "nothing to build" in err and "Traceback" not in err
