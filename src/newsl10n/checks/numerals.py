"""Locale data for reading figures: CLDR number symbols through Babel, native digits.

The reading side of :mod:`newsl10n.checks.numbers`: what a locale groups and
separates decimals with (Babel's CLDR symbols, any space for space-grouping
locales, both Swiss apostrophes), the symbols of the locale's other numbering
systems (Arabic ``٫`` ``٬``), native digits of any script as ASCII, and Indian
lakh/crore grouping. Babel loads on the first figure that needs it.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

SOURCE_LOCALE = "en"
# Reads a translation into a language Babel has no data for: either convention.
LOCALE_FREE = "*"
# Characters that may group thousands in some locale: space, no-break space,
# narrow no-break space, thin space.
_SPACES = " \u00a0\u202f\u2009"
_SPACES_RE = re.compile(f"[{_SPACES}]")


@lru_cache(maxsize=64)
def _known(locale: str) -> str:
    """``locale`` if Babel knows it, else the source locale (English conventions)."""
    # Babel and its locale data (~0.1 s) load on the first number that needs
    # them; plain integers, the common case, never do.
    from babel.core import UnknownLocaleError
    from babel.numbers import get_decimal_symbol

    try:
        get_decimal_symbol(locale)
    except (UnknownLocaleError, ValueError, TypeError):
        return SOURCE_LOCALE
    return locale


@lru_cache(maxsize=64)
def _symbols(locale: str) -> tuple[str, str]:
    """(group, decimal) symbols of ``locale`` in Latin digits."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    locale = _known(locale)
    return get_group_symbol(locale), get_decimal_symbol(locale)


# Scripts that write figures against letters: CJK ("投票率は63.5％", "9月10日"),
# Arabic proclitics ("بـ1000", "ب440"), Hebrew ones ("ב1000").
_CJK_RE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0620-\u064a\u066e-\u06d3\u05d0-\u05ea]")
# Any decimal digit that is not ASCII: Arabic-Indic, Persian, Devanagari, full-width...
_NATIVE_DIGIT_RE = re.compile(r"(?![0-9])\d")


@lru_cache(maxsize=64)
def _native_symbols(locale: str) -> dict[int, str]:
    """A ``str.translate`` table: the symbols of the locale's other numbering systems → its Latin ones.

    Arabic writes ``٣٫٥`` with the Arabic decimal separator; the table maps it
    (and the Arabic group separator) to what Babel parses in Latin digits.
    Read from CLDR via Babel, so a locale gains it when CLDR gives it.
    """
    from babel import Locale

    table: dict[int, str] = {}
    known = _known(locale)
    if known == SOURCE_LOCALE and locale != SOURCE_LOCALE:
        return table
    loc = Locale.parse(known)
    group, decimal = _symbols(locale)
    systems = {loc.default_numbering_system, *loc.other_numbering_systems.values()}
    for system in sorted(systems - {"latn"}):
        symbols = loc.number_symbols.get(system) or {}
        for name, latin in (("decimal", decimal), ("group", group)):
            native = symbols.get(name)
            if native and len(native) == 1 and native != latin:
                table[ord(native)] = latin
    return table


def latin_digits(text: str, locale: str) -> str:
    """``text`` with native digits as ASCII and native number symbols as the locale's Latin ones.

    Each character maps to one character, so offsets are kept.
    """
    if text.isascii():
        return text
    if _NATIVE_DIGIT_RE.search(text):
        text = _NATIVE_DIGIT_RE.sub(lambda m: str(int(m.group())), text)
    table = _native_symbols(locale) if locale != LOCALE_FREE else {}
    if table:
        text = text.translate(table)
    return text


def _parse(text: str, locale: str) -> Decimal | None:
    """Strict Babel reading of ``text`` in ``locale``; None when it is not one number."""
    if text.isascii() and text.isdigit():
        return Decimal(text)  # the common case; Babel's parser costs ~70 µs a call
    group, _decimal = _symbols(locale)
    if group in "'’":
        # Swiss German: CLDR's apostrophe and the typographic one are both in use.
        text = text.replace("’", "'").replace("'", group)
    if group in _SPACES:
        # Typists use any space to group thousands; Babel only knows the CLDR one.
        text = _SPACES_RE.sub(group, text)
    elif any(ch in text for ch in _SPACES):
        return None
    from babel.core import UnknownLocaleError
    from babel.numbers import NumberFormatError, parse_decimal

    try:
        return parse_decimal(text, locale=_known(locale), strict=True)
    except (NumberFormatError, UnknownLocaleError, ValueError, InvalidOperation):
        return _parse_indian(text, group, _decimal)


_INDIAN_RE = re.compile(r"\d{1,2}(?:G\d{2})*G\d{3}(?:D\d+)?")


def _parse_indian(text: str, group: str, decimal: str) -> Decimal | None:
    """``12,00,000`` (lakh/crore grouping, used with hi, bn, en-IN...) as 1200000; else None."""
    if group != "," or group not in text:
        return None
    shape = text.replace(group, "G").replace(decimal, "D")
    if not _INDIAN_RE.fullmatch(shape):
        return None
    try:
        return Decimal(text.replace(group, "").replace(decimal, "."))
    except InvalidOperation:  # pragma: no cover - the shape is digits and one D
        return None
