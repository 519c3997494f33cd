"""The ``numbers`` check: every number of the source survives with the same value.

News copy lives and dies by its figures: a casualty count that becomes 404
instead of 440 is the worst thing a translation can do. Numbers are compared
by *value*, read in the locale they are written for:

* the English source is read with English conventions (``1,200`` = 1200,
  ``3.5`` = 3.5);
* the translation is read with the target locale's Babel symbols, so
  ``1 200`` (regular, no-break or narrow no-break space), ``1200`` and
  ``3,5`` all match in ``uk`` and ``ru``;
* dates and times are compared component by component: ``September 15, 2022``
  matches ``15 вересня 2022`` and ``2022-09-16`` matches ``16.09.2022``;
* digit ordinals (``15th`` → ``15-го``) are their number; ordinals and numbers
  written in words (``third``, ``three``) are not numbers and are not checked;
* digits glued to letters (``MH17``, ``G7``) are part of a name, not a figure;
* English clock times are read as times, because most desks write the 24-hour
  clock: ``6 p.m.`` matches ``18:00`` (or ``6`` with "вечора"), ``10:30 p.m.``
  matches ``22:30``, ``8 a.m.`` matches ``8:00`` and ``08:00``; ``noon`` and
  ``midnight`` match ``12:00`` and ``00:00``/``24:00`` or words;
* an English month name next to a day (``Sept. 15``, ``15 September``) is that
  month's number, which the translation may write (``15.09``) or spell
  (``15 вересня``); a translation that writes another month (``15.10``) has
  changed the date;
* format-string placeholders (``{0}``, ``%(count)d``) and inline HTML tags are
  not numbers;
* native digits are read as digits (Arabic-Indic ``٤٤٠``, Persian ``۴۴۰``,
  Devanagari ``४४०``, full-width ``４４０``), and the decimal and group symbols
  of every numbering system CLDR gives the locale are accepted (Arabic ``٣٫٥``
  and ``١٬٢٠٠`` as well as ``3.5`` and ``1,200``); groups of two (Indian
  ``12,00,000``) and the apostrophe of Swiss German (``1’200``, ``1'200``)
  are grouping;
* a small whole number of the source (up to :data:`SMALL_WORDS`) that the
  translation writes in words ("2" → "zwei", "3" → "trzy") is not missing,
  as long as the translation has no other figure in its place;
* a language Babel does not know (``ctx.lang_known`` false) is read without
  locale data: ``1 200``, ``1,200`` and ``1.200`` all match 1200, ``3,5``
  matches 3.5.

A number that is missing or changed is an error. A translation that keeps the
English format (``1,200`` reads as 1.2 in Ukrainian) gets a warning, and so does
a number that appears only in the translation.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from newsl10n.checks.base import CheckContext, Issue, check
from newsl10n.checks.numerals import (
    _CJK_RE,
    _SPACES,
    LOCALE_FREE,
    SOURCE_LOCALE,
    _known,
    _parse,
    _symbols,
    latin_digits,
)
from newsl10n.model import Severity, Unit
from newsl10n.placeables import mask_code, mask_verbatim

# Source integers up to this may be spelled out in a translation (AP and most
# desks' style guides spell out zero to nine); never a percentage ("9%").
SMALL_WORDS = 9
_PERCENT_RE = re.compile(r"(\d+)[ \u00a0\u202f]?(?:%|‰|per ?cent|percent)")

# A run of digits with internal separators, not glued to a letter ("MH17").
# A regular space only joins a following group of exactly three digits
# ("1 200", never "15 2022"); English sources split such runs again.
# (It starts with the digit and looks behind it: see placeables.NUMBER_RE.)
_NUMBER_RE = re.compile(
    r"\d(?<!\w\d)\d*"
    r"(?:(?:[.,:/\u00a0\u202f\u2009]|-(?=\d))\d+|[ ’'\u066c]\d{3}(?!\d)|\u066b\d+)*"
)
_ISO_DATE_RE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_TIME_OR_DATE_SEPARATORS = re.compile(r"[:/-]")


@dataclass(frozen=True, slots=True)
class Reading:
    """How one number token is understood.

    ``values`` are the figures the token stands for (one for ``1,200``, three
    for ``2022-09-16``). ``alternatives`` are other plausible figures (the
    digit groups of ``1 200`` read separately, or the English reading of a
    translation that kept the English format). ``optional`` values may be
    written in words in a translation (the month of an ISO date).
    """

    text: str
    values: tuple[Decimal, ...]
    alternatives: tuple[Decimal, ...] = ()
    english_value: Decimal | None = None
    optional: tuple[Decimal, ...] = ()
    # Other ways a source value set may be written (the 12-hour "6" of 6 p.m.).
    variants: tuple[tuple[Decimal, ...], ...] = ()
    # An optional value counts as changed when the translation has an unmatched
    # figure in this range instead (15.10 for "Sept. 15"): month 1-12, hour 0-24.
    replaced_by: tuple[int, int] | None = None


_DIGITS_RE = re.compile(r"\d+")

def _components(text: str) -> tuple[Decimal, ...]:
    """Every digit group of ``text`` as an integer (dates, times, odd formats)."""
    return tuple(Decimal(int(part)) for part in _DIGITS_RE.findall(text))


def _read_token(text: str, locale: str, *, is_source: bool) -> Reading:
    """Understand one number token written for ``locale``."""
    if _ISO_DATE_RE.fullmatch(text):
        parts = _components(text)
        return Reading(text, parts, optional=(parts[1],), replaced_by=(1, 12))
    if _TIME_OR_DATE_SEPARATORS.search(text):
        # 15:30, 10/12, 10-15: compare the parts.
        return Reading(text, _components(text))
    parts = _components(text)
    value = _parse(text, locale)
    english = None
    if not is_source:
        english = _parse(text, SOURCE_LOCALE)
        if english == value or _known(locale) == SOURCE_LOCALE:
            english = None
    if value is None:
        # 16.09.2022, or a format of neither locale: compare the digit groups.
        return Reading(text, parts, english_value=english)
    alternatives = parts if len(parts) > 1 else ()
    return Reading(text, (value,), alternatives, english)


def extract_numbers(text: str, *, locale: str, is_source: bool) -> list[Reading]:
    """The numbers written in ``text``, outside URLs, handles, hashtags and e-mails.

    Args:
        text: a source or target string.
        locale: the locale the text is written for (``en`` for sources).
        is_source: whether ``text`` is the English source (no English-format fallback).
    """
    return [_read_token(t, locale, is_source=is_source) for t in number_tokens(text, locale=locale)]


@lru_cache(maxsize=4096)  # a source is asked about once per language
def number_tokens(text: str, *, locale: str) -> tuple[str, ...]:
    """The number tokens of ``text`` as written, before they are read (see :func:`extract_numbers`)."""
    tokens: list[str] = []
    if locale != SOURCE_LOCALE:
        text = latin_digits(text, locale)
        if _CJK_RE.search(text):
            # Figures written against CJK characters or Arabic and Hebrew
            # proclitics (see _CJK_RE) are not names like "MH17".
            text = _CJK_RE.sub(" ", text)
    for token in _NUMBER_RE.findall(mask_code(mask_verbatim(text))):
        if " " in token and locale != LOCALE_FREE and _symbols(locale)[0] not in _SPACES:
            # English does not group with spaces: "in 2022 100 people" is two numbers.
            tokens.extend(t for t in token.split(" ") if t)
        else:
            tokens.append(token)
    return tuple(tokens)


def _take_all(slots: list[_Slot], values: tuple[Decimal, ...]) -> bool:
    """Consume every value of ``values`` from the target, or none of them."""
    saved = [(s.left.copy(), s.alt_left.copy(), s.mode) for s in slots]
    for value in values:
        found, _english = _take(slots, value)
        if not found:
            for slot, (left, alt_left, mode) in zip(slots, saved):
                slot.left, slot.alt_left, slot.mode = left, alt_left, mode
            return False
    return True


def _replaced(unmatched: list[tuple[Reading, Decimal]], slots: list[_Slot]) -> list[str]:
    """Optional values (a month, noon) that the translation wrote as another figure.

    "Sept. 15" may become "15 вересня" (no month figure), but "15.10" has a
    month 10 left over where 9 belonged.
    """
    leftover: list[Decimal] = []
    for slot in slots:
        if slot.mode == "":
            leftover.extend(slot.reading.values)
        elif slot.mode == "values":
            leftover.extend(slot.left.elements())
        elif slot.mode == "alternatives":
            leftover.extend(slot.alt_left.elements())
    out = []
    for reading, value in unmatched:
        if reading.replaced_by is None:
            continue
        low, high = reading.replaced_by
        if any(v != value and v == v.to_integral_value() and low <= v <= high for v in leftover):
            out.append(reading.text)
    return out


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f")


@dataclass(slots=True)
class _Slot:
    """A target reading being matched against source values.

    A reading is matched either through its ``values`` or through its
    ``alternatives`` ("1 200" as 1200, or as 1 and 200), never both.
    """

    reading: Reading
    left: Counter[Decimal]
    alt_left: Counter[Decimal]
    mode: str = ""  # "", "values", "alternatives", "english"


def _take(slots: list[_Slot], value: Decimal) -> tuple[bool, bool]:
    """Consume ``value`` from the target; returns (found, only in English format)."""
    for slot in slots:
        if slot.mode in ("", "values") and slot.left[value] > 0:
            slot.left[value] -= 1
            slot.mode = "values"
            return True, False
    for slot in slots:
        if slot.mode in ("", "alternatives") and slot.alt_left[value] > 0:
            slot.alt_left[value] -= 1
            slot.mode = "alternatives"
            return True, False
    for slot in slots:
        if not slot.mode and slot.reading.english_value == value:
            slot.mode = "english"
            return True, True
    return False, False


@check("numbers", severity=Severity.ERROR)
def numbers(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """Numbers in the translation must have the same values as in the source."""
    if not unit.target:
        return
    lang = ctx.lang if ctx.lang_known else LOCALE_FREE
    source_tokens = number_tokens(unit.source, locale=SOURCE_LOCALE)
    target_tokens = number_tokens(unit.target, locale=lang)
    if sorted(source_tokens) == sorted(target_tokens) and all(t.isascii() and t.isdigit() for t in source_tokens):
        # The same plain integers on both sides (or none): every locale reads
        # them alike, so the value-by-value comparison below would find nothing.
        return
    source = list(source_readings(unit.source))
    if lang == LOCALE_FREE:
        target = [_read_locale_free(t) for t in target_tokens]
    else:
        target = [_read_token(t, lang, is_source=False) for t in target_tokens]
    spelled = _PERCENT_RE.search(unit.source) is None
    yield from compare_numbers(source, target, lang=ctx.lang, spelled_out=spelled)


def _read_locale_free(text: str) -> Reading:
    """A translation's token read by English or by space-and-comma conventions."""
    if _TIME_OR_DATE_SEPARATORS.search(text) or _ISO_DATE_RE.fullmatch(text):
        return _read_token(text, SOURCE_LOCALE, is_source=True)
    # English (1,200.5), space-grouping (1 200,5) and dot-grouping (1.200,5) conventions.
    readings = [v for v in (_parse(text, SOURCE_LOCALE), _parse(text, "ru"), _parse(text, "de")) if v is not None]
    if not readings:
        return Reading(text, _components(text))
    alternatives = tuple(dict.fromkeys(readings[1:])) or (_components(text) if len(_components(text)) > 1 else ())
    return Reading(text, (readings[0],), alternatives)


