"""The ``length-ratio`` check: a translation wildly longer or shorter than its source.

A machine draft that stopped half way (truncation at ``max_new_tokens``) or
that hallucinated a repeated phrase shows up first as a length out of
proportion with the source. Lengths are counted in characters with
placeables (links, handles, hashtags, e-mails) removed, since they do not
grow in translation, and whitespace runs collapsed.

Bounds are per language pair. For English → Ukrainian and English → Russian
news sentences, the correct translations of the labelled reference set
``tests/data/checks/labelled.tsv`` (103 rows marked ``ok`` with sources over
20 characters, uk and ru) measure 0.69–1.64 × the source, median 1.00; the
usual figure for uk/ru news is 0.9–1.4×. The bounds (0.55, 2.0) leave a wide
margin on both sides, because a false alarm on every long compound name or
terse headline costs more trust than a rare borderline draft; truncated and
looping drafts in the set measure 0.08–0.44 and 2.2–3.8. Segments under ``MIN_CHARS`` characters
are not checked: "Так." for "Yes, he did." is fine.

Other languages get the bounds of their script, found from CLDR's likely
subtags through Babel (``ja`` → ``Jpan``, ``ar`` → ``Arab``, ``sr`` →
``Cyrl``): :data:`SCRIPT_BOUNDS`. Scripts that write a word in one or two
characters (Han, Japanese, Korean) run 0.25–0.6× English; Arabic and Hebrew,
which omit short vowels and fuse articles and prepositions, 0.7–1.1×; Cyrillic,
Greek and Latin languages 0.9–1.4×. Measured on the reviewed catalogs and the
correct rows of ``tests/data/checks/labelled_locales.tsv`` (sources of 20+
characters): ar 0.48–1.34 (median 0.83), ja 0.38–0.63 (0.49), de 0.79–1.79
(1.18), fr 0.97–1.82 (1.22), es 0.76–1.62 (1.12), pl 0.66–1.32 (1.00); the
truncated drafts of that set measure 0.10–0.34.

Options (``ctx.options``): ``length_bounds`` maps a language to ``(low, high)``;
``length_min_chars`` overrides :data:`MIN_CHARS`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from newsl10n.checks.base import CheckContext, Issue, check
from newsl10n.model import Severity, Unit
from newsl10n.placeables import mask_verbatim

MIN_CHARS = 20
# (low, high) bounds of len(target) / len(source), per target language.
BOUNDS: dict[str, tuple[float, float]] = {
    "uk": (0.55, 2.0),
    "ru": (0.55, 2.0),
    "be": (0.55, 2.0),
    "bg": (0.55, 2.0),
    "de": (0.6, 2.2),
    "fr": (0.6, 2.2),
    "es": (0.6, 2.2),
    "zh": (0.15, 1.0),
    "ja": (0.2, 1.2),
    "ko": (0.2, 1.2),
}
# Per script (ISO 15924 code, as CLDR's likely subtags give it).
SCRIPT_BOUNDS: dict[str, tuple[float, float]] = {
    "Latn": (0.6, 2.2),
    "Cyrl": (0.55, 2.0),
    "Grek": (0.6, 2.2),
    "Arab": (0.4, 1.8),
    "Hebr": (0.45, 1.7),
    "Hans": (0.15, 1.0),
    "Hant": (0.15, 1.0),
    "Jpan": (0.2, 1.2),
    "Kore": (0.2, 1.2),
    "Thai": (0.45, 2.0),
}
DEFAULT_BOUNDS = (0.5, 2.2)


@lru_cache(maxsize=64)
def script_of(lang: str) -> str | None:
    """The ISO 15924 script ``lang`` is written in, from CLDR's likely subtags (None if unknown).

    An explicit script subtag wins (``sr_Latn``, ``zh-Hant``).
    """
    parts = lang.replace("-", "_").split("_")
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            return part.title()
    from babel.core import get_global

    likely = get_global("likely_subtags")
    full = likely.get(lang.replace("-", "_")) or likely.get(parts[0])
    if not full:
        return None
    for part in str(full).split("_")[1:]:
        if len(part) == 4:
            return part
    return None
# Beyond these, the draft is almost certainly broken: an error, not a warning.
SEVERE_FACTOR = 1.5


@lru_cache(maxsize=4096)  # a source is asked about once per language
def measured_length(text: str) -> int:
    """Characters of ``text`` that translation scales: no placeables, single spaces."""
    return len(" ".join(mask_verbatim(text).split()))


def bounds_for(lang: str, *, options: dict[str, object] | None = None) -> tuple[float, float]:
    """The (low, high) ratio bounds for translations into ``lang``."""
    base = lang.replace("-", "_").split("_", 1)[0]
    custom = (options or {}).get("length_bounds")
    if isinstance(custom, dict):
        for key in (lang, base):
            value = custom.get(key)
            if isinstance(value, (tuple, list)) and len(value) == 2:
                return float(value[0]), float(value[1])
    if base in BOUNDS:
        return BOUNDS[base]
    script = script_of(lang)
    return SCRIPT_BOUNDS.get(script, DEFAULT_BOUNDS) if script else DEFAULT_BOUNDS


@check("length-ratio", severity=Severity.WARNING)
def length_ratio(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """The translation must not be far shorter or longer than the source."""
    if not unit.target:
        return
    min_chars = ctx.options.get("length_min_chars", MIN_CHARS)
    source_len = measured_length(unit.source)
    if source_len < (min_chars if isinstance(min_chars, int) else MIN_CHARS):
        return
    ratio = measured_length(unit.target) / source_len
    low, high = bounds_for(ctx.lang, options=ctx.options)
    if ratio < low:
        severity = Severity.ERROR if ratio < low / SEVERE_FACTOR else None
        yield Issue(
            f"translation is {ratio:.2f}× the source length (expected at least {low:g}×);"
            " is it truncated?",
            severity,
        )
    elif ratio > high:
        severity = Severity.ERROR if ratio > high * SEVERE_FACTOR else None
        yield Issue(
            f"translation is {ratio:.2f}× the source length (expected at most {high:g}×);"
            " does it repeat or add text?",
            severity,
        )
