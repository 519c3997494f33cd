"""Hostile and broken input, through ``cli.main``: exit 2, the file (and line) named,
no traceback, nothing written. CRLF and BOM inputs simply work.

Also: Ctrl-C in the middle of ``update``/``build`` leaves every file whole, an
unwritable locales directory is a clear error, and the readers stay fast on
pathological text (regressions for quadratic and backtracking segmentation).
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

import newsl10n.fsio
from newsl10n.catalog import read_catalog
from newsl10n.cli import main
from newsl10n.config import Config
from newsl10n.segment import MAX_ARTICLE_BYTES, segment_text
from tests.conftest import DATA, REPO, SEED, msgfmt_check
from tests.unit.test_catalog import BAD as BAD_PO

SLUG = "izium-2022-09-16"
HOSTILE = DATA / "hostile"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (lock files included) and its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    return code, capsys.readouterr().err


def assert_refused(code: int, err: str, where: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err, err
    first = err.strip().splitlines()[0]
    assert first.startswith(f"error: {where}"), err


# ------------------------------------------------------------------ articles

ARTICLES = {
    "article.cp1252.txt": ("not valid UTF-8 (byte 0x93 at offset 17)", 1),
    "article.nul.txt": ("contains a NUL byte", 3),
    "article.empty.txt": ("article is empty", None),
    "article.blank.txt": ("article is empty", None),
}


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.glob("article.*.txt")))
def test_bad_article_is_refused_and_nothing_written(project: Config, capsys: pytest.CaptureFixture[str],
                                                    name: str) -> None:
    message, line = ARTICLES[name]
    bad = project.root / "articles" / name
    bad.write_bytes((HOSTILE / name).read_bytes())
    before = snapshot(project.root)
    code, err = cli(["extract"], capsys)
    assert_refused(code, err, f"{bad}:{line}:" if line else f"{bad}:")
    assert message in err
    assert snapshot(project.root) == before


def test_50_mb_article_is_refused_quickly(project: Config, capsys: pytest.CaptureFixture[str]) -> None:
    huge = project.root / "articles" / "huge.txt"
    with huge.open("wb") as fh:
        line = b"Kyiv said the shelling went on through the night. " * 20 + b"\n"
        fh.write(line * (50 * 2**20 // len(line) + 1))
    before = snapshot(project.root / "locales") if (project.root / "locales").exists() else {}
    start = time.monotonic()
    code, err = cli(["extract"], capsys)
    assert time.monotonic() - start < 2.0
    assert_refused(code, err, f"{huge}:")
    assert f"the limit is {MAX_ARTICLE_BYTES / 2**20:g} MiB" in err
    assert not (project.root / "locales").exists() and before == {}


def test_crlf_and_bom_article_round_trips(project: Config, capsys: pytest.CaptureFixture[str]) -> None:
    article = project.root / "articles" / SEED.name
    data = b"\xef\xbb\xbf" + SEED.read_bytes().replace(b"\n", b"\r\n")
    article.write_bytes(data)
    for argv in (["extract"], ["update", "--lang", "uk"], ["build", "--lang", "uk"]):
        code, err = cli(argv, capsys)
        assert code == 0, err
    assert (project.root / "build" / "uk" / SEED.name).read_bytes() == data
    plain = [u.source for u in read_catalog(project.root / "locales" / f"{SLUG}.pot").units]
    segs = [s.source for s in segment_text(SEED.read_text("utf-8"), ref_path="a")[1]]
    assert plain == list(dict.fromkeys(segs))  # same msgids as the LF, no-BOM article


# ------------------------------------------------------------------ catalogs


@pytest.mark.parametrize("name", sorted(BAD_PO))
def test_malformed_po_is_refused_and_nothing_written(project: Config, capsys: pytest.CaptureFixture[str],
                                                     name: str) -> None:
    message, line = BAD_PO[name]
    message = message.replace("\\", "")
    assert cli(["extract"], capsys)[0] == 0
    po = project.root / "locales" / "uk" / "LC_MESSAGES" / f"{SLUG}.po"
    po.parent.mkdir(parents=True)
    po.write_bytes((DATA / "po" / name).read_bytes())
    before = snapshot(project.root)
    for argv in (["update", "--lang", "uk"], ["translate", "--lang", "uk", "--backend", "fake", "--no-cache"],
                 ["build", "--lang", "uk"]):
        code, err = cli(argv, capsys)
        assert_refused(code, err, f"{po}:{line}:")
        assert message.split(" (")[0] in err
        assert snapshot(project.root) == before, argv


def test_crlf_and_bom_po_simply_works(project: Config, capsys: pytest.CaptureFixture[str]) -> None:
    cli(["extract"], capsys)
    cli(["update", "--lang", "uk"], capsys)
    po = project.root / "locales" / "uk" / "LC_MESSAGES" / f"{SLUG}.po"
    po.write_bytes(b"\xef\xbb\xbf" + po.read_bytes().replace(b"\n", b"\r\n"))
    for argv in (["update", "--lang", "uk"], ["translate", "--lang", "uk", "--backend", "fake", "--no-cache"],
                 ["build", "--lang", "uk", "--include-fuzzy"], ["stats"]):
        code, err = cli(argv, capsys)
        assert code == 0, (argv, err)
    msgfmt_check(po)
    assert all(u.target for u in read_catalog(po).units)


# ------------------------------------------------------------------ glossary, language


@pytest.mark.parametrize("path", sorted((DATA / "glossary").glob("bad.*")), ids=lambda p: p.name)
def test_bad_glossary_is_refused_and_nothing_written(project: Config, capsys: pytest.CaptureFixture[str],
                                                     path: Path) -> None:
    cli(["extract"], capsys)
    before = snapshot(project.root)
    code, err = cli(["translate", "--lang", "uk", "--backend", "fake", "--no-cache", "--glossary", str(path)], capsys)
    assert_refused(code, err, f"{path}")
    assert snapshot(project.root) == before


@pytest.mark.parametrize("lang", ["xx", "klingon", "en_ZZZ", "../uk", ""])
def test_unknown_language_is_refused_and_nothing_written(project: Config, capsys: pytest.CaptureFixture[str],
                                                         lang: str) -> None:
    cli(["extract"], capsys)
    before = snapshot(project.root)
    for command in ("update", "translate", "build"):
        code, err = cli([command, "--lang", lang], capsys)
        assert code == 2 and "Traceback" not in err and "unknown language code" in err, err
    assert snapshot(project.root) == before


# ------------------------------------------------------------------ pathological text


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        pytest.param("word " * 10_000, 10.0, id="50k-chars-no-punctuation"),
        pytest.param("x" * 50_000, 10.0, id="50k-chars-one-word"),
        pytest.param("a. " * 10_000, 10.0, id="10k-short-sentences"),  # was 50 s: quadratic span search
        pytest.param(SEED.read_text("utf-8").replace("\n", " ") * 40, 15.0, id="95k-char-paragraph"),  # backtracking
        pytest.param("(" * 20_000 + ")" * 20_000, 10.0, id="nested-brackets"),
        pytest.param('"' * 30_000, 10.0, id="quotes"),
    ],
)
def test_segmentation_of_pathological_text_is_fast(text: str, limit: float) -> None:
    start = time.monotonic()
    _meta, segments = segment_text(text, ref_path="a.txt")
    assert time.monotonic() - start < limit
    pos = 0
    for seg in segments:  # in order, never overlapping
        assert pos <= seg.start < seg.end <= len(text)
        pos = seg.end


def test_long_sentence_extracts_and_builds(project: Config, capsys: pytest.CaptureFixture[str]) -> None:
    article = project.root / "articles" / SEED.name
    long = " ".join(["the shelling went on"] * 8_000) + "."
    article.write_text(f"Kyiv said it.\n\n{long}\n", encoding="utf-8")
    for argv in (["extract"], ["update", "--lang", "uk"], ["build", "--lang", "uk"]):
        assert cli(argv, capsys)[0] == 0
    msgfmt_check(project.root / "locales" / f"{SLUG}.pot")
    assert (project.root / "build" / "uk" / SEED.name).read_text("utf-8") == article.read_text("utf-8")


# ------------------------------------------------------------------ interrupts and unwritable dirs


def _interrupt_on_call(monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    """Ctrl-C arrives during the n-th fsync: mid-write, after the temp file has its data."""
    real = os.fsync
    calls = {"n": 0}

    def fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == n:
            raise KeyboardInterrupt
        real(fd)

    monkeypatch.setattr(newsl10n.fsio.os, "fsync", fsync)


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_ctrl_c_during_update_and_build_leaves_files_whole(project: Config, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    second = project.root / "articles" / "second.txt"
    second.write_text(SEED.read_text("utf-8").replace("Izium", "Kupiansk"), encoding="utf-8")
    cli(["extract"], capsys)
    cli(["update", "--lang", "uk"], capsys)
    cli(["build", "--lang", "uk"], capsys)
    for path in project.root.rglob("*.txt"):
        if path.parent.name == "articles":
            path.write_text(path.read_text("utf-8").replace("Thousands", "Hundreds"), encoding="utf-8")
    cli(["extract"], capsys)
    before = snapshot(project.root)
    with monkeypatch.context() as m:
        _interrupt_on_call(m, n)
        code, err = cli(["update", "--lang", "uk"], capsys)
        assert code == 130 and "Traceback" not in err and "interrupted" in err
        code, err = cli(["build", "--lang", "uk"], capsys)
    after = snapshot(project.root)
    assert set(after) == set(before), "a temp file was left behind"
    for name in after:
        if name.endswith(".po"):
            msgfmt_check(project.root / name)
    code, err = cli(["update", "--lang", "uk"], capsys)  # and the next run completes
    assert code == 0, err


def test_unwritable_locales_dir_is_a_clear_error(project: Config, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    cli(["extract"], capsys)

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    before = snapshot(project.root)
    monkeypatch.setattr(newsl10n.fsio.tempfile, "mkstemp", denied)
    monkeypatch.setattr(newsl10n.fsio.os, "open", denied)
    code, err = cli(["update", "--lang", "uk"], capsys)
    assert_refused(code, err, str(project.root / "locales" / "uk" / "LC_MESSAGES"))
    assert "cannot write: Permission denied" in err and "hint:" in err
    assert snapshot(project.root) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_locales_dir_is_a_clear_error(project: Config, capsys: pytest.CaptureFixture[str]) -> None:
    cli(["extract"], capsys)
    locales = project.root / "locales"
    locales.chmod(0o555)
    try:
        code, err = cli(["update", "--lang", "uk"], capsys)
    finally:
        locales.chmod(0o755)
    assert_refused(code, err, str(locales))
    assert "cannot write" in err


def test_lock_files_are_git_ignored(project: Config, capsys: pytest.CaptureFixture[str]) -> None:
    cli(["extract"], capsys)
    cli(["update", "--lang", "uk"], capsys)
    locks = list(project.root.rglob(".*.lock"))
    assert locks
    rel = [str(p.relative_to(project.root)) for p in locks]
    proc = subprocess.run(["git", "check-ignore", "--no-index", *rel], cwd=REPO, capture_output=True, text=True,
                          check=False)
    assert proc.stdout.split() == rel


def test_atomic_write_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "a.po"
    path.write_bytes(b"old")
    path.chmod(0o640)
    assert newsl10n.fsio.atomic_write(path, b"new", expect=b"old")
    assert (path.stat().st_mode & 0o777, path.read_bytes()) == (0o640, b"new")
    with pytest.raises(newsl10n.fsio.FileChanged):
        newsl10n.fsio.atomic_write(path, b"newer", expect=b"old")
    assert path.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.po"]


# ------------------------------------------------------------------ fuzz regressions


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"##, ", id="header-comment-starting-with-comma"),  # was written back as a "#," flags line
        pytest.param(b"# :x\n#\n#\nmsgid \"\"\nmsgstr \"\"\n", id="header-comment-colon-and-blank-lines"),
        pytest.param(b"# a\\\n#. b\\\n#, fuzzy\nmsgid \"x\"\nmsgstr \"y\"\n", id="comments-ending-in-backslash"),
    ],
)
def test_what_is_read_is_written_stably_and_valid(tmp_path: Path, data: bytes) -> None:
    from newsl10n.catalog import parse_catalog, render_catalog

    first = render_catalog(parse_catalog(data, path="fuzz.po"))
    assert render_catalog(parse_catalog(first, path="again.po")) == first
    (tmp_path / "a.po").write_bytes(first)
    proc = subprocess.run(["msgfmt", "-o", "/dev/null", str(tmp_path / "a.po")], capture_output=True, text=True,
                          check=False)
    assert "syntax error" not in proc.stderr, proc.stderr


def test_nfd_and_crlf_articles_give_the_same_msgids() -> None:
    import unicodedata

    text = "the! été.\nKyiv said it at 10 a.m.  Ukrainian forces moved in.\n"
    variants = [text, unicodedata.normalize("NFD", text), text.replace("\n", "\r\n"), text.replace("  ", " ")]
    got = [[s.source for s in segment_text(v, ref_path="a.txt")[1]] for v in variants]
    assert all(g == got[0] for g in got), got
