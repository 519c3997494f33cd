"""Inflection-aware term matching for languages without pymorphy3: Snowball stemmers.

The only importer of snowballstemmer (imported on the first glossary match in
a language that needs it). Ukrainian and Russian keep the dictionary-based
matching of :mod:`newsl10n.glossary.morph`; for the 30-odd other languages
Snowball has a stemmer for (German, French, Spanish, Polish, Czech, Arabic,
Turkish, Persian... :data:`STEMMERS`), a term word matches a text word when

* the folded words are equal, or
* the text word's stem, or that stem less one or two final letters, is the
  term word's stem: Polish ``Iziumie``, ``Iziumu`` and ``Izium`` share the
  stem ``izium``; ``Charkowie`` (stem ``charkow``) satisfies ``Charków``
  (stem ``chark``); Polish ``ó`` counts as ``o`` (``grób``, ``grobu``);
* with a French, Italian or Catalan elided article or preposition removed:
  ``l'Ukraine``, ``d'Izioum``, ``dell'Ucraina``;
* with Arabic proclitics removed (``و`` ``ف`` ``ب`` ``ل`` ``ك``, ``ال``):
  ``وإيزيوم``, ``بإيزيوم``, ``لإيزيوم``; Hebrew, which Snowball has no
  stemmer for, gets the same treatment of its prefixes (``ב`` ``ל`` ``ה`` ``ו``
  ``מ`` ``ש`` ``כ``: ``בקייב``, ``מקייב``) and compares the rest as written;
* in compounding languages (German, Dutch, Scandinavian), as the head of a
  compound: ``Massengrab`` contains the term ``Grab``.

Case folding follows the language: Turkish and Azerbaijani fold ``I`` to
``ı`` and ``İ`` to ``i`` (so ``IRAK`` is ``Irak``, and ``Istanbul`` is not
``İstanbul``); scripts without case (Arabic, Hebrew, CJK) compare as written.
Languages written without spaces (Japanese, Chinese, Thai, Lao, Khmer,
Burmese) and Korean, whose particles attach to the noun (``이지움에서``), match
terms as substrings: there are no word boundaries to respect.
"""

from __future__ import annotations

import logging
import re
from functools import cache, lru_cache
from typing import Any

logger = logging.getLogger(__name__)

Signature = tuple[str, str]

# BCP 47 language → Snowball algorithm.
STEMMERS: dict[str, str] = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech", "da": "danish",
    "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian", "fi": "finnish", "fr": "french",
    "de": "german", "el": "greek", "hi": "hindi", "hu": "hungarian", "id": "indonesian", "ga": "irish",
    "it": "italian", "lt": "lithuanian", "ne": "nepali", "nb": "norwegian", "nn": "norwegian",
    "no": "norwegian", "fa": "persian", "pl": "polish", "pt": "portuguese", "ro": "romanian",
    "sr": "serbian", "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}  # fmt: skip
COMPOUNDING = frozenset({"de", "nl", "sv", "da", "nb", "nn", "no"})
ELIDING = frozenset({"fr", "it", "ca"})
TURKIC = frozenset({"tr", "az"})
UNSPACED = frozenset({"ja", "zh", "th", "lo", "km", "my", "ko"})
# Languages with attached prefixes but no Snowball stemmer: prefixes only.
PREFIX_ONLY = frozenset({"he"})
_HE_PROCLITICS = ("וב", "וה", "ול", "ומ", "וש", "שה", "מה", "כש", "ב", "ל", "ה", "ו", "מ", "ש", "כ")
_ELISION_RE = re.compile(r"^(?:jusqu|lorsqu|puisqu|quoiqu|qu|dell|dall|nell|sull|all|dell|quell|un|[ldjmnstc])'(?=\w)")
_AR_PROCLITICS = ("وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_TURKIC_FOLD = str.maketrans({"I": "ı", "İ": "i"})
MIN_STEM = 3


def base_lang(lang: str) -> str:
    """``pl_PL`` → ``pl``."""
    return lang.replace("-", "_").split("_", 1)[0].lower()


@cache
def stemmer(lang: str) -> Any | None:
    """The Snowball stemmer for ``lang``, or None (no algorithm, or snowballstemmer not installed)."""
    name = STEMMERS.get(base_lang(lang))
    if name is None:
        return _Unchanged() if base_lang(lang) in PREFIX_ONLY else None
    try:
        import snowballstemmer
    except ImportError:  # pragma: no cover - a declared dependency
        logger.info("snowballstemmer is not installed: %s glossary terms match as written", lang)
        return None
    return snowballstemmer.stemmer(name)


class _Unchanged:
    """The stemmer of a language that only has its prefixes removed."""

    def stemWord(self, word: str) -> str:  # noqa: N802 - snowballstemmer's name
        return word


def stemmed(lang: str) -> bool:
    """Whether ``lang`` gets stem-based matching."""
    return (base_lang(lang) in STEMMERS or base_lang(lang) in PREFIX_ONLY) and stemmer(lang) is not None


def unspaced(lang: str) -> bool:
    """Whether ``lang`` is written without spaces between words (terms match as substrings)."""
    return base_lang(lang) in UNSPACED


def prepare(lang: str, text: str) -> str:
    """``text`` ready for case folding in ``lang``: Turkish dotted and dotless I. One char per char."""
    return text.translate(_TURKIC_FOLD) if base_lang(lang) in TURKIC else text


_ELIDED_RE = re.compile(_ELISION_RE.pattern.replace("'", "['’]"), re.IGNORECASE)


def elided_prefix(lang: str, word: str) -> str:
    """The elided article or preposition ``word`` starts with in ``lang`` (``d'`` of ``d'Izioum``), or ''."""
    if base_lang(lang) not in ELIDING:
        return ""
    match = _ELIDED_RE.match(word)
    return match.group() if match else ""


def _stem(lang: str, key: str) -> str:
    stem = str(stemmer(lang).stemWord(key))
    if base_lang(lang) == "pl":
        stem = stem.replace("ó", "o")
    return stem


def _variants(lang: str, key: str) -> list[str]:
    """``key`` and ``key`` without an elided article or Arabic proclitics."""
    out = [key]
    base = base_lang(lang)
    if base in ELIDING and "'" in key:
        stripped = _ELISION_RE.sub("", key)
        if stripped != key:
            out.append(stripped)
    elif base in ("ar", "he"):
        for clitic in _AR_PROCLITICS if base == "ar" else _HE_PROCLITICS:
            if key.startswith(clitic) and len(key) - len(clitic) >= MIN_STEM:
                out.append(key[len(clitic) :])
    return out


@lru_cache(maxsize=65536)
def text_signatures(lang: str, key: str) -> frozenset[Signature]:
    """All ways a (folded) text word can satisfy a term word."""
    sigs: set[Signature] = {("w", key)}
    compounding = base_lang(lang) in COMPOUNDING
    for variant in _variants(lang, key):
        sigs.add(("w", variant))
        stem = _stem(lang, variant)
        for cut in range(3):
            if len(stem) - cut >= MIN_STEM:
                sigs.add(("s", stem[: len(stem) - cut]))
        if compounding:
            sigs.update(("s", stem[i:]) for i in range(1, len(stem) - 3))
    return frozenset(sigs)


@lru_cache(maxsize=4096)
def term_signatures(lang: str, key: str) -> frozenset[Signature]:
    """The signatures a (folded) term word accepts."""
    stem = _stem(lang, _variants(lang, key)[-1])
    sigs: set[Signature] = {("w", key)}
    if len(stem) >= MIN_STEM:
        sigs.add(("s", stem))
    return frozenset(sigs)
