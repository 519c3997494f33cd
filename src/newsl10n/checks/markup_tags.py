"""The ``markup-*`` checks: the inline markup of an HTML or Markdown segment survives translation.

A segment of an HTML or Markdown article keeps its inline markup
(``Read <a href="…">the report</a>.``). A translator may move it, and must
translate ``alt``/``title`` values, but a tag dropped, doubled or retyped, a
changed link target or code span, or a lost Markdown emphasis marker breaks
the built page, so these are errors. Which catalogs hold markup is said by
their ``X-Newsl10n-Format`` header (``CheckContext.format``); the entries of a
plain-text catalog are never read as markup.

``markup-missing`` compares the two sides as multisets
(:func:`newsl10n.formats.inline.markup_signature`); ``markup-balanced``
reports a translation whose tags no longer pair up (closed out of order,
closed before they open, left open) when the source's did.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from newsl10n.checks.base import CheckContext, Issue, check
from newsl10n.formats.inline import Markup, inline_markup, unbalanced
from newsl10n.model import Severity, Unit

MARKUP_FORMATS = frozenset({"html", "markdown"})
_LABELS = {
    "open": "tag",
    "close": "closing tag",
    "void": "tag",
    "comment": "comment",
    "reference": "character reference",
    "code": "code",
    "link": "link target",
    "autolink": "link",
    "emphasis": "emphasis marker",
}


def _shown(m: Markup) -> str:
    if m.kind == "code":
        return f"`{m.text.strip('`')}`" if not m.text.startswith("`") else m.text
    if m.kind == "link":
        return m.key.split(":", 1)[1] or "(empty)"
    return m.text


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _inventory(text: str, fmt: str) -> tuple[Counter[str], dict[str, Markup]]:
    items = inline_markup(text, format=fmt)
    first: dict[str, Markup] = {}
    for m in items:
        first.setdefault(m.key, m)
    return Counter(m.key for m in items), first


def _may_have_markup(text: str) -> bool:
    return any(c in text for c in "<>&`*_[~")


@check("markup-missing", severity=Severity.ERROR, sees_markup=True)
def markup_missing(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """Tags, link targets, code and emphasis markers must all be kept, once each, unchanged."""
    fmt = ctx.format
    if fmt not in MARKUP_FORMATS or not unit.target:
        return
    if not _may_have_markup(unit.source) and not _may_have_markup(unit.target):
        return
    want, src_first = _inventory(unit.source, fmt)
    have, tgt_first = _inventory(unit.target, fmt)
    if want == have:
        return
    extra = [k for k in have if k not in want]
    for key, count in want.items():
        got = have[key]
        m = src_first[key]
        label = _LABELS.get(m.kind, "markup")
        if got == 0:
            instead = [tgt_first[k] for k in extra if tgt_first[k].kind == m.kind]
            hint = f"; the translation has {', '.join(_shown(x) for x in instead)}" if instead else ""
            yield Issue(f"{label} {_shown(m)} is missing or changed in the translation{hint}")
        elif got != count:
            yield Issue(f"{label} {_shown(m)} appears {_times(count)} in the source but {_times(got)} in the translation")
    source_kinds = {src_first[k].kind for k in want}
    for key in extra:
        m = tgt_first[key]
        if m.kind in source_kinds and any(want[k] > have[k] for k in want if src_first[k].kind == m.kind):
            continue  # already reported as what a missing item was changed into
        yield Issue(f"the translation adds {_LABELS.get(m.kind, 'markup')} {_shown(m)}, which the source does not have")


@check("markup-balanced", severity=Severity.ERROR, sees_markup=True)
def markup_balanced(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """Tags must pair up and nest in the translation as they do in the source."""
    fmt = ctx.format
    if fmt not in MARKUP_FORMATS or not unit.target or "<" not in unit.target:
        return
    bad = unbalanced(unit.target, format=fmt)
    if not bad:
        return
    if unbalanced(unit.source, format=fmt):
        return  # the source's tags do not pair up either (a fragment); nothing to compare
    shown = ", ".join(m.text for m in sorted(bad, key=lambda m: m.start))
    yield Issue(f"tags do not pair up in the translation (closed out of order or left open): {shown}")
