"""formats.html: what is extracted, what is left alone, byte-exact renders, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsl10n import formats
from newsl10n.errors import ArticleError
from tests.conftest import DATA

HTML = DATA / "formats"
GOOD = sorted(p for p in HTML.glob("*.htm*") if not p.name.startswith("bad."))


def parse(src: str, path: str = "a.html") -> formats.Document:
    return formats.parse(src.encode("utf-8"), path=path)


def sources(src: str) -> list[str]:
    return [s.source for s in parse(src).segments]


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_untranslated_render_is_the_file_byte_for_byte(path: Path) -> None:
    data = path.read_bytes()
    doc = formats.parse(data, path=path.name)
    assert formats.render(doc, {}).encode("utf-8") == data
    ends = [0]
    for seg in doc.segments:  # spans in order, never overlapping, inside the text
        assert ends[-1] <= seg.start < seg.end <= len(doc.text)
        ends.append(seg.end)


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        pytest.param("<p>One. Two.</p>", ["One.", "Two."], id="sentences"),
        pytest.param(
            '<p>See <a href="/x">the report</a>. Next.</p>',
            ['See <a href="/x">the report</a>.', "Next."],
            id="link-inside-sentence",
        ),
        pytest.param(
            "<p>Signs of <b>torture. Others</b> did not.</p>",
            ["Signs of <b>torture. Others</b> did not."],
            id="boundary-inside-markup-joins",
        ),
        pytest.param("<p><em>Breaking:</em> Kyiv said.</p>", ["<em>Breaking:</em> Kyiv said."], id="leading-tag"),
        pytest.param("<p>One.<br>Two.</p>", ["One.", "Two."], id="br-between-sentences"),
        pytest.param("<p>A\r\n  wrapped\tline.</p>", ["A wrapped line."], id="whitespace-folded"),
        pytest.param("<h2>Title</h2><li>Item<li>Other", ["Title", "Item", "Other"], id="implied-ends"),
        pytest.param(
            "<table><tr><td>Cell</td><th>Head</table><dl><dt>Term<dd>Def</dl>",
            ["Cell", "Head", "Term", "Def"],
            id="cells-and-dl",
        ),
        pytest.param("<title>Page &mdash; site</title>", ["Page — site"], id="title-entity-decoded"),
        pytest.param(
            "<p>Fish &amp; chips&nbsp;now &lt;b&gt;.</p>",
            ["Fish &amp; chips&nbsp;now &lt;b&gt;."],
            id="significant-and-invisible-entities-kept",
        ),
        pytest.param("<p>caf&eacute; &#8212; &#x2014;</p>", ["café — —"], id="numeric-and-named-decoded"),
        pytest.param(
            '<p><a href="?a=1&amp;b=2">Go</a> on.</p>',
            ['<a href="?a=1&amp;b=2">Go</a> on.'],
            id="entity-in-url-untouched",
        ),
        pytest.param(
            "<div>Loose text <span>in a div</span>.</div>", ["Loose text <span>in a div</span>."], id="div-text"
        ),
        pytest.param("<li>Item<ul><li>Nested</ul> tail</li>", ["Item", "Nested", "tail"], id="nested-list"),
        pytest.param("\n  Bare text of a <b>fragment</b>.\n", ["Bare text of a <b>fragment</b>."], id="bare-fragment"),
        pytest.param("\ufeffBare text after a BOM.", ["Bare text after a BOM."], id="bom-bare-fragment"),
    ],
)
def test_segments(src: str, expected: list[str]) -> None:
    assert sources(src) == expected


@pytest.mark.parametrize(
    "src",
    [
        pytest.param("<script>var s = 'Not this.';</script>", id="script"),
        pytest.param("<style>/* Not this. */</style>", id="style"),
        pytest.param("<template><p>Not this.</p></template>", id="template"),
        pytest.param("<pre>Not this.</pre>", id="pre"),
        pytest.param("<p><code>Not this.</code></p>", id="code-alone"),
        pytest.param("<p><kbd>Not</kbd> <samp>this</samp> <var>x</var></p>", id="kbd-samp-var"),
        pytest.param("<!-- Not this. -->", id="comment"),
        pytest.param('<p translate="no">Not this.</p>', id="translate-no"),
        pytest.param('<div class="a notranslate"><p>Not this.</p></div>', id="notranslate"),
        pytest.param("<svg><text>Not this.</text></svg>", id="svg"),
        pytest.param('<a href="https://example.org/Not-this">https://example.org</a>', id="url-only"),
        pytest.param('<meta name="twitter:card" content="summary large image">', id="meta-not-readable"),
    ],
)
def test_never_extracted(src: str) -> None:
    doc = parse("<p>Keep.</p>" + src)
    assert [s.source for s in doc.segments] == ["Keep."]


def test_code_inside_a_sentence_stays_in_the_segment() -> None:
    assert sources("<p>Run <code>ls -l</code> now.</p>") == ["Run <code>ls -l</code> now."]


def test_a_sentence_of_code_alone_is_not_a_segment() -> None:
    assert sources("<p>Type this. <code>rm -rf build</code></p>") == ["Type this."]
    assert sources('<p>Name. <span translate="no">Ukrainska Pravda</span></p>') == ["Name."]


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        pytest.param('<img src="a.jpg" alt="A cat">', ["A cat"], id="img-alt"),
        pytest.param('<input placeholder="Your name" aria-label="Name field">', ["Your name", "Name field"], id="form"),
        pytest.param('<meta name="description" content="About it.">', ["About it."], id="meta-description"),
        pytest.param('<meta property="og:title" content="Big news">', ["Big news"], id="og-title"),
        pytest.param('<p title="Tip">Text.</p>', ["Tip", "Text."], id="title-on-block"),
        pytest.param(
            '<p>See <abbr title="North Atlantic">NATO</abbr>.</p>',
            ['See <abbr title="North Atlantic">NATO</abbr>.'],
            id="attribute-inside-sentence-stays-there",
        ),
    ],
)
def test_readable_attributes(src: str, expected: list[str]) -> None:
    assert sources(src) == expected


def test_attribute_segment_span_is_the_value() -> None:
    doc = parse('<img alt="A cat" src=x>')
    [seg] = doc.segments
    assert doc.text[seg.start : seg.end] == "A cat"
    assert formats.render(doc, {("A cat", None): "Кіт"}) == '<img alt="Кіт" src=x>'


def test_translated_render_substitutes_spans_only() -> None:
    src = '<p>One <a href="/x">two</a>.  Three.</p>\r\n'
    doc = parse(src)
    out = formats.render(
        doc, {('One <a href="/x">two</a>.', None): 'Один <a href="/x">два</a>.', ("Three.", None): "Три."}
    )
    assert out == '<p>Один <a href="/x">два</a>.  Три.</p>\r\n'


@pytest.mark.parametrize(
    ("lang", "src", "expected"),
    [
        pytest.param("uk", "<html><body><p>Hi.</p>", '<html lang="uk"><body><p>Hi.</p>', id="added"),
        pytest.param("ar", '<html lang="en"><p>Hi.</p>', '<html lang="ar" dir="rtl"><p>Hi.</p>', id="rtl"),
        pytest.param("pt_BR", "<HTML LANG=en DIR=rtl><p>Hi.</p>", "<HTML LANG=pt-BR DIR=ltr><p>Hi.</p>", id="replaced"),
        pytest.param("he", "<p>Fragment.</p>", "<p>Fragment.</p>", id="fragment-no-html-invented"),
    ],
)
def test_language_on_the_html_tag(lang: str, src: str, expected: str) -> None:
    assert formats.render(parse(src), {}, lang=lang) == expected


@pytest.mark.parametrize(
    "src",
    [
        "<p>Unclosed <b>bold <i>and italic</b> text.</i> After.",
        "<table>Stray text<tr><td>Cell</table>",
        "<p>Stray end </span></em> tags.",
        '<p>Unterminated attribute <img alt="oops',
        "<p>Unterminated comment <!-- forever",
        "<<<>>>&&&;;; <p>Odd &unknown; &#xZZ; &#99999999;</p>",
        "</p></p><p>",
        "<a><div><a>nested anchors</a></div></a>",
        "<select><option>Choice</option></select><p>After select.</p>",
    ],
)
def test_malformed_html_never_crashes_and_renders_exactly(src: str) -> None:
    doc = formats.parse_text(src, path="m.html", format="html")
    assert formats.render(doc, {}) == src
    # Replacing every segment must not touch a byte outside the segments.
    out = formats.render(doc, {(s.source, s.context): "X" for s in doc.segments})
    rebuilt, pos = [], 0
    for seg in doc.segments:
        rebuilt.append(src[pos : seg.start] + "X")
        pos = seg.end
    assert out == "".join(rebuilt) + src[pos:]


def test_misnested_markup_is_left_untranslated_not_rebuilt() -> None:
    doc = parse("<p>Unclosed <b>bold <i>and italic</b> text.</i> After.</p><p>Clean.</p>")
    assert [s.source for s in doc.segments] == ["Clean."]
    assert "rearranged" in [r.kind for r in doc.protected]


@pytest.mark.parametrize("path", sorted(HTML.glob("bad.*.html")), ids=lambda p: p.name)
def test_bad_encoding_is_an_error_naming_the_file(path: Path) -> None:
    with pytest.raises(ArticleError) as err:
        formats.parse(path.read_bytes(), path=str(path))
    assert err.value.path == str(path)
    assert err.value.exit_code == 2
    assert "UTF-8" in err.value.message or "charset" in err.value.message


def test_protected_regions_cover_their_elements() -> None:
    doc = parse("<p>Text.</p><pre>x\n y</pre><script>a<b</script>")
    spans = {r.kind: doc.text[r.start : r.end] for r in doc.protected}
    assert spans == {"pre": "<pre>x\n y</pre>", "script": "<script>a<b</script>"}


@pytest.mark.parametrize(
    ("src", "target", "expected"),
    [
        pytest.param('<img alt="A cat">', 'Кіт "Мурчик"', '<img alt="Кіт &quot;Мурчик&quot;">', id="double-quoted"),
        pytest.param("<img alt='A cat'>", "Кіт 'М'", "<img alt='Кіт &#39;М&#39;'>", id="single-quoted"),
        pytest.param("<img alt=Cat>", "Великий кіт", '<img alt="Великий кіт">', id="unquoted-gets-quotes"),
        pytest.param("<img alt=Cat>", "Кіт", "<img alt=Кіт>", id="unquoted-stays"),
        pytest.param('<p>Text "quoted".</p>', 'Текст "в лапках".', '<p>Текст "в лапках".</p>', id="text-as-typed"),
    ],
)
def test_translation_cannot_break_an_attribute(src: str, target: str, expected: str) -> None:
    doc = parse(src)
    [seg] = doc.segments
    assert formats.render(doc, {(seg.source, None): target}) == expected
