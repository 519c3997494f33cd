"""gettext plural entries: the catalog's plural rule, per-form views, the ``plural-forms`` check.

A plural entry has two sources (``msgid``, ``msgid_plural``) and ``nplurals``
translations (``msgstr[0..N-1]``). Which source a form translates depends on
the language's rule in the ``Plural-Forms`` header: the form that ``n = 1``
selects translates ``msgid`` when it is used only for one-like numbers (1, and
21, 31... in Ukrainian; 0 and 1 in French), so no number from 2 to 10 selects
it; every other form translates ``msgid_plural``. In Japanese (``nplurals=1``)
the single form is used for every n, so it translates ``msgid_plural``.

The rule is a C expression; Babel only evaluates CLDR rules (``babel.plural``),
so it is evaluated by the standard library's ``gettext.c2py``, which parses it
with a tokenizer (no ``eval`` of arbitrary text) and raises ``ValueError`` on
anything that is not a plural expression. GNU ``msgfmt`` also needs, for its
format-string check, which forms are used "often" (by at least 5 values of n
in 0..1000): :attr:`PluralRule.often`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from newsl10n.checks.base import CheckContext, Issue, check
from newsl10n.model import Severity, Unit

_NPLURALS_RE = re.compile(r"nplurals\s*=\s*(\d+)")
_PLURAL_RE = re.compile(r"plural\s*=\s*([^;]+)")
_OFTEN = 5  # GNU msgl-check.c: a form chosen this often in 0..1000 is "often"


@dataclass(frozen=True, slots=True)
class PluralRule:
    """A parsed ``Plural-Forms`` header."""

    nplurals: int
    expression: str
    form_of: Callable[[int], int]
    singular: int | None  # the form translating msgid, None when every form translates msgid_plural
    often: tuple[bool, ...]  # per form: used for infinitely many n (GNU's distribution)

    def source_index(self, form: int) -> int:
        """0 when msgstr[form] translates msgid, 1 when it translates msgid_plural."""
        return 0 if form == self.singular else 1


@lru_cache(maxsize=64)
def parse_plural_forms(header: str | None) -> PluralRule | None:
    """The rule of a ``Plural-Forms`` header value; None when it is absent or invalid."""
    if not header:
        return None
    n = _NPLURALS_RE.search(header)
    expr = _PLURAL_RE.search(header)
    if n is None or expr is None:
        return None
    import gettext

    try:
        func = gettext.c2py(expr.group(1).strip())
        nplurals = int(n.group(1))
        counts = [0] * nplurals
        for value in range(1001):
            form = func(value)
            if not 0 <= form < nplurals:
                return None
            counts[form] += 1
    except (ValueError, RecursionError, ZeroDivisionError, OverflowError):
        return None
    if nplurals < 1:
        return None
    one = func(1)
    singular = one if all(func(value) != one for value in range(2, 11)) else None
    return PluralRule(nplurals, expr.group(1).strip(), func, singular, tuple(c >= _OFTEN for c in counts))


@lru_cache(maxsize=64)
def default_rule(lang: str) -> PluralRule | None:
    """Babel's rule for ``lang``, for catalogs without a ``Plural-Forms`` header."""
    from babel.core import UnknownLocaleError
    from babel.messages.plurals import get_plural

    try:
        tup = get_plural(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    return parse_plural_forms(f"nplurals={tup.num_plurals}; plural={tup.plural_expr};")


def rule_for(ctx: CheckContext) -> PluralRule | None:
    """The catalog's plural rule, or Babel's for its language when the header has none."""
    return parse_plural_forms(ctx.plural_forms) or default_rule(ctx.lang)


def form_views(unit: Unit, ctx: CheckContext) -> list[tuple[tuple[int, ...], Unit]]:
    """Singular views of a plural entry: ``((form, ...), view)`` per distinct pair.

    Each view's ``source`` is the source form that its ``target`` translates;
    forms with the same source and translation share one view, so a finding
    is reported once for "msgstr[1], msgstr[2]".
    """
    rule = rule_for(ctx)
    sources = (unit.source, unit.source_plural or unit.source)
    pairs: dict[tuple[str, str], list[int]] = {}
    for form, target in enumerate(unit.targets):
        if rule is not None:
            index = rule.source_index(form)
        else:
            index = 0 if form == 0 else 1  # the Germanic default, as msgfmt assumes
        pairs.setdefault((sources[index], target), []).append(form)
    return [
        (tuple(forms), replace(unit, source=src, target=tgt, source_plural=None, targets=()))
        for (src, tgt), forms in pairs.items()
    ]


@check("plural-forms", severity=Severity.ERROR, per_entry=True)
def plural_forms(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """A plural entry must have as many translations as the catalog's nplurals."""
    if not unit.is_plural or not any(unit.targets):
        return
    rule = parse_plural_forms(ctx.plural_forms)
    if rule is None:
        yield Issue("plural entry, but the catalog has no valid Plural-Forms header (nplurals=N; plural=EXPR;)")
        return
    if len(unit.targets) != rule.nplurals:
        yield Issue(
            f"{len(unit.targets)} plural forms (msgstr[N]) but the catalog's Plural-Forms says nplurals={rule.nplurals}"
        )
    empty = [f"msgstr[{i}]" for i, t in enumerate(unit.targets) if not t]
    if empty:
        yield Issue(f"plural form left empty: {', '.join(empty)}", Severity.WARNING)
