"""The ``source-leftover`` check: English phrases left inside a Latin-script translation.

In a translation into German, French, Polish or Spanish an untranslated
English word is spelled in the same letters as the words around it, so the
script test of ``latin-leftover`` cannot see it. What gives it away is that
it is *copied*: a run of lower-case words that stand next to each other in
the source stands next to each other in the translation ("fanden ein mass
grave", "plus de 440 bodies were"). Reported:

* two or more adjacent lower-case source words copied in order, when at least
  one is an English function word, both have four letters or more ("mass
  grave"), or the run has three words; Latin phrases that every language
  borrows (``de facto``, ``status quo``) are not English;
* a single copied English function word of four letters or more
  (``which``, ``their``, ``were``... not ``a``, ``in`` or ``die``).

Capitalised words (names, which keep their spelling), placeables, code and
quoted single words (see :mod:`newsl10n.checks.untranslated`) are not
words of the run. Function words that are also words of common Latin-script
languages ("in", "die", "also", "a", "on") are not in :data:`ENGLISH_ONLY`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from newsl10n.checks.base import CheckContext, Issue, check
from newsl10n.model import Severity, Unit

# English function words that are not words of German, French, Spanish,
# Italian, Portuguese, Dutch, Polish, Czech, Turkish... news copy.
ENGLISH_ONLY = frozenset({
    "the", "of", "and", "were", "was", "with", "from", "that", "which", "have", "has", "been",
    "their", "they", "than", "who", "would", "could", "should", "into", "after", "about",
    "there", "these", "those", "this", "what", "when", "where", "while", "because", "people",
    "said", "more", "other", "some", "such", "only", "also", "being", "between", "against",
    "many", "most", "over", "under", "found", "killed", "bodies", "city", "town", "war",
    "its", "his", "her", "our", "your", "them", "him", "she", "will", "can", "not",
})  # fmt: skip
# Phrases English shares with the languages it is translated into.
SHARED_PHRASES = frozenset({"de facto", "de jure", "status quo", "ad hoc", "per capita", "vice versa",
                            "per se", "in situ", "in vitro", "pro forma", "a priori", "post mortem"})  # fmt: skip
_LOWER_WORD_RE = re.compile(r"(?<![\w’'-])([a-z]+(?:[’'-][a-z]+)*)(?![\w’'-])")
_WORD_RE = re.compile(r"[^\W\d_][\w’'-]*")


@lru_cache(maxsize=4096)
def _source_pairs(source: str) -> frozenset[tuple[str, str]]:
    """Adjacent pairs of lower-case words of the English source."""
    words = [w.casefold() if w[:1].islower() else "" for w in _WORD_RE.findall(_masked(source))]
    return frozenset((a, b) for a, b in zip(words, words[1:]) if a and b)


def _masked(text: str) -> str:
    from newsl10n.checks.untranslated import _mask

    return _mask(text, ())


def copied_runs(source: str, target: str) -> list[str]:
    """Runs of English words of ``source`` copied into ``target``, as written there."""
    pairs = _source_pairs(source)
    source_words = {w for pair in pairs for w in pair} | {
        w.casefold() for w in _LOWER_WORD_RE.findall(_masked(source))
    }
    words = [(m.group(), m.start()) for m in _WORD_RE.finditer(_masked(target))]
    runs: list[list[str]] = []
    current: list[str] = []
    for (word, _), nxt in zip(words, [*words[1:], None]):
        if not current:
            current = [word]
        if nxt is not None and word[:1].islower() and nxt[0][:1].islower() and (word, nxt[0]) in pairs:
            current.append(nxt[0])
            continue
        runs.append(current)
        current = []
    found: list[str] = []
    for run in runs:
        lowered = [w.casefold() for w in run]
        if " ".join(lowered) in SHARED_PHRASES:
            continue
        if len(run) >= 3 or (
            len(run) == 2 and (any(w in ENGLISH_ONLY for w in lowered) or min(map(len, lowered)) >= 4)
        ):
            found.append(" ".join(run))
        elif (
            len(run) == 1
            and run[0][:1].islower()
            and lowered[0] in ENGLISH_ONLY
            and len(lowered[0]) >= 4
            and lowered[0] in source_words
        ):
            found.append(run[0])
    return found


@check("source-leftover", severity=Severity.WARNING)
def source_leftover(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """A Latin-script translation must not contain English words copied from the source."""
    if not unit.target:
        return
    from newsl10n.checks.untranslated import _target_script

    lang = ctx.lang.replace("-", "_").split("_", 1)[0]
    if lang == "en" or _target_script(ctx.lang) != "Latn":
        return
    if " ".join(unit.target.split()).casefold() == " ".join(unit.source.split()).casefold():
        return  # a whole copy: reported by ``untranslated``
    runs = copied_runs(unit.source, unit.target)
    if runs:
        yield Issue(f"English left untranslated: {', '.join(dict.fromkeys(runs))}")