_D = Decimal
# Written to start with the digit (see placeables.NUMBER_RE): the scan skips to digits.
_CLOCK_RE = re.compile(
    r"\d(?<![\w.,:]\d)\d?(?:[:.]\d{2})?[ \u00a0]?(?:[ap]\.?[ \u00a0]?m\b\.?|[AP]\.?[ \u00a0]?M\b\.?)",
    re.IGNORECASE,
)
_CLOCK_PARTS_RE = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\D*?([ap])", re.IGNORECASE)
_NOON_RE = re.compile(r"\b(?:12(?::00)?[ \u00a0])?(noon|midday|midnight)\b", re.IGNORECASE)
_MONTH_HINT_RE = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_MONTH_RE = re.compile(
    rf"\b(?P<m1>{_MONTH_NAME})[ \u00a0]+\d{{1,2}}(?:st|nd|rd|th)?\b(?![:.,]?\d)"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?[ \u00a0]+(?:of[ \u00a0]+)?(?P<m2>{_MONTH_NAME})(?!\w)"
)


_LONE_MONTH_RE = re.compile(
    r"\b(?:January|February|March|April|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.)(?!\w)"
)


def _month(name: str) -> Decimal:
    """The number of an English month name or abbreviation."""
    name = name.rstrip(".").lower()
    return _D(_MONTHS[name[:4] if name.startswith("sept") else name[:3]])


