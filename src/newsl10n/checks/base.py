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


CheckFunc = Callable[[Unit, CheckContext], Iterator[Issue]]


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check: stable kebab-case id, default severity, title."""

    id: str
    severity: Severity
    title: str
    func: CheckFunc


REGISTRY: dict[str, Check] = {}


def check(check_id: str, *, severity: Severity) -> Callable[[CheckFunc], CheckFunc]:
    """Register ``func`` under ``check_id``; its docstring's first line is the title."""

    def register(func: CheckFunc) -> CheckFunc:
        if check_id in REGISTRY:
            raise RuntimeError(f"check {check_id!r} registered twice")
        title = (func.__doc__ or check_id).strip().splitlines()[0]
        REGISTRY[check_id] = Check(check_id, severity, title, func)
        return func

    return register
