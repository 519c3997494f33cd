"""The ``wrong-language`` check: a translation written in another language than the catalog's.

Opus-MT's en-uk model answers in Russian for some inputs, and a multi-target
model can drift into a neighbour of the language its token asked for. The
evidence is weighed cheapest first:

1. **Script.** The catalog's script comes from CLDR's likely subtags
   (:func:`newsl10n.checks.length.script_of`); a translation whose letters are
   mostly of another script (Cyrillic in a German catalog, Latin in an Arabic
   one) is in the wrong language. Japanese is kana plus Han, Chinese Han
   without kana, Korean Hangul.
2. **Alphabets.** Ukrainian, Russian and Belarusian share Cyrillic but each
   has letters the others lack: ``ы э ъ ё`` are Russian (and ``ы э ё``
   Belarusian), ``є ї ґ`` Ukrainian, ``ў`` Belarusian, ``і`` Ukrainian and
   Belarusian. A Ukrainian translation with ``ы`` and no ``є ї ґ і`` is Russian.
3. **Words.** Ukrainian and Russian text without any of those letters (a
   short sentence, a credit line with a date) still has words only one of
   the two languages has: ``що це як також вже вересня`` are Ukrainian,
   ``и что это как если сентября`` Russian (:data:`UK_WORDS`,
   :data:`RU_WORDS`). Words of one language and none of the other decide,
   in a Ukrainian or a Russian catalog.
4. **A language identifier** for what letters and words cannot tell (German
   vs Dutch, Spanish vs Portuguese, Cyrillic names and rare words): py3langid,
   a maintained fork of langid.py whose naive Bayes model (97 languages plus
   dialects, 4.6 MB) ships inside the package. It loads on the first segment
   that needs it, never at import, from an unpacked copy in the user cache
   (:mod:`newsl10n.checks.identifier`: ~0.15 s instead of ~0.6 s). It is asked
   only when the script is shared by several languages and the alphabet and
   word tests have not decided. A language is reported only when the
   identifier is confident (:data:`MIN_CONFIDENCE`) and gives the catalog's
   language (or a close variety, :data:`SAME_LANGUAGE`) almost no chance;
   without py3langid installed, step 4 is skipped.

Short segments are never judged: names, numbers, handles, a two-word
headline (fewer than :data:`MIN_WORDS` words or :data:`MIN_LETTERS` letters
outside placeables). Severity is error; on machine drafts ``run_checks``
makes it a warning.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from newsl10n.checks.base import CheckContext, Issue, check
from newsl10n.model import Severity, Unit

logger = logging.getLogger(__name__)

MIN_WORDS = 4
MIN_LETTERS = 20
MIN_CONFIDENCE = 0.8
# The catalog's language counts as present above this probability.
MAX_EXPECTED = 0.02
# Varieties an identifier confuses and a reader would not call another language.
SAME_LANGUAGE: dict[str, frozenset[str]] = {
    "ar": frozenset({"ar", "ary", "arz"}),
    "es": frozenset({"es", "gl", "ext", "an", "ca"}),
    "nb": frozenset({"nb", "no", "nn", "da"}),
    "no": frozenset({"no", "nb", "nn", "da"}),
    "nn": frozenset({"nn", "no", "nb"}),
    "sr": frozenset({"sr", "hr", "bs"}),
    "hr": frozenset({"hr", "sr", "bs"}),
    "bs": frozenset({"bs", "hr", "sr"}),
    "ms": frozenset({"ms", "id"}),
    "id": frozenset({"id", "ms"}),
    "zh": frozenset({"zh", "wuu", "yue"}),
    "fr": frozenset({"fr", "wa", "oc"}),
    "de": frozenset({"de", "lb"}),
    "pt": frozenset({"pt", "gl"}),
    "uz": frozenset({"uz", "uzs"}),
}
# Cyrillic letters that tell Ukrainian, Russian and Belarusian apart.
_UK_ONLY = frozenset("єїґЄЇҐ")
_UK_BE = frozenset("іІ")
_RU_ONLY = frozenset("ъЪ")
_RU_BE = frozenset("ыэёЫЭЁ")
_BE_ONLY = frozenset("ўЎ")
_DISTINCT = _UK_ONLY | _UK_BE | _RU_ONLY | _RU_BE | _BE_ONLY
# Finding them with a regex is C-speed; ``set(text)`` walks every character in Python objects.
_DISTINCT_RE = re.compile(f"[{''.join(sorted(_DISTINCT))}]")


@lru_cache(maxsize=8192)
def _letter_script(ch: str) -> str:
    """The first word of the Unicode name of letter ``ch`` (``LATIN``, ``CYRILLIC``, ``CJK``...)."""
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else ""


_NON_LETTERS_RE = re.compile(r"[\W\d_]+")
# Letters of each script, as regex classes: counting with findall is C-speed.
_SCRIPT_RE = {
    "Latn": re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]"),
    "Cyrl": re.compile("[\u0400-\u052f\u1c80-\u1c8f\ua640-\ua69f]"),
    "Grek": re.compile("[\u0370-\u03ff\u1f00-\u1fff]"),
    "Arab": re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"),
    "Hebr": re.compile("[\u0590-\u05ff\ufb1d-\ufb4f]"),
    "Hans": re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"),
    "Hant": re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"),
    "Jpan": re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]"),
    "Kore": re.compile("[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f\u4e00-\u9fff]"),
}
_KANA_RE = re.compile("[\u3040-\u30ff\uff66-\uff9f]")





_CJK_RE = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


_WORD_RE = re.compile(r"[^\W\d_]+")


def _words(masked: str) -> int:
    """Words of a masked text; CJK, written without spaces, counts two characters a word."""
    return len(_WORD_RE.findall(masked)) + len(_CJK_RE.findall(masked)) // 2


def cyrillic_verdict(letters: str, lang: str) -> str | None:
    """``uk``, ``ru`` or ``be`` when the letters decide it, else None."""
    chars = set(_DISTINCT_RE.findall(letters))
    uk, ukbe, ru, rube, be = (bool(chars & s) for s in (_UK_ONLY, _UK_BE, _RU_ONLY, _RU_BE, _BE_ONLY))
    if uk and not (ru or rube or be):
        return "uk"
    if be and not uk:
        return "be"
    if (ru or rube) and not (uk or ukbe or be):
        return "ru"
    if ukbe and not (ru or rube or be):
        return "uk" if lang != "be" else "be"
    return None


# Frequent words, lower case, that one of Ukrainian and Russian has and the other
# lacks, spelt without the letters that decide on their own (``cyrillic_verdict``).
# Checked on ~60,000 Ukrainian and ~50,000 Russian messages (Debian's .mo files):
# a Ukrainian message with a Russian word only, or the reverse, did not occur
# once the one-letter words (``й з``, ``и с к``) are counted only between spaces
# (not "схему(и)", not "5 с" at a message's end).
UK_WORDS = frozenset(
    "й з що це як або якщо щоб але його вона вони був була було були цей ця ще також вже хто буде має можна "
    # Months in dates ("15 вересня 2022"); not лютого, листопада: Russian words too.
    "січня березня травня червня липня серпня вересня жовтня грудня".split()
)
RU_WORDS = frozenset(
    "и с к что это как он она оно они его ее если или только также тоже из но когда где который которая "
    "которое которого которой котором которую после еще может будет более себя меня под во со ни нет их ему "
    "сказал заявил против около между человек сегодня очень "
    # Months in dates; not марта, мая, августа: Ukrainian names and words too.
    "января февраля апреля июня июля сентября октября ноября декабря".split()
)


def cyrillic_words(text: str) -> tuple[list[str], list[str]]:
    """The Ukrainian-only and the Russian-only words of :data:`UK_WORDS` / :data:`RU_WORDS` in ``text``."""
    uk: list[str] = []
    ru: list[str] = []
    for match in _WORD_RE.finditer(text):
        word = match.group()
        if len(word) == 1:
            # A one-letter word between spaces (or no-break spaces): not an initial ("С. Петренко"),
            # a unit ("5 с.") or a plural ending ("схему(и)").
            start, end = match.span()
            if start == 0 or not text[start - 1].isspace() or not text[end : end + 1].isspace():
                continue
        else:
            word = word.lower()
        if word in UK_WORDS:
            uk.append(word)
        elif word in RU_WORDS:
            ru.append(word)
    return uk, ru


def words_verdict(text: str) -> tuple[str, list[str]] | None:
    """``("uk", words)`` or ``("ru", words)`` when only one language's own words occur, else None."""
    uk, ru = cyrillic_words(text)
    if uk and not ru:
        return "uk", uk
    if ru and not uk:
        return "ru", ru
    return None


