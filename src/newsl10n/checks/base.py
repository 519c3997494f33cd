"""The check registry: ``@check`` turns a function into a named, documented QA check.

A check is a function ``(unit, ctx) -> Iterator[Finding-like]`` that yields
:class:`Issue` objects and never raises to report. Registration is explicit (a
module is imported by ``checks/__init__.py``), never ``dir()`` discovery.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from newsl10n.model import Severity, Unit


@dataclass(frozen=True, slots=True)
class Issue:
    """What a check reports about one unit; ``run_checks`` adds file/line/msgid."""

    message: str
    severity: Severity | None = None  # None: the check's default severity


@dataclass(frozen=True, slots=True)
class CheckContext:
    """Everything a check may need besides the unit itself."""

    lang: str  # target language of the catalog, e.g. "uk"
    path: str = ""  # the PO file being checked
    glossary: Any = None  # newsl10n.glossary.Glossary | None
    options: dict[str, Any] = field(default_factory=dict)
    # The catalog's Plural-Forms header ("nplurals=3; plural=(...);"), None when absent.
    plural_forms: str | None = None
    # False when Babel has no locale data for ``lang`` (e.g. "udm"): checks that
    # need it (number symbols) fall back to locale-free comparisons.
    lang_known: bool = True
    # The article format of the catalog (its X-Newsl10n-Format header): "html" or
    # "markdown" entries carry inline markup; None or "text" means plain text.
    format: str | None = None


CheckFunc = Callable[[Unit, CheckContext], Iterator[Issue]]


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check: stable kebab-case id, default severity, title.

    ``per_entry`` checks see a gettext plural entry whole (``source_plural``,
    ``targets``); the others see one singular view per plural form, its target
    paired with the source form it translates (:mod:`newsl10n.checks.plurals`).
    """

    id: str
    severity: Severity
    title: str
    func: CheckFunc
    per_entry: bool = False
    sees_markup: bool = False


REGISTRY: dict[str, Check] = {}


def check(
    check_id: str, *, severity: Severity, per_entry: bool = False, sees_markup: bool = False
) -> Callable[[CheckFunc], CheckFunc]:
    """Register ``func`` under ``check_id``; its docstring's first line is the title.

    Args:
        check_id: the stable kebab-case id.
        severity: the default severity of its findings.
        per_entry: pass plural entries whole instead of one view per form.
        sees_markup: in an HTML or Markdown catalog, see the entries with their
            inline markup; the other checks see the text inside it
            (:func:`newsl10n.formats.inline.readable_text`).
    """

    def register(func: CheckFunc) -> CheckFunc:
        if check_id in REGISTRY:
            raise RuntimeError(f"check {check_id!r} registered twice")
        title = (func.__doc__ or check_id).strip().splitlines()[0]
        REGISTRY[check_id] = Check(check_id, severity, title, func, per_entry, sees_markup)
        return func

    return register
