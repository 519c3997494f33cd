"""The markup-* checks and how the other checks look through markup in HTML/Markdown catalogs."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsl10n.checks import CheckContext, run_checks
from newsl10n.formats.inline import readable_text
from newsl10n.model import Unit, UnitState
from newsl10n.workflow.check import check
from tests.conftest import load_bench

LINK = 'Read <a href="https://example.org/izium">the report</a> on <em>Izium</em>.'


def _ids(source: str, target: str, fmt: str | None, lang: str = "uk") -> list[str]:
    unit = Unit(source, target, UnitState.REVIEWED)
    return [f.check for f in run_checks([unit], CheckContext(lang=lang, format=fmt), strict=True)]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        pytest.param('Читайте <a href="https://example.org/izium">звіт</a> про <em>Ізюм</em>.', [], id="kept"),
        pytest.param('Про <em>Ізюм</em>: <a href="https://example.org/izium">звіт</a>.', [], id="moved"),
        pytest.param("Читайте звіт про <em>Ізюм</em>.", ["markup-missing"], id="link-dropped"),
        pytest.param(
            'Читайте <a href="https://example.org/izyum">звіт</a> про <em>Ізюм</em>.', ["markup-missing"], id="href-changed"
        ),
        pytest.param(
            'Читайте <a href="https://example.org/izium">звіт</a> про <em>Ізюм</em> <em></em>.',
            ["markup-missing"],
            id="duplicated",
        ),
        pytest.param(
            'Читайте <a href="https://example.org/izium">звіт про <em>Ізюм</a></em>.', ["markup-balanced"], id="crossed"
        ),
    ],
)
def test_html_link_and_emphasis(target: str, expected: list[str]) -> None:
    assert sorted(set(_ids(LINK, target, "html"))) == expected


def test_plain_text_catalogs_do_not_read_markup() -> None:
    # In a text article "<em>" is literal text; the markup checks stay silent.
    assert "markup-missing" not in _ids(LINK, "Читайте звіт про Ізюм.", None)
    assert "markup-missing" not in _ids(LINK, "Читайте звіт про Ізюм.", "text")


@pytest.mark.parametrize(
    ("target", "flagged"),
    [
        pytest.param("Дивіться [мапу](https://x.org/m-2022) *Ізюма* і `ls -1`.", False, id="kept"),
        pytest.param("Дивіться [мапу](https://x.org/m-2021) *Ізюма* і `ls -1`.", True, id="target"),
        pytest.param("Дивіться [мапу](https://x.org/m-2022) Ізюма і `ls -1`.", True, id="emphasis"),
        pytest.param("Дивіться [мапу](https://x.org/m-2022) *Ізюма* і `ls -l`.", True, id="code"),
    ],
)
def test_markdown_markers(target: str, flagged: bool) -> None:
    source = "See [the map](https://x.org/m-2022) of *Izium* and `ls -1`."
    assert ("markup-missing" in _ids(source, target, "markdown")) is flagged


def test_translated_alt_text_is_not_a_change() -> None:
    source = '<img src="/a.jpg" alt="Graves near Izium"> Crosses mark the graves.'
    assert _ids(source, '<img src="/a.jpg" alt="Могили біля Ізюма"> Могили позначено хрестами.', "html") == []


def test_message_names_what_it_was_changed_into() -> None:
    unit = Unit(LINK, 'Читайте <a href="https://example.org/izyum">звіт</a> про <em>Ізюм</em>.', UnitState.REVIEWED)
    (finding,) = run_checks([unit], CheckContext(lang="uk", format="html"), select=["markup"])
    assert "https://example.org/izium" in finding.message and "https://example.org/izyum" in finding.message


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        pytest.param('A <a href="/x/2022">b <em>c</em></a>&nbsp;d', "html", "A b c\u00a0d", id="html"),
        pytest.param("one<br>two", "html", "one two", id="br"),
        pytest.param('See [the map](/m "Map") and ![a pic](p.png) now.', "markdown", "See the map and a pic now.", id="links"),
        pytest.param("Run **this** or `rm -rf` now.", "markdown", "Run this or        now.", id="code-blanked"),
        pytest.param("<em>x</em>", "text", "<em>x</em>", id="text-untouched"),
    ],
)
def test_readable_text(text: str, fmt: str, expected: str) -> None:
    assert readable_text(text, format=fmt) == expected


def test_other_checks_look_through_markup() -> None:
    # A number only in a Markdown link target and a Latin path are not the translation's business.
    source = "See [the photos](/gallery/izium-17) of the forest."
    target = "Дивіться [фото](/gallery/izium-17) з лісу."
    assert _ids(source, target, "markdown") == []
    # The words inside a link are still read: a number changed in the link text is found.
    assert "numbers" in _ids("See [440 graves](/g) here.", "Дивіться [404 могили](/g) тут.", "markdown")


@pytest.mark.parametrize(
    ("source", "target", "fmt", "found"),
    [
        # A term cut by a tag is still the term: its translation is required.
        pytest.param("He told <b>Sky</b> News.", "Він розповів <b>Скай</b> Ньюз.", "html", True, id="term-across-tag"),
        pytest.param("He told <b>Sky</b> News.", "Він розповів <b>Sky</b> News.", "html", False, id="term-kept"),
        pytest.param("He told <b>Sky</b> News.", "Він розповів <b>Скай</b> Ньюз.", None, False, id="text-sees-tags"),
        # A deprecated spelling inside a link target is not the translator's wording.
        pytest.param(
            "Found in Izium.", 'Знайдено в <a href="https://x.org/Изюм">Ізюмі</a>.', "html", False, id="href-ignored"
        ),
    ],
)
def test_glossary_matches_the_text_inside_markup(source: str, target: str, fmt: str | None, found: bool, desk: object) -> None:
    unit = Unit(source, target, UnitState.REVIEWED)
    findings = run_checks([unit], CheckContext(lang="uk", glossary=desk, format=fmt), select=["glossary"])
    assert bool(findings) is found, findings


def test_check_command_reads_the_format_header(tmp_path: Path, project: object) -> None:
    po = tmp_path / "locales" / "uk" / "LC_MESSAGES" / "a.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: uk\\n"\n'
        '"X-Newsl10n-Format: html\\n"\n\n'
        f"msgid {_q(LINK)}\nmsgstr {_q('Читайте звіт про <em>Ізюм</em>.')}\n",
        encoding="utf-8",
    )
    result = check(project, [po])  # type: ignore[arg-type]
    assert [f.check for f in result.findings if f.check.startswith("markup")] == ["markup-missing", "markup-missing"]


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_labelled_markup_rows_cover_both_formats() -> None:
    rows = [r for r in load_bench("checks_quality").load() if r.check.startswith("markup-")]
    assert {r.format for r in rows} == {"html", "markdown"}