def identify(text: str, lang: str) -> tuple[str, float, float] | None:
    """(best language, its probability, probability of ``lang`` and its varieties), or None."""
    from newsl10n.checks.identifier import identifier

    ident = identifier()
    if ident is None:
        return None
    ranked = dict(ident.rank(text))
    best, confidence = max(ranked.items(), key=lambda kv: kv[1])
    same = SAME_LANGUAGE.get(lang, frozenset({lang}))
    return best, confidence, sum(ranked.get(code, 0.0) for code in same)


def detect_wrong_language(text: str, lang: str) -> str | None:
    """Why ``text`` is not in ``lang``, or None when it is (or when the evidence is too thin)."""
    from newsl10n.checks.untranslated import _target_script

    from newsl10n.checks.untranslated import _mask

    if len(text) < MIN_LETTERS:
        return None
    base = lang.replace("-", "_").split("_", 1)[0]
    if base in ("uk", "ru", "be") and cyrillic_verdict(text, base) == base:
        return None  # the common case, decided by a set intersection before any masking
    masked = _mask(text, ())
    letters = _NON_LETTERS_RE.sub("", masked)
    # A CJK character carries about as much as two letters of an alphabet.
    if len(letters) + len(_CJK_RE.findall(letters)) < MIN_LETTERS or _words(masked) < MIN_WORDS:
        return None
    expected = _target_script(lang)
    total = len(letters)
    script_re = _SCRIPT_RE.get(expected or "")
    if script_re is not None and len(script_re.findall(letters)) / total < 0.5:
        # Name the script the letters are in (the slow way: only for a finding).
        counts = Counter(_letter_script(ch) for ch in letters)
        found = counts.most_common(1)[0][0].title()
        return f"translation is written in {found} script, not the script of {lang!r}"
    if expected == "Jpan" and total >= 10 and not _KANA_RE.search(letters):
        return "translation has no kana: it reads as Chinese, not Japanese"
    if expected in ("Hans", "Hant") and len(_KANA_RE.findall(letters)) > total * 0.1:
        return "translation has kana: it reads as Japanese, not Chinese"
    if expected == "Cyrl" and base in ("uk", "ru", "be"):
        verdict = cyrillic_verdict(letters, base)
        if verdict is not None:
            return None if verdict == base else f"translation reads as {verdict!r} (its letters), not {lang!r}"
        if base in ("uk", "ru"):
            found = words_verdict(masked)
            if found is not None:
                verdict, words = found
                if verdict == base:
                    return None
                shown = ", ".join(list(dict.fromkeys(words))[:3])
                return f"translation reads as {verdict!r} (its words: {shown}), not {lang!r}"
        if base == "ru":
            # No Ukrainian or Belarusian letter or word in a Russian catalog: the drift
            # this check is for (Opus-MT answering in the neighbour language) is ruled out.
            return None
    if expected in ("Hans", "Hant", "Jpan", "Kore", "Hebr", "Grek", "Thai", "Geor", "Armn"):
        return None  # one main language per script: the script test was enough
    guess = identify(text, base)
    if guess is None:
        return None
    best, confidence, expected_p = guess
    other = best not in SAME_LANGUAGE.get(base, frozenset({base}))
    if other and confidence >= MIN_CONFIDENCE and expected_p < MAX_EXPECTED:
        return f"translation reads as {best!r} (language identifier, p={confidence:.2f}), not {lang!r}"
    return None


@check("wrong-language", severity=Severity.ERROR)
def wrong_language(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """The translation must be in the catalog's language."""
    if not unit.target or not ctx.lang_known:
        return
    if " ".join(unit.target.split()) == " ".join(unit.source.split()):
        return  # a copy of the source: ``untranslated`` reports it
    reason = detect_wrong_language(unit.target, ctx.lang)
    if reason:
        yield Issue(reason)
