"""Quality checks: the registry, the theme modules, and :func:`run_checks`.

Every theme module is imported here, explicitly, so that importing
``newsl10n.checks`` registers every check (no ``dir()`` discovery). A check
yields :class:`~newsl10n.checks.base.Issue` objects; :func:`run_checks` turns
them into :class:`~newsl10n.model.Finding` objects with the file, line and
msgid, applies ``--select``/``--ignore``, the per-entry suppression flags a
translator writes in the PO file, and downgrades findings on machine drafts.

Suppression flags (``#,`` comments of a PO entry)::

    #, newsl10n-ignore                    all checks
    #, newsl10n-ignore:numbers            one check
    #, newsl10n-ignore:numbers,length     several; a theme prefix ("placeables",
                                          "length") stands for all its checks

gettext tools (polib included) split a flag line at commas, so
``newsl10n-ignore:numbers,length`` arrives as two flags, ``newsl10n-ignore:numbers``
and ``length``; a bare check id or theme among the flags of an entry that has a
``newsl10n-ignore:`` flag is therefore read as part of that list.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable
from dataclasses import replace

from newsl10n.checks import (  # noqa: F401  (imported to register their checks)
    formats,
    glossary,
    language,
    leftovers,
    length,
    markup,
    markup_tags,
    numbers,
    plurals,
    punctuation,
    untranslated,
    whitespace,
)
from newsl10n.checks.base import REGISTRY, Check, CheckContext, Issue, check
from newsl10n.checks.markup_tags import MARKUP_FORMATS
from newsl10n.checks.plurals import form_views
from newsl10n.errors import UsageError
from newsl10n.formats.inline import readable_text
from newsl10n.model import Finding, Severity, Unit, UnitState

__all__ = [
    "IGNORE_FLAG",
    "Check",
    "CheckContext",
    "Issue",
    "check",
    "list_checks",
    "resolve_ids",
    "run_checks",
    "suppressed_checks",
]

logger = logging.getLogger(__name__)

IGNORE_FLAG = "newsl10n-ignore"


def list_checks() -> list[Check]:
    """Every registered check, sorted by id."""
    return [REGISTRY[k] for k in sorted(REGISTRY)]


def _expand(name: str) -> set[str]:
    """Check ids that ``name`` stands for: itself, or every ``name-*`` check."""
    name = name.strip()
    if name in REGISTRY:
        return {name}
    return {k for k in REGISTRY if k.startswith(name + "-")}


def resolve_ids(names: Iterable[str], *, option: str) -> set[str]:
    """Turn ``--select``/``--ignore`` values into check ids.

    Args:
        names: check ids or theme prefixes (``placeables`` → every ``placeables-*``).
        option: the option name for the error message.

    Raises:
        UsageError: a name matches no check; the message lists the valid ids.
    """
    ids: set[str] = set()
    unknown: list[str] = []
    for name in names:
        found = _expand(name)
        if not found:
            unknown.append(name)
        ids |= found
    if unknown:
        valid = ", ".join(sorted(REGISTRY))
        raise UsageError(
            f"unknown check id for {option}: {', '.join(unknown)}",
            hint=f"valid ids: {valid}",
        )
    return ids


def suppressed_checks(flags: Collection[str]) -> set[str] | None:
    """Check ids an entry's flags suppress; ``None`` means all of them.

    Unknown ids in a flag are ignored (logged): a typo in one PO entry must not
    stop a whole ``check`` run.
    """
    names: list[str] = []
    listed = False
    for flag in flags:
        flag = flag.strip()
        if flag == IGNORE_FLAG:
            return None
        if flag.startswith(IGNORE_FLAG + ":"):
            listed = True
            names.extend(n for n in flag.split(":", 1)[1].split(",") if n.strip())
    if not listed:
        return set()
    # The rest of a comma-split list arrives as separate flags.
    names.extend(f for f in flags if _expand(f))
    ids: set[str] = set()
    for name in names:
        found = _expand(name)
        if not found:
            logger.warning("unknown check id %r in a %s flag", name, IGNORE_FLAG)
        ids |= found
    return ids


def run_checks(
    units: Iterable[Unit],
    ctx: CheckContext,
    *,
    select: Collection[str] | None = None,
    ignore: Collection[str] = (),
    strict: bool = False,
) -> list[Finding]:
    """Run the checks on ``units`` and return the findings in unit order.

    Every unit is passed to every check; checks of the translation return at
    once when the target is empty, checks of the source (glossary) still run.

    Args:
        units: catalog entries, e.g. from ``catalog.read_catalog``.
        ctx: language, PO path, glossary and options.
        select: run only these check ids or themes (default: all).
        ignore: skip these check ids or themes.
        strict: keep the checks' severities on machine drafts; by default
            findings on fuzzy units (``UnitState.MT_DRAFT``) are at most warnings.

    Raises:
        UsageError: ``select`` or ``ignore`` names an unknown check.
    """
    chosen = resolve_ids(select, option="--select") if select is not None else set(REGISTRY)
    chosen -= resolve_ids(ignore, option="--ignore")
    checks = [REGISTRY[k] for k in sorted(chosen)]
    findings: list[Finding] = []
    has_markup = ctx.format in MARKUP_FORMATS
    for unit in units:
        skip = suppressed_checks(unit.flags)
        if skip is None:
            continue
        draft = unit.state is UnitState.MT_DRAFT
        views = form_views(unit, ctx) if unit.is_plural and unit.targets else None
        text_unit, text_views = unit, views
        if has_markup:
            # Most checks read words, numbers and punctuation: they see the text inside the markup.
            text_unit = readable_unit(unit, ctx.format or "")
            if text_unit is not unit:
                text_views = form_views(text_unit, ctx) if text_unit.is_plural and text_unit.targets else None
        for chk in checks:
            if chk.id in skip:
                continue
            seen, seen_views = (unit, views) if chk.sees_markup else (text_unit, text_views)
            issues = chk.func(seen, ctx) if seen_views is None or chk.per_entry else _form_issues(chk, ctx, seen_views)
            for issue in issues:
                severity = issue.severity if issue.severity is not None else chk.severity
                if draft and not strict:
                    severity = min(severity, Severity.WARNING)
                findings.append(
                    Finding(
                        file=ctx.path,
                        line=unit.line,
                        check=chk.id,
                        severity=severity,
                        message=issue.message,
                        msgid=unit.source,
                    )
                )
    return findings


def readable_unit(unit: Unit, fmt: str) -> Unit:
    """``unit`` with the markup of its source and targets taken out (``unit`` itself when it has none)."""
    source = readable_text(unit.source, format=fmt)
    target = readable_text(unit.target, format=fmt)
    plural = readable_text(unit.source_plural, format=fmt) if unit.source_plural is not None else None
    targets = tuple(readable_text(t, format=fmt) for t in unit.targets)
    if source == unit.source and target == unit.target and plural == unit.source_plural and targets == unit.targets:
        return unit
    return replace(unit, source=source, target=target, source_plural=plural, targets=targets)


def _form_issues(chk: Check, ctx: CheckContext, views: list[tuple[tuple[int, ...], Unit]]) -> list[Issue]:
    """The issues of one check on the forms of a plural entry, merged.

    The same issue on several forms ("msgstr[1], msgstr[2]: ...") is one
    finding, and every finding of the entry points at its msgid line.
    """
    merged: dict[Issue, list[int]] = {}
    for forms, view in views:
        for issue in chk.func(view, ctx):
            merged.setdefault(issue, []).extend(forms)
    return [
        Issue(f"{', '.join(f'msgstr[{i}]' for i in sorted(forms))}: {issue.message}", issue.severity)
        for issue, forms in merged.items()
    ]
