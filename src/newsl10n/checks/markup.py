"""The ``placeables-*`` checks: links, e-mails, @handles and #hashtags survive verbatim.

A reader who clicks a mangled ``pic.twitter.com`` link or an @handle with a
transliterated letter lands nowhere, so these are compared character for
character, using the same patterns as segmentation and MT protection
(:mod:`newsl10n.placeables`). Each kind is its own check so that a desk that
translates hashtags can ``--ignore placeables-hashtag`` and keep the rest.

The comparison is by multiset: the source's ``@DefenceU`` must appear in the
translation as often as in the source, and a translation-only placeable is
reported alongside a missing one as what it was probably changed into.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from newsl10n.checks.base import CheckContext, Issue, check
from newsl10n.model import Severity, Unit
from newsl10n.placeables import VERBATIM_KINDS, find_placeables

_LABELS = {
    "url": "link",
    "email": "e-mail address",
    "handle": "handle",
    "hashtag": "hashtag",
}


_GLUE_TAIL = r"(?![A-Za-z0-9_/%.@-])"


def _of_kind(text: str, kind: str) -> Counter[str]:
    """The placeables of ``kind`` in ``text``, counted."""
    return Counter(p.text for p in find_placeables(text, kinds=VERBATIM_KINDS) if p.kind == kind)


def _normalise(kind: str, text: str) -> str:
    """The form two placeables of ``kind`` must share to count as unchanged."""
    if kind == "url":
        # Punctuation the URL pattern may or may not swallow at a sentence end.
        return text.rstrip("/")
    if kind == "email":
        # Mail domains and, in practice, local parts are case-insensitive.
        return text.lower()
    return text


def _glued(text: str, target: str) -> bool:
    """True when ``text`` is in ``target`` intact but glued to non-ASCII letters.

    ``pic.twitter.com/abcДжерело`` (a missing space) hides the link from the
    pattern although it is unchanged; ``@DefenceUA`` for ``@DefenceU`` is a
    different handle and does not count.
    """
    return re.search(re.escape(text) + _GLUE_TAIL, target) is not None


def compare_placeables(unit: Unit, kind: str) -> Iterator[Issue]:
    """Yield one issue per placeable of ``kind`` missing or changed in the target.

    Args:
        unit: the catalog entry; nothing is reported when its target is empty.
        kind: a kind of :data:`newsl10n.placeables.KINDS` (``url``, ``email``...).
    """
    if not unit.target or not any(p.kind == kind for p in find_placeables(unit.source, kinds=VERBATIM_KINDS)):
        return  # the common case, decided without building counters
    source = _of_kind(unit.source, kind)
    target = _of_kind(unit.target, kind)
    wanted = Counter({_normalise(kind, k): n for k, n in source.items()})
    have: Counter[str] = Counter()
    for text, n in target.items():
        have[_normalise(kind, text)] += n
    extra = [t for t in target if _normalise(kind, t) not in wanted]
    label = _LABELS[kind]
    for text, count in source.items():
        key = _normalise(kind, text)
        got = have[key]
        if got >= count:
            continue
        if got == 0 and not _glued(text, unit.target):
            instead = f"; the translation has {', '.join(extra)}" if extra else ""
            yield Issue(f"{label} {text} is missing or changed in the translation{instead}")
        elif got == 0:
            # Present but glued to letters the pattern then swallowed: still intact.
            continue
        else:
            yield Issue(
                f"{label} {text} appears {count} times in the source but {got} in the translation"
            )


@check("placeables-url", severity=Severity.ERROR)
def placeables_url(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """Links, including bare pic.twitter.com links, must be copied unchanged."""
    yield from compare_placeables(unit, "url")


@check("placeables-handle", severity=Severity.ERROR)
def placeables_handle(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """Social media @handles must be copied unchanged."""
    yield from compare_placeables(unit, "handle")


@check("placeables-hashtag", severity=Severity.WARNING)
def placeables_hashtag(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """#Hashtags should be copied unchanged (some desks translate them)."""
    yield from compare_placeables(unit, "hashtag")


@check("placeables-email", severity=Severity.ERROR)
def placeables_email(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """E-mail addresses must be copied unchanged."""
    yield from compare_placeables(unit, "email")
