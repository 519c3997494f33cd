"""Glossary checks: approved terms present, deprecated variants absent.

All three ask :func:`newsl10n.glossary.audit`, which is memoised per glossary,
so a unit is analysed once however many of these checks run. Each check is
silent when the run has no glossary (``ctx.glossary is None``). Fuzzy drafts are
checked like reviewed translations; downgrading them to warnings is the runner's
job.
"""

from __future__ import annotations

from collections.abc import Iterator

from newsl10n.checks.base import CheckContext, Issue, check
from newsl10n.glossary import Glossary, audit
from newsl10n.glossary.model import SOURCE_LANG
from newsl10n.model import Severity, Unit


def _glossary(ctx: CheckContext) -> Glossary | None:
    glossary = ctx.glossary
    return glossary if isinstance(glossary, Glossary) else None


def _quoted(names: list[str]) -> str:
    return " or ".join(f'"{n}"' for n in names)


@check("glossary-term-missing", severity=Severity.ERROR)
def glossary_term_missing(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """Translation must use the approved term (in any form) for each glossary concept in the source."""
    glossary = _glossary(ctx)
    if glossary is None or not unit.target:
        return
    for missing in audit(glossary, unit.source, unit.target, ctx.lang).missing:
        concept = missing.concept
        if concept.do_not_translate:
            yield Issue(
                f'source has "{missing.source.text}" but translation lacks "{missing.preferred.text}" '
                "(do not translate: keep it verbatim)"
            )
            continue
        names = [missing.preferred.text]
        admitted = [t.text for t in missing.required[1:]]
        also = f"; admitted: {_quoted(admitted)}" if admitted else ""
        yield Issue(
            f'source has "{missing.source.text}" but translation lacks {_quoted(names)} (any form){also}'
        )


@check("glossary-deprecated-target", severity=Severity.ERROR)
def glossary_deprecated_target(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """Translation must not use a deprecated variant of a glossary term."""
    glossary = _glossary(ctx)
    if glossary is None or not unit.target:
        return
    for use in audit(glossary, unit.source, unit.target, ctx.lang).deprecated_target:
        instead = f'; use "{use.preferred.text}"' if use.preferred is not None else ""
        note = f" ({use.hit.term.note})" if use.hit.term.note else ""
        yield Issue(f'translation uses deprecated "{use.hit.text}"{note}{instead}')


@check("glossary-deprecated-source", severity=Severity.WARNING)
def glossary_deprecated_source(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """Source uses a deprecated English spelling (may be verbatim in a quote)."""
    glossary = _glossary(ctx)
    if glossary is None:
        return
    seen: set[str] = set()
    for hit in glossary.source_matcher.find(unit.source):
        if not hit.deprecated or hit.text in seen:
            continue
        seen.add(hit.text)
        preferred = hit.concept.preferred(SOURCE_LANG)
        instead = f'; the desk spells it "{preferred.text}"' if preferred is not None else ""
        yield Issue(f'source uses deprecated "{hit.text}"{instead} (fine inside a verbatim quote)')
