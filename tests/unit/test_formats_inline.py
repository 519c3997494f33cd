"""formats.inline: the markup inside a msgid/msgstr that a translation must keep."""

from __future__ import annotations

import pytest

from newsl10n.formats.inline import inline_markup, markup_signature, unbalanced


@pytest.mark.parametrize(
    ("fmt", "source", "target", "same"),
    [
        pytest.param(
            "html",
            'Read <a href="/r" title="Report">it</a>.',
            'Прочитайте <a title="Звіт" href="/r">це</a>.',
            True,
            id="html-readable-attribute-translated-and-reordered",
        ),
        pytest.param(
            "html", 'Read <a href="/r">it</a>.', 'Прочитайте <a href="/x">це</a>.', False, id="html-href-changed"
        ),
        pytest.param("html", "A <b>b</b> c.", "А б в.", False, id="html-tag-lost"),
        pytest.param("html", "Fish &amp; chips.", "Риба & чіпси.", False, id="html-kept-reference-lost"),
        pytest.param("html", "Kyiv — now.", "Київ &mdash; зараз.", True, id="html-decoded-reference-free"),
        pytest.param(
            "html", "Run <code>ls -l</code>.", "Запустіть <code>ls -la</code>.", False, id="html-code-text-changed"
        ),
        pytest.param(
            "markdown",
            'See [the report](https://x.org/r "T").',
            'Див. [звіт](https://x.org/r "Т").',
            True,
            id="md-link-title-translated",
        ),
        pytest.param(
            "markdown",
            "See [the report](https://x.org/r).",
            "Див. [звіт](https://x.org/q).",
            False,
            id="md-destination-changed",
        ),
        pytest.param("markdown", "Run `ls -l` *now*.", "Запустіть `ls -l` зараз.", False, id="md-emphasis-lost"),
        pytest.param("markdown", "Run `ls -l` *now*.", "*Зараз* запустіть `ls -l`.", True, id="md-moved"),
        pytest.param(
            "markdown",
            "Mail <me@x.org> or <https://x.org>.",
            "Пишіть <me@x.org> або <https://x.org>.",
            True,
            id="md-autolinks",
        ),
        pytest.param("markdown", "A <b>raw</b> tag.", "А тег.", False, id="md-inline-html-lost"),
    ],
)
def test_signature_compares_source_and_translation(fmt: str, source: str, target: str, same: bool) -> None:
    assert (markup_signature(source, format=fmt) == markup_signature(target, format=fmt)) is same


def test_markup_items_are_exact_spans() -> None:
    text = 'A <a href="/x">link</a>, <br> &nbsp; <!-- c --> <code>x</code>.'
    items = inline_markup(text, format="html")
    assert [(m.kind, m.text) for m in items] == [
        ("open", '<a href="/x">'),
        ("close", "</a>"),
        ("void", "<br>"),
        ("reference", "&nbsp;"),
        ("comment", "<!-- c -->"),
        ("open", "<code>"),
        ("close", "</code>"),
        ("code", "x"),
    ]
    assert all(text[m.start : m.end] == m.text for m in items)


@pytest.mark.parametrize(
    ("fmt", "text", "bad"),
    [
        pytest.param("html", "<b>a <i>b</i></b>", [], id="balanced"),
        pytest.param("html", "<b>a <i>b</b></i>", ["</b>", "<b>"], id="crossed"),
        pytest.param("html", "a</em> <strong>b", ["</em>", "<strong>"], id="stray-and-open"),
        pytest.param("html", "a<br>b<img src=x>", [], id="void"),
        pytest.param("markdown", "a <b>b</b> *c*", [], id="md-inline-html"),
    ],
)
def test_unbalanced(fmt: str, text: str, bad: list[str]) -> None:
    assert [m.text for m in unbalanced(text, format=fmt)] == bad


def test_text_format_has_no_markup() -> None:
    assert inline_markup("<b>not markup</b> in text", format="text") == []
