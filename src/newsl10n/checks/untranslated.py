"""The ``untranslated`` and ``latin-leftover`` checks: English left in the translation.

``untranslated`` catches a whole segment copied from the source (an MT draft
that echoed its input, or a translator who skipped a sentence). Segments with
nothing to translate (a bare link, a handle, a figure, a name kept in Latin)
are fine when copied.

``latin-leftover`` catches English words left inside a translation written in
another script than Latin ("понад 440 bodies", "عثر على mass grave", "集団墓地
was found"; the script comes from CLDR's likely subtags, see
:func:`newsl10n.checks.length.script_of`), and, in Cyrillic and Greek, words
that mix Latin and look-alike letters ("Kиїв" with a Latin K), which
spell-checkers and search both miss. In the other scripts a Latin run inside a
word (Japanese has no spaces) is judged as a word of its own. Translations
into Latin-script languages have the ``source-leftover`` check
(:mod:`newsl10n.checks.leftovers`). Real news copy keeps some names in Latin
script, so these are not reported:

* placeables (links, e-mails, @handles, #hashtags);
* terms of the glossary in ``ctx.glossary`` that are do-not-translate or whose
  approved translation is itself in Latin script (read by duck typing: any
  iterable of concepts with ``do_not_translate`` and ``terms`` of ``text`` and
  ``lang`` works, so the check does not import the glossary package);
* names media keep in Latin: outlets (BBC, Sky News, The New York Times...),
  platforms (Twitter, Telegram...), and acronyms written in capitals (HIMARS,
  ISW, CNN), except, in Cyrillic, the acronyms that have an established
  Cyrillic form (NATO is НАТО, UN is ООН, EU is ЄС/ЕС), which are reported;
* single capital letters ("план B") and Roman numerals ("Другої світової" is
  spelled out, but "Карл III" is not);
* technical tokens: words with digits (IPv4, MP3), words with inner capitals
  (DDoS, PayPal), and the few technical words both languages write in Latin
  (email, e-mail);
* format-string placeholders (``%(name)s``, ``{0}``) and inline HTML tags;
* code a text quotes: identifiers with an underscore (``get_absolute_url``,
  ``contact_page.html``) and paths (``/about/contact/``);
* a single Latin word the translation puts in quotes (``«Referer»``,
  ``“Control”``): quoting it is the translator's way of saying "literally this".

A hyphenated compound of a Latin and a Cyrillic part (``IT-армія``,
``DDoS-атаку``, ``SMS-повідомлення``) is ordinary Ukrainian and Russian: only
its Latin part is judged, as a word of its own. A *part* that mixes scripts
(``Kиїв`` with a Latin K, ``IT-aрмія`` with a Latin a) is still an error.

``untranslated`` accepts a copy whose words are all of that kind (``IPv4``,
``Email``, ``%(name)s``), or which has no words outside placeholders; into a
Latin-script language, also a copy of a single word (``April`` in German,
``%(size)d byte`` in French: cognates and names as often as misses).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from newsl10n.checks.base import CheckContext, Issue, check
from newsl10n.model import Severity, Unit
from newsl10n.placeables import has_words, mask_code, mask_verbatim

# Languages written in Cyrillic script that latin-leftover applies to.
CYRILLIC_LANGS = frozenset({"uk", "ru", "be", "bg", "mk", "sr", "kk", "ky", "tg", "mn"})

# Names Ukrainian and Russian news copy routinely keeps in Latin script.
KEEP_LATIN: tuple[str, ...] = (
    "Al Jazeera", "Associated Press", "Bloomberg", "Daily Mail", "Der Spiegel",
    "Deutsche Welle", "Financial Times", "Foreign Affairs", "Forbes", "Fox News",
    "Le Monde", "Politico", "Reuters", "Sky News", "The Atlantic", "The Economist",
    "The Guardian", "The Independent", "The Telegraph", "The Times", "The Wall Street Journal",
    "The Washington Post", "The New York Times", "New York Times", "Washington Post",
    "Wall Street Journal", "Times", "Guardian", "Economist", "Axios", "Newsweek",
    "Facebook", "Instagram", "Telegram", "Twitter", "YouTube", "TikTok", "WhatsApp",
    "Viber", "Signal", "Google", "Apple", "Microsoft", "Meta", "SpaceX", "Starlink",
    "iPhone", "Bayraktar", "Javelin", "Stinger", "Patriot", "Leopard", "Abrams",
    "Storm Shadow", "Defense of Ukraine",
)  # fmt: skip

# Acronyms with an established Cyrillic spelling in uk/ru news: leaving them
# in Latin is a leftover, not a style choice.
CYRILLIC_ACRONYMS = frozenset({
    "NATO", "UN", "EU", "US", "USA", "UK", "OSCE", "IAEA", "WHO", "IMF", "UNESCO",
    "UNICEF", "FBI", "CIA", "KGB", "FSB", "SBU", "AFU", "ZSU", "ICC", "ECHR",
    "OK", "MP", "PM",
})  # fmt: skip

_LATIN = "A-Za-z\u00c0-\u024f"
_CYRILLIC = "\u0400-\u04ff\u0500-\u052f"
_LATIN_RE = re.compile(f"[{_LATIN}]")
_CYRILLIC_RE = re.compile(f"[{_CYRILLIC}]")
_GREEK_RE = re.compile("[\u0370-\u03ff\u1f00-\u1fff]")
# Scripts with letters that look like Latin ones: a word mixing them is a typo.
_LOOKALIKE = {"Cyrl": _CYRILLIC_RE, "Grek": _GREEK_RE}
# A Latin-script run, for scripts where it may sit inside a word (Japanese, Thai).
_LATIN_RUN_RE = re.compile(rf"[{_LATIN}0-9]+(?:[’'-][{_LATIN}0-9]+)*")
# A word: letters of any script, with inner apostrophes/hyphens ("п’ять", "Су-25").
_WORD_RE = re.compile(r"[^\W\d_](?:[\w’'-]*[^\W_])?")
_ROMAN_RE = re.compile(r"[IVXLCDM]+")
# Technical words that Ukrainian and Russian (and most languages) write in Latin.
TECH_WORDS = frozenset({"email", "e-mail"})


_GLOSSARY_LATIN: dict[tuple[int, str], tuple[Any, tuple[str, ...]]] = {}


def _glossary_latin(glossary: Any, lang: str) -> tuple[str, ...]:
    """Latin-script phrases the glossary allows in a translation into ``lang`` (cached)."""
    if glossary is None:
        return ()
    key = (id(glossary), lang)
    hit = _GLOSSARY_LATIN.get(key)
    if hit is None or hit[0] is not glossary:  # the glossary object is kept, so its id stays unique
        hit = (glossary, tuple(_collect_glossary_latin(glossary, lang)))
        _GLOSSARY_LATIN[key] = hit
    return hit[1]


def _collect_glossary_latin(glossary: Any, lang: str) -> list[str]:
    base = lang.split("_", 1)[0].split("-", 1)[0]
    phrases: list[str] = []
    try:
        concepts = list(glossary)
    except TypeError:
        return []
    for concept in concepts:
        dnt = bool(getattr(concept, "do_not_translate", False))
        for term in getattr(concept, "terms", ()) or ():
            text = str(getattr(term, "text", "") or "")
            term_lang = str(getattr(term, "lang", "") or "").split("_", 1)[0]
            if not getattr(term, "usable", True) or not _LATIN_RE.search(text):
                continue
            if dnt or term_lang == base:
                phrases.append(text)
    return phrases


# Code quoted in prose: snake_case identifiers (get_absolute_url, page_name.html),
# /paths/; and one Latin word in quotation marks. Each runs only when its
# character is in the text: most sentences have none of them.
_IDENTIFIER_RE = re.compile(r"[\w.]*[A-Za-z0-9]_[\w.]*")
_PATH_RE = re.compile(r"(?<![\w/])/[\w.-]*(?:/[\w.-]*)*")
_QUOTED_WORD_RE = re.compile(rf"([«“„\"'‘])([{_LATIN}]+)(?=[»”“\"'’])")
_OPENING_QUOTES = frozenset("«“„\"'‘")


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def _mask(text: str, phrases: Iterable[str]) -> str:
    """``text`` with placeables, placeholders, HTML tags, quoted code and allowed phrases blanked out."""
    text = mask_code(mask_verbatim(text))
    if "_" in text:
        text = _IDENTIFIER_RE.sub(_blank, text)
    if "/" in text:
        text = _PATH_RE.sub(_blank, text)
    if not _OPENING_QUOTES.isdisjoint(text):
        text = _QUOTED_WORD_RE.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)
    pattern = _phrases_re(tuple(phrases))
    return pattern.sub(lambda m: " " * len(m.group()), text) if pattern else text


@lru_cache(maxsize=32)
def _phrases_re(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One alternation for all phrases; longest first, so "The New York Times" beats "Times"."""
    if not phrases:
        return None
    ordered = sorted(set(phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![\w])")


def _is_kept_word(word: str, *, cyrillic: bool = True) -> bool:
    """A single Latin word that non-Latin news copy may legitimately contain."""
    letters = word.replace("-", "").replace("'", "").replace("’", "")
    if len(letters) == 1:
        return word.isupper()  # "план B"; a lone "a" is a Latin look-alike typo
    if _ROMAN_RE.fullmatch(word):
        return True
    if letters.isupper() or (letters[:-1].isupper() and letters[-1] == "s"):
        return not cyrillic or word.rstrip("s") not in CYRILLIC_ACRONYMS  # HIMARS, ISW, CNN; not NATO
    if word.casefold() in TECH_WORDS or any(ch.isdigit() for ch in letters):
        return True  # email, IPv4, MP3
    # Mixed-case brands and technical names (iPhone, eBay, DDoS, PayPal) are
    # kept; capitalised words are names that need transliterating unless listed.
    return any(ch.isupper() for ch in letters[1:])


def leftover_words(text: str, *, allowed: Iterable[str] = (), script: str = "Cyrl") -> tuple[list[str], list[str]]:
    """Latin-script leftovers and mixed-script words in a ``text`` written in ``script``.

    Args:
        text: the translation.
        allowed: extra Latin phrases to accept (glossary terms).
        script: the ISO 15924 script of the translation (``Cyrl``, ``Arab``, ``Jpan``...).

    Returns:
        (Latin words that look untranslated, words mixing Latin and look-alike letters).
    """
    if not _LATIN_RE.search(text):
        return [], []  # the common case: nothing in Latin script at all
    masked = _mask(text, (*KEEP_LATIN, *allowed))
    latin: list[str] = []
    mixed: list[str] = []
    other = _LOOKALIKE.get(script)
    cyrillic = script == "Cyrl"
    if other is None:
        for m in _LATIN_RUN_RE.finditer(masked):
            word = m.group()
            if _LATIN_RE.search(word) and not _is_kept_word(word, cyrillic=False):
                latin.append(word)
        return latin, mixed
    for m in _WORD_RE.finditer(masked):
        word = m.group()
        has_latin = _LATIN_RE.search(word) is not None
        if not has_latin:
            continue
        if not other.search(word):
            if not _is_kept_word(word, cyrillic=cyrillic):
                latin.append(word)
            continue
        parts = word.split("-")
        if len(parts) == 1 or any(_LATIN_RE.search(p) and other.search(p) for p in parts):
            mixed.append(word)  # a look-alike letter inside a word
            continue
        # IT-армія: the Latin run of a hyphenated compound is judged as a word.
        run = "-".join(p for p in parts if _LATIN_RE.search(p))
        if not _is_kept_word(run, cyrillic=cyrillic):
            latin.append(run)
    return latin, mixed


def is_technical(text: str, *, lang: str) -> bool:
    """True when ``text`` has words and every one is a technical token kept in Latin (IPv4, URL, Email)."""
    words = _WORD_RE.findall(mask_code(mask_verbatim(text)))
    cyrillic = lang.split("_", 1)[0] in CYRILLIC_LANGS
    for word in words:
        if cyrillic and word.rstrip("s") in CYRILLIC_ACRONYMS:
            return False
        letters = word.replace("-", "")
        if not (
            word.casefold() in TECH_WORDS
            or any(ch.isdigit() for ch in letters)
            or (len(letters) > 1 and letters.isupper())
            or any(ch.isupper() for ch in letters[1:])
        ):
            return False
    return bool(words)


@check("untranslated", severity=Severity.ERROR)
def untranslated(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """The translation must not be a copy of the English source."""
    if not unit.target:
        return
    same = " ".join(unit.target.split()).casefold() == " ".join(unit.source.split()).casefold()
    if not same or not has_words(mask_code(unit.source)) or is_technical(unit.source, lang=ctx.lang):
        return  # nothing to translate outside placeholders and tags, or IPv4 / Email
    script = _target_script(ctx.lang)
    if script not in (None, "Latn"):
        # A copied segment of names kept in Latin ("Sky News", "BBC") is fine.
        latin, _mixed = leftover_words(unit.target, allowed=_glossary_latin(ctx.glossary, ctx.lang), script=script)
        if not latin:
            return
    elif len(_WORD_RE.findall(mask_code(mask_verbatim(unit.source)))) == 1:
        # Into a Latin-script language one word is as often a cognate or a name
        # ("April", "Hindi", "%(size)d byte") as a miss: not worth an error.
        return
    yield Issue("translation is identical to the source")


def _target_script(lang: str) -> str | None:
    """The script of ``lang``: Cyrillic for the listed languages, else CLDR's likely script."""
    if lang.replace("-", "_").split("_", 1)[0] in CYRILLIC_LANGS and "_Latn" not in lang.replace("-", "_"):
        return "Cyrl"
    from newsl10n.checks.length import script_of

    return script_of(lang)


@check("latin-leftover", severity=Severity.WARNING)
def latin_leftover(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """A translation in a non-Latin script must not contain untranslated Latin-script words."""
    if not unit.target:
        return
    script = _target_script(ctx.lang)
    if script in (None, "Latn"):
        return
    if unit.target.split() == unit.source.split():
        return  # the same words and punctuation: reported once, by ``untranslated``
    latin, mixed = leftover_words(unit.target, allowed=_glossary_latin(ctx.glossary, ctx.lang), script=script)
    if mixed:
        shown = ", ".join(dict.fromkeys(mixed))
        name = "Cyrillic" if script == "Cyrl" else "Greek"
        yield Issue(f"word mixes Latin and {name} letters: {shown}", Severity.ERROR)
    if latin:
        shown = ", ".join(dict.fromkeys(latin))
        yield Issue(f"Latin-script word left untranslated: {shown}")