@lru_cache(maxsize=4096)  # a source is asked about once per language
def source_readings(text: str) -> tuple[Reading, ...]:
    """The numbers of an English source: clock times and month names read as such, then the rest."""
    masked = mask_code(mask_verbatim(text))
    readings: list[Reading] = []
    lowered = masked.lower()
    clocks: list[re.Match[str]] = []
    if "m" in lowered and _DIGITS_RE.search(masked):  # 6 p.m., 8am
        clocks.extend(_CLOCK_RE.finditer(masked))
    if "noon" in lowered or "midday" in lowered or "midnight" in lowered:
        clocks.extend(_NOON_RE.finditer(masked))
    if clocks:
        parts: list[str] = []
        last = 0
        for m in sorted(clocks, key=lambda m: m.start()):
            if m.start() < last:
                continue  # "12 a.m. midnight": one time, read once
            readings.append(_clock(m))
            parts += [masked[last : m.start()], " " * (m.end() - m.start())]
            last = m.end()
        masked = "".join(parts) + masked[last:]
    if _MONTH_HINT_RE.search(masked):
        for m in _MONTH_RE.finditer(masked):
            month = _month(m.group("m1") or m.group("m2"))
            readings.append(Reading(m.group(), (month,), optional=(month,), replaced_by=(1, 12)))
        # A month without a day ("in September", a calendar's "January") may be
        # written as its number (9月, 09.2022); never required.
        for m in _LONE_MONTH_RE.finditer(masked):
            if not any(r.text.find(m.group()) >= 0 for r in readings if r.replaced_by == (1, 12)):
                month = _month(m.group())
                readings.append(Reading(m.group(), (month,), optional=(month,)))
    readings.extend(_read_token(t, SOURCE_LOCALE, is_source=True) for t in number_tokens(masked, locale=SOURCE_LOCALE))
    return tuple(readings)


