"""formats.markdown: blocks from markdown-it line maps, exact spans, front matter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsl10n import formats
from newsl10n.formats.base import HTML_SIGNIFICANT, MARKDOWN_SIGNIFICANT, msgid_for
from tests.conftest import DATA

MD = DATA / "formats" / "izium.md"


def parse(src: str) -> formats.Document:
    return formats.parse_text(src, path="a.md", format="markdown")


def sources(src: str) -> list[str]:
    return [s.source for s in parse(src).segments]


@pytest.mark.parametrize("variant", ["lf", "crlf", "cr", "bom", "no-final-newline"])
def test_untranslated_render_is_byte_exact(variant: str) -> None:
    data = MD.read_text(encoding="utf-8")
    data = {
        "lf": data,
        "crlf": data.replace("\n", "\r\n"),
        "cr": data.replace("\n", "\r"),
        "bom": "\ufeff" + data,
        "no-final-newline": data.rstrip("\n"),
    }[variant]
    doc = formats.parse(data.encode("utf-8"), path="izium.md")
    assert formats.render(doc, {}) == data
    assert len(doc.segments) == 17


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        pytest.param("# Title #\n", ["Title"], id="atx-closing-hashes"),
        pytest.param("Title\n=====\n", ["Title"], id="setext"),
        pytest.param("\ufeff# Title\n", ["Title"], id="bom-before-heading"),
        pytest.param("One. Two.\n", ["One.", "Two."], id="sentences"),
        pytest.param(
            'See [the report](https://x.org/a.b "T. x"). Next.\n',
            ['See [the report](https://x.org/a.b "T. x").', "Next."],
            id="link-kept-whole",
        ),
        pytest.param(
            "Signs of **torture. Others** did not.\n", ["Signs of **torture. Others** did not."], id="emphasis-joins"
        ),
        pytest.param("Run `a. b` now. Next.\n", ["Run `a. b` now.", "Next."], id="code-span-whole"),
        pytest.param("> Quoted one\n> line two.\n", ["Quoted one line two."], id="blockquote-prefix-not-in-msgid"),
        pytest.param("- item one\n  wrapped.\n- item two\n", ["item one wrapped.", "item two"], id="list"),
        pytest.param("| a b | c d |\n|---|---|\n| e f | g h |\n", ["a b", "c d", "e f", "g h"], id="table-cells"),
        pytest.param("Caf&eacute; &mdash; &amp; &#42;x&#42;\n", ["Café — &amp; &#42;x&#42;"], id="references"),
        pytest.param("![A cat](cat.jpg)\n", ["![A cat](cat.jpg)"], id="image-alt-in-segment"),
        pytest.param(
            "Line one  \nline two\\\nline three\n",
            ["Line one", "line two", "line three"],
            id="hard-breaks-end-segments",
        ),
        pytest.param(
            "<div>\n<p>Raw <b>HTML</b>. Two.</p>\n<pre>No.</pre>\n</div>\n",
            ["Raw <b>HTML</b>.", "Two."],
            id="html-block-by-html-rules",
        ),
        pytest.param(
            "> Quote.\n> &mdash; Defense of Ukraine (@DefenceU) September 15, 2022\n",
            ["Quote.", "— Defense of Ukraine (@DefenceU) September 15, 2022"],
            id="tweet-attribution",
        ),
    ],
)
def test_segments(src: str, expected: list[str]) -> None:
    assert sources(src) == expected


@pytest.mark.parametrize(
    "src",
    [
        pytest.param("```\nNot this.\n```\n", id="fence"),
        pytest.param("    Not this.\n", id="indented-code"),
        pytest.param("<!-- Not this. -->\n", id="html-comment"),
        pytest.param('[ref]: https://example.org "Not this"\n', id="link-reference-definition"),
        pytest.param("`Not this.`\n", id="inline-code-only"),
        pytest.param("<https://example.org/not-this>\n", id="autolink-only"),
    ],
)
def test_never_extracted(src: str) -> None:
    assert sources("Keep.\n\n" + src) == ["Keep."]


def test_front_matter_only_configured_values() -> None:
    src = '---\ntitle: "A title"\nsummary: Short one. # comment\nauthor: Jane Doe\nslug: a-title\n---\nBody.\n'
    doc = parse(src)
    assert [s.source for s in doc.segments] == ["A title", "Short one.", "Body."]
    out = formats.render(doc, {("A title", None): "Заголовок", ("Short one.", None): "Коротко."})
    assert out == '---\ntitle: "Заголовок"\nsummary: Коротко. # comment\nauthor: Jane Doe\nslug: a-title\n---\nBody.\n'


def test_front_matter_keys_come_from_the_config(tmp_path: Path) -> None:
    """``front-matter-keys`` in [tool.newsl10n] chooses the translated values; extract and build agree."""
    from newsl10n.catalog import read_catalog
    from newsl10n.config import load_config
    from newsl10n.workflow import build, extract, update

    (tmp_path / "pyproject.toml").write_text(
        '[tool.newsl10n]\nlanguages = ["uk"]\nfront-matter-keys = ["subtitle"]\n', encoding="utf-8"
    )
    (tmp_path / "articles").mkdir()
    src = "---\ntitle: Kept as is\nsubtitle: Graves found.\n---\nBody text.\n"
    (tmp_path / "articles" / "a.md").write_text(src, encoding="utf-8")
    config = load_config(start=tmp_path)
    assert config.front_matter_keys == ("subtitle",)
    [pot] = extract(config)
    assert [u.source for u in read_catalog(pot.path).units] == ["Graves found.", "Body text."]
    [po] = update(config, "uk")
    catalog = read_catalog(po.path)
    po.path.write_text(po.path.read_text(encoding="utf-8").replace(
        'msgid "Graves found."\nmsgstr ""', 'msgid "Graves found."\nmsgstr "Знайдено могили."'), encoding="utf-8")
    assert catalog.units
    build(config, "uk", output=tmp_path / "out")
    built = (tmp_path / "out" / "uk" / "a.md").read_text(encoding="utf-8")
    assert built == "---\ntitle: Kept as is\nsubtitle: Знайдено могили.\n---\nBody text.\n"


def test_blockquote_translation_keeps_the_quote() -> None:
    from markdown_it import MarkdownIt

    doc = parse("> Quoted one\n> line two.\n")
    out = formats.render(doc, {("Quoted one line two.", None): "Цитата."})
    assert out == "> Цитата.\n"
    types = [t.type for t in MarkdownIt("commonmark").parse(out)]
    assert types[:2] == ["blockquote_open", "paragraph_open"]


def test_spans_hold_exactly_the_msgid() -> None:
    doc = formats.parse(MD.read_bytes(), path="izium.md")
    for seg in doc.segments:
        raw = doc.text[seg.start : seg.end]
        unprefixed = re.sub(r"\n[ >]*", " ", raw)  # the quote/list prefixes of continuation lines
        significant = HTML_SIGNIFICANT if "<abbr" in raw else MARKDOWN_SIGNIFICANT  # the raw HTML block's sentence
        assert msgid_for(unprefixed, significant=significant) == seg.source


@pytest.mark.parametrize(
    ("src", "target", "expected"),
    [
        pytest.param("# Title\n", "Заголовок\nдругий рядок", "# Заголовок другий рядок\n", id="heading-line-break"),
        pytest.param("| Cell x |\n|---|\n| y z |\n", "A | B", "| A \\| B |\n|---|\n| y z |\n", id="cell-pipe"),
        pytest.param(
            '---\ntitle: "A title"\n---\nx\n',
            'Назва "в лапках"',
            '---\ntitle: "Назва \\"в лапках\\""\n---\nx\n',
            id="yaml-double",
        ),
        pytest.param(
            "---\ntitle: 'A title'\n---\nx\n", "Назва 'в'", "---\ntitle: 'Назва ''в'''\n---\nx\n", id="yaml-single"
        ),
        pytest.param(
            "---\ntitle: A title\n---\nx\n",
            "Назва: підназва",
            '---\ntitle: "Назва: підназва"\n---\nx\n',
            id="yaml-plain-needs-quotes",
        ),
        pytest.param("---\ntitle: A title\n---\nx\n", "Назва", "---\ntitle: Назва\n---\nx\n", id="yaml-plain-stays"),
    ],
)
def test_translation_cannot_break_the_syntax(src: str, target: str, expected: str) -> None:
    doc = parse(src)
    seg = doc.segments[0]
    assert formats.render(doc, {(seg.source, None): target}) == expected
