"""Hostile HTML and Markdown: deep nesting, pathological markup, the 2 MiB limit, linear time."""

from __future__ import annotations

import time

import pytest

from newsl10n import formats
from newsl10n.cli import main
from newsl10n.config import Config
from newsl10n.segment import MAX_ARTICLE_BYTES

HOSTILE = {
    "html": {
        "deep-inline": lambda n: "<p>" + "<span>" * n + "Deep text." + "</span>" * n + "</p>",
        "deep-blocks": lambda n: "<div>" * n + "<p>Deep text.</p>" + "</div>" * n,
        "unclosed-formatting": lambda n: "<p>" + "<b>x " * n,
        "lone-less-than": lambda n: "<p>" + "a < b " * n,
        "bare-ampersands": lambda n: "<p>" + "&amp &notit; &#12 " * n,
        "links": lambda n: "<p>" + " ".join(f'Word <a href="/{i}">link {i}</a>.' for i in range(n)) + "</p>",
    },
    "markdown": {
        "open-brackets": lambda n: "Text " + "[a " * n + "\n",
        "backtick-runs": lambda n: "Text " + "".join("`" * (i % 7 + 1) + " x " for i in range(n)) + "\n",
        "stars": lambda n: "Text " + "*a " * n + "\n",
        "nested-quotes": lambda n: ">" * n + " deep\n",
        "table": lambda n: "| a | b |\n|---|---|\n" + "| cell x | cell y |\n" * n,
    },
}
CASES = [pytest.param(fmt, name, id=f"{fmt}-{name}") for fmt, table in HOSTILE.items() for name in table]


@pytest.mark.parametrize(("fmt", "name"), CASES)
def test_hostile_input_parses_and_renders_exactly(fmt: str, name: str) -> None:
    src = HOSTILE[fmt][name](3000)
    doc = formats.parse_text(src, path=f"h.{fmt}", format=fmt)
    assert formats.render(doc, {}) == src


@pytest.mark.slow
@pytest.mark.parametrize(("fmt", "name"), CASES)
def test_hostile_input_takes_linear_time(fmt: str, name: str) -> None:
    def seconds(n: int) -> float:
        src = HOSTILE[fmt][name](n)
        best = float("inf")
        for _ in range(2):  # the best of two: a busy machine only ever adds time
            start = time.perf_counter()
            formats.parse_text(src, path=f"h.{fmt}", format=fmt)
            best = min(best, time.perf_counter() - start)
        return best

    seconds(500)  # warm up pysbd and the parsers
    small, large = seconds(2000), seconds(8000)
    # Four times the input: a quadratic path would take ~16 times as long.
    assert large < 8 * small + 0.5, (small, large)


@pytest.mark.parametrize("suffix", [".html", ".md"])
def test_over_the_limit_is_refused_naming_the_file(
    project: Config, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    big = project.root / "articles" / f"big{suffix}"
    big.write_bytes(b"<p>Kyiv said.</p>\n" * (MAX_ARTICLE_BYTES // 18 + 1))
    start = time.monotonic()
    assert main(["extract", str(big)]) == 2
    assert time.monotonic() - start < 2.0
    err = capsys.readouterr().err
    assert str(big) in err and "the limit is 2 MiB" in err
    assert not (project.root / "locales").exists()