def _clock(m: re.Match[str]) -> Reading:
    """A clock time of the source: 24-hour values first, then the 12-hour way of writing it."""
    if m.re is _NOON_RE:
        if m.group(1).lower() == "midnight":
            return Reading(m.group(), (_D(0),), optional=(_D(0),), variants=((_D(24),), (_D(12),)), replaced_by=(0, 24))
        return Reading(m.group(), (_D(12),), optional=(_D(12),), replaced_by=(0, 24))
    parts = _CLOCK_PARTS_RE.match(m.group())
    if parts is None:  # pragma: no cover - _CLOCK_RE matched these parts
        return Reading(m.group(), _components(m.group()))
    hour = int(parts.group(1))
    minute = (_D(int(parts.group(2))),) if parts.group(2) and int(parts.group(2)) else ()
    pm = parts.group(3).lower() == "p"
    if hour > 12:  # "14 p.m." is not a 12-hour time: read the digits as written
        return Reading(m.group(), (_D(hour), *minute))
    h24 = hour % 12 + (12 if pm else 0)
    variants = [(_D(hour), *minute)]
    if h24 == 0:
        variants.insert(0, (_D(24), *minute))  # 12 a.m.: 0:00 or 24:00
    return Reading(m.group(), (_D(h24), *minute), variants=tuple(v for v in variants if v != (_D(h24), *minute)))


def compare_numbers(
    source: list[Reading], target: list[Reading], *, lang: str, spelled_out: bool = True
) -> Iterator[Issue]:
    """The issues of a translation whose numbers read as ``target`` for a source's ``source``.

    ``spelled_out``: small whole numbers may be missing when the translation has no other figure.
    """
    slots = [_Slot(r, Counter(r.values), Counter(r.alternatives)) for r in target]
    missing: list[Decimal] = []
    fewer: list[Decimal] = []
    english: list[Decimal] = []
    seen: Counter[Decimal] = Counter()
    unmatched_optional: list[tuple[Reading, Decimal]] = []
    changed: list[str] = []  # clock times and dates, shown as the source wrote them
    for reading in source:
        if reading.variants:
            if not any(_take_all(slots, values) for values in (reading.values, *reading.variants)):
                if reading.optional:
                    unmatched_optional.extend((reading, v) for v in reading.optional)
                else:
                    changed.append(reading.text)
            continue
        for value in reading.values:
            seen[value] += 1
            found, via_english = _take(slots, value)
            if via_english:
                english.append(value)
            elif found:
                continue
            elif value in reading.optional:
                unmatched_optional.append((reading, value))
            elif seen[value] > 1 and value not in missing:
                fewer.append(value)
            else:
                missing.append(value)
    if unmatched_optional:
        changed.extend(_replaced(unmatched_optional, slots))
    extra = [s.reading.text for s in slots if not s.mode]
    if spelled_out and missing and not extra:
        # "2" → "zwei": a small whole number may be spelled out, when no other
        # figure stands in its place.
        missing = [v for v in missing if not (v == v.to_integral_value() and 0 <= v <= SMALL_WORDS)]
    if changed:
        shown = ", ".join(dict.fromkeys(changed))
        unused = [s.reading.text for s in slots if not s.mode or +s.left or +s.alt_left]
        found_instead = f" (translation has {', '.join(unused)})" if unused else ""
        yield Issue(f"time or date {shown} is missing or changed in the translation{found_instead}")
    if missing:
        shown = ", ".join(dict.fromkeys(_fmt(v) for v in missing))
        found_instead = f" (translation has {', '.join(extra)})" if extra else ""
        yield Issue(f"number {shown} is missing from the translation{found_instead}")
    if fewer:
        shown = ", ".join(dict.fromkeys(_fmt(v) for v in fewer))
        yield Issue(
            f"number {shown} appears fewer times in the translation than in the source",
            Severity.WARNING,
        )
    if english:
        shown = ", ".join(dict.fromkeys(_fmt(v) for v in english))
        yield Issue(
            f"number {shown} is written in English format, which reads differently"
            f" in {lang!r}",
            Severity.WARNING,
        )
    if extra and not missing and not changed:
        yield Issue(f"number {', '.join(extra)} is not in the source", Severity.WARNING)
