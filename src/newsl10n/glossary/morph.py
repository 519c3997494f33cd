"""Inflection-aware target-side term matching. The only importer of pymorphy3.

Ukrainian and Russian decline names (в Ізюмі, з Ізюма, в Изюме), so a string
match is not enough. For those languages a term word matches a text word when

- the text word is the term word (case-folded), or
- one of the text word's lemmas is the term word's lemma (pymorphy3 with the uk
  or ru dictionary; every parse counts, so Києві → {київ, кий} matches Київ), or
- the term word is unknown to the dictionary (Болвінов, a Russian spelling in a
  Ukrainian text) and the text word is its stem plus a declension ending, or
- the term is a single proper noun and the text word is an adjective derived from
  it (Харківської, Харьковской, Бучанського).

Each text word is turned into a set of *signatures* (exact form, lemmas, stems,
adjective bases), cached per word; each term word registers the signatures it
accepts in an index, so matching costs dictionary look-ups, not a loop over terms.
Languages Snowball has a stemmer for (German, French, Polish, Arabic, Turkish...)
match through :mod:`newsl10n.glossary.stems` with the same index; languages
written without spaces match terms as substrings; the rest fall back to
case-insensitive whole-word matching of the listed forms. Analyzers load
lazily, once per language (loading takes a few hundred ms).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsl10n.glossary.model import Term

INFLECTED_LANGS = frozenset({"uk", "ru"})
WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019\u02bc][^\W\d_]+)*")
# Declension endings a stem may take (nouns, surnames, adjectival surnames; uk and ru).
_ENDINGS_TEXT = (
    "а я у ю е є і и ы о ь й ом ем єм ой ей ою ею ові еві ам ям ах ях ами ями ов ев "
    "ым им ого его ому ему ій ий ая яя ую юю ої ей ими ыми их ых ої"
)
ENDINGS = frozenset(_ENDINGS_TEXT.split()) | {""}
# Nominative endings stripped from an unknown term word to get its stem.
_NOM_ENDINGS = ("ий", "ый", "ой", "ій", "а", "я", "о", "е", "ь", "й")
_ADJ_RE = re.compile(r"^(.{3,}?)((?:ан|ян)?)(?:ськ|цьк|зьк|ск|цк|зк)[^\W\d_]{1,3}$")
_STRIP_FINAL = "аяоеєіиыьйую"
OTHER_SLAVIC = {"uk": "ru", "ru": "uk"}

Signature = tuple[str, str]


def base_lang(lang: str) -> str:
    """``uk_UA`` → ``uk``."""
    return lang.replace("-", "_").split("_", 1)[0].lower()


def inflected(lang: str) -> bool:
    """Whether ``lang`` gets morphological matching."""
    return base_lang(lang) in INFLECTED_LANGS


@cache
def analyzer(lang: str) -> Any:
    """The pymorphy3 ``MorphAnalyzer`` for ``uk`` or ``ru`` (created once, lazily)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=base_lang(lang))


_FOLD_TABLE = str.maketrans({"ё": "е", "\u2019": "'", "\u02bc": "'"})


def fold(word: str) -> str:
    """Case-fold and unify apostrophes and ё, the way both sides are compared."""
    return word.lower().translate(_FOLD_TABLE)


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a target text."""

    text: str
    start: int
    end: int
    key: str


def _fold_text(text: str) -> str:
    """:func:`fold` for a whole text; three C-level replaces beat ``str.translate``."""
    folded = text.lower()
    if "ё" in folded:
        folded = folded.replace("ё", "е")
    if "\u2019" in folded or "\u02bc" in folded:
        folded = folded.replace("\u2019", "'").replace("\u02bc", "'")
    return folded


@lru_cache(maxsize=256)
def _keys(text: str) -> tuple[str, ...]:
    """The folded words of ``text``, without offsets: the hot path of a check run
    (cached because the usable-term and deprecated-variant matchers both ask)."""
    folded = _fold_text(text)
    if len(folded) != len(text):  # rare letters whose lower case is longer
        return tuple(t.key for t in tokens(text))
    return tuple(WORD_RE.findall(folded))


def _spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word of ``text``, aligned with :func:`_keys`."""
    folded = _fold_text(text)
    if len(folded) != len(text):
        return [(t.start, t.end) for t in tokens(text)]
    return [m.span() for m in WORD_RE.finditer(folded)]


@lru_cache(maxsize=1024)
def tokens(text: str) -> tuple[Token, ...]:
    """The words of ``text`` (letters with inner apostrophes), with offsets."""
    folded = text.lower().translate(_FOLD_TABLE)
    if len(folded) != len(text):  # rare letters whose lower case is longer
        return tuple(Token(m.group(0), m.start(), m.end(), fold(m.group(0))) for m in WORD_RE.finditer(text))
    return tuple(
        Token(m.group(0), m.start(), m.end(), folded[m.start() : m.end()]) for m in WORD_RE.finditer(text)
    )


@lru_cache(maxsize=65536)
def lemmas(lang: str, key: str) -> frozenset[str]:
    """Every normal form pymorphy3 proposes for ``key`` (dictionary and predicted)."""
    return frozenset(fold(p.normal_form) for p in analyzer(lang).parse(key))


@lru_cache(maxsize=4096)
def known(lang: str, key: str) -> bool:
    """Whether the dictionary of ``lang`` has ``key``."""
    return bool(analyzer(lang).word_is_known(key))


@lru_cache(maxsize=4096)
def citation_lemmas(lang: str, key: str) -> frozenset[str]:
    """Lemmas of a term word given in its citation form (nominative parses only)."""
    parses = [p for p in analyzer(lang).parse(key) if p.is_known]
    nominative = [p for p in parses if "nomn" in p.tag]
    return frozenset(fold(p.normal_form) for p in (nominative or parses))


@lru_cache(maxsize=1024)
def other_lexeme(lang: str, key: str) -> frozenset[str]:
    """Every inflected form of ``key`` (citation form) in ``lang``'s dictionary."""
    parses = [p for p in analyzer(lang).parse(key) if p.is_known and "nomn" in p.tag]
    return frozenset(fold(form.word) for p in parses for form in p.lexeme)


def stem_of(key: str) -> str:
    """Stem of an unknown name: the citation form minus its nominative ending."""
    for ending in _NOM_ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            return key[: -len(ending)]
    return key


def adjective_base(key: str) -> str:
    """What a derived adjective starts with: Харків → харків, Буча → буч."""
    return key[:-1] if key[-1:] in _STRIP_FINAL and len(key) > 3 else key


@lru_cache(maxsize=65536)
def signatures(lang: str, key: str) -> frozenset[Signature]:
    """All ways a text word ``key`` can satisfy a term word (see module docstring)."""
    sigs: set[Signature] = {("w", key)}
    sigs.update(("l", lemma) for lemma in lemmas(lang, key))
    for ending in ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            sigs.add(("s", key[: len(key) - len(ending)] if ending else key))
    match = _ADJ_RE.match(key)
    if match:
        sigs.add(("a", match.group(1)))
        if match.group(2):
            sigs.add(("a", match.group(1) + match.group(2)))
    return frozenset(sigs)


def term_word_signatures(lang: str, key: str, *, derive_adjective: bool) -> frozenset[Signature]:
    """The signatures a term word accepts."""
    sigs: set[Signature] = {("w", key)}
    if known(lang, key):
        sigs.update(("l", lemma) for lemma in citation_lemmas(lang, key))
    else:
        sigs.add(("s", stem_of(key)))
        # A Russian spelling in a Ukrainian text (or vice versa) declines the
        # other language's way: accept every form of its lexeme there.
        other = OTHER_SLAVIC.get(base_lang(lang))
        if other is not None and known(other, key):
            sigs.update(("w", form) for form in other_lexeme(other, key))
    if derive_adjective:
        sigs.add(("a", adjective_base(key)))
    return frozenset(sigs)


@dataclass(frozen=True, slots=True)
class TargetHit:
    """One occurrence of a term in a target text."""

    term: Term
    start: int
    end: int
    text: str
    words: tuple[Token, ...]
    how: str  # "exact", "lemma", "stem", "adjective" or "verbatim"


_HOW = {"w": "exact", "l": "lemma", "s": "stem", "a": "adjective"}


def _rank(sig: Signature) -> tuple[int, str]:
    return ("wlsa".index(sig[0]), sig[1])


class TargetMatcher:
    """Finds a fixed set of terms in texts of one language."""

    def __init__(self, lang: str, terms: tuple[Term, ...], *, verbatim: tuple[Term, ...] = ()) -> None:
        from newsl10n.glossary import stems

        self.lang = lang
        self.inflected = inflected(lang)
        # Snowball-stemmed languages share the index; their words are compared
        # after the language's own case folding (Turkish I/ı, İ/i).
        self.stemmed = not self.inflected and stems.stemmed(lang)
        self._unspaced = stems.unspaced(lang)
        self._prepare = stems.prepare if self.stemmed else None
        self._index: dict[Signature, list[tuple[int, int]]] = {}
        self._terms: list[tuple[Term, tuple[str, ...]]] = []
        self._regexes: list[tuple[Term, re.Pattern[str]]] = []
        for term in verbatim:
            if term.text.strip():
                self._regexes.append((term, _verbatim_regex(term)))
        for term in terms:
            if not self.inflected and not (self.stemmed and not term.case_sensitive):
                if term.text.strip():
                    regex = _substring_regex(term) if self._unspaced else _verbatim_regex(term)
                    self._regexes.append((term, regex))
                continue
            words = tuple(t.key for t in tokens(self._prep(term.text)))
            if not words:
                continue
            number = len(self._terms)
            self._terms.append((term, words))
            proper = len(words) == 1 and term.text[:1].isupper()
            for position, key in enumerate(words):
                if self.stemmed:
                    term_sigs = stems.term_signatures(lang, key)
                else:
                    term_sigs = term_word_signatures(lang, key, derive_adjective=proper)
                for sig in term_sigs:
                    self._index.setdefault(sig, []).append((number, position))

        # Every signature value starts with the first two letters of the word it
        # came from (inflection and derivation change endings), so a text word
        # with another start cannot match and skips morphological analysis.
        # (Not for stemmed languages: elisions, Arabic proclitics and compound
        # heads change the start.)
        self._prefixes: frozenset[str] | None = (
            None if self.stemmed else frozenset(value[:2] for _, value in self._index)
        )
        # Text words analysed so far, and the (term number, word position, how)
        # slots of those that fill any. A language has a bounded vocabulary, so
        # these stay small, and a text with no term word costs two set
        # operations in C instead of a morphological analysis per word.
        self._seen: set[str] = set()
        self._slots: dict[str, tuple[tuple[int, int, str], ...]] = {}

    def find(self, text: str) -> list[TargetHit]:
        """Every occurrence of every term, in text order."""
        hits: list[TargetHit] = []
        for term, regex in self._regexes:
            for match in regex.finditer(text):
                hits.append(TargetHit(term, match.start(), match.end(), match.group(0), (), "verbatim"))
        if self._terms:
            hits.extend(self._find_inflected(text))
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits

    def _word_slots(self, key: str) -> tuple[tuple[int, int, str], ...]:
        """The term-word slots a text word (folded) fills, and how, in a fixed order."""
        if self._prefixes is not None and key[:2] not in self._prefixes:
            return ()
        found: dict[tuple[int, int], str] = {}
        if self.stemmed:
            from newsl10n.glossary.stems import text_signatures

            sigs = text_signatures(self.lang, key)
        else:
            sigs = signatures(self.lang, key)
        # The most literal reading wins (exact, lemma, stem, adjective), whatever
        # the set's iteration order: steering repairs an adjective differently.
        for sig in sorted(sigs, key=_rank):
            for slot in self._index.get(sig, ()):
                found.setdefault(slot, _HOW[sig[0]])
        return tuple((number, position, how) for (number, position), how in found.items())

    def terms_in(self, text: str) -> set[int]:
        """``id()`` of every term that occurs in ``text``: :meth:`find` without
        offsets, for questions of presence (the common case of a check run)."""
        found = {id(term) for term, regex in self._regexes if regex.search(text)}
        if self._terms:
            keys = _keys(self._prep(text))
            found.update(id(self._terms[number][0]) for number, _first, _how in self._occurrences(keys))
        return found

    def _occurrences(self, keys: tuple[str, ...]) -> list[tuple[int, int, str]]:
        """(term number, index of its first word, how) of each term in ``keys``."""
        memo = self._slots
        if not self._seen.issuperset(keys):
            for key in set(keys).difference(self._seen):
                slots = self._word_slots(key)
                if slots:
                    memo[key] = slots
            self._seen.update(keys)
        if memo.keys().isdisjoint(keys):
            return []
        # matched[(term number, word position)] = {word index: how}
        matched: dict[tuple[int, int], dict[int, str]] = {}
        for index, key in enumerate(keys):
            for number, position, how in memo.get(key, ()):
                matched.setdefault((number, position), {}).setdefault(index, how)
        found: list[tuple[int, int, str]] = []
        for (number, position), where in matched.items():
            if position != 0:
                continue
            size = len(self._terms[number][1])
            for first, how in where.items():
                if first + size > len(keys):
                    continue
                if all(first + k in matched.get((number, k), {}) for k in range(1, size)):
                    found.append((number, first, how))
        return found

    def _prep(self, text: str) -> str:
        """``text`` with the language's case-folding quirks applied (same length)."""
        return self._prepare(self.lang, text) if self._prepare is not None else text

    def _find_inflected(self, text: str) -> list[TargetHit]:
        prepared = self._prep(text)
        keys = _keys(prepared)
        occurrences = self._occurrences(keys)
        if not occurrences:
            return []
        spans = _spans(prepared)
        hits: list[TargetHit] = []
        for number, first, how in occurrences:
            term, term_words = self._terms[number]
            last = first + len(term_words) - 1
            start, end = spans[first][0], spans[last][1]
            words = tuple(Token(text[a:b], a, b, keys[i]) for i, (a, b) in enumerate(spans[first : last + 1], first))
            hits.append(TargetHit(term, start, end, text[start:end], words, how))
        return hits


def _substring_regex(term: Term) -> re.Pattern[str]:
    """``term`` anywhere in a text written without spaces (Japanese, Chinese, Thai)."""
    body = r"\s*".join(re.escape(w) for w in term.text.split())
    return re.compile(body, 0 if term.case_sensitive else re.IGNORECASE)


def _verbatim_regex(term: Term) -> re.Pattern[str]:
    r"""``term`` as a whole word, words separated by any whitespace.

    Readable form ``(?<![\w@#])Sky\s+News(?![\w])``; written to start with the
    first letter and look behind it, so the regex engine skips ahead to that
    letter instead of testing the look-behind at every position.
    """
    words = term.text.split()
    first, rest = words[0][0], words[0][1:]
    body = r"\s+".join([re.escape(rest), *(re.escape(w) for w in words[1:])])
    flags = 0 if term.case_sensitive else re.IGNORECASE
    return re.compile(rf"{re.escape(first)}(?<![\w@#]{re.escape(first)}){body}(?![\w])", flags)


def inflect_like(lang: str, preferred: str, deprecated_word: str, deprecated_lemma: str) -> str:
    """``preferred`` (a citation form) in the grammatical form of ``deprecated_word``.

    The case and number come from pymorphy3's parse of ``deprecated_word`` whose
    lemma is ``deprecated_lemma`` (trying the other Slavic dictionary for Russian
    spellings in Ukrainian text and vice versa). Without such a parse the ending
    is transplanted: Харкиве (lemma Харкив) → Харьков + е.
    """
    from newsl10n.glossary.match import match_case

    key, lemma_key, target = fold(deprecated_word), fold(deprecated_lemma), fold(preferred)
    if key == lemma_key:
        return match_case(deprecated_word, preferred)
    grammemes = _case_number(lang, key, lemma_key)
    if grammemes is None and base_lang(lang) in OTHER_SLAVIC:
        grammemes = _case_number(OTHER_SLAVIC[base_lang(lang)], key, lemma_key)
    if grammemes:
        candidates = [p for p in analyzer(lang).parse(target) if p.is_known and "nomn" in p.tag]
        # The uk dictionary leaves singular unmarked, so retry with the case alone.
        attempts = [grammemes, grammemes - {"sing"}]
        for wanted in attempts:
            for parse in candidates:
                form = parse.inflect(set(wanted))
                if form is not None:
                    return match_case(deprecated_word, _restore(preferred, form.word))
    by_ending = _form_by_ending(lang, target, key)
    if by_ending is not None:
        return match_case(deprecated_word, _restore(preferred, by_ending))
    stem = stem_of(lemma_key)
    ending = key[len(stem) :] if key.startswith(stem) else ""
    new_stem = stem_of(target) if stem != lemma_key else target
    return match_case(deprecated_word, _restore(preferred, new_stem + ending))


def _form_by_ending(lang: str, target: str, key: str) -> str | None:
    """The form of ``target`` whose ending (after the lexeme's common stem) ends ``key``.

    Харків's lexeme shares "харк"; Харькові ends like Харкові ("ові"), so that is
    the form. The longest ending wins; the bare citation form never does.
    """
    parses = [p for p in analyzer(lang).parse(target) if p.is_known and "nomn" in p.tag]
    if not parses:
        return None
    forms = sorted({fold(f.word) for f in parses[0].lexeme})
    common = os.path.commonprefix(forms)
    best: tuple[int, str] | None = None
    for form in forms:
        ending = form[len(common) :]
        if ending and key.endswith(ending) and form != target and (best is None or len(ending) > best[0]):
            best = (len(ending), form)
    return best[1] if best else None


def _case_number(lang: str, key: str, lemma_key: str) -> frozenset[str] | None:
    for parse in analyzer(lang).parse(key):
        # Guesses for unknown words are unreliable (a Russian locative read as a
        # Ukrainian vocative), so only dictionary parses count.
        if not parse.is_known or fold(parse.normal_form) != lemma_key:
            continue
        wanted = {g for g in (parse.tag.case, parse.tag.number) if g}
        if parse.tag.case:
            return frozenset(wanted)
    return None


def _restore(preferred: str, form: str) -> str:
    """Apply the preferred term's own capitals (Ізюм) to a lower-case inflected form."""
    if preferred[:1].isupper():
        return form[:1].upper() + form[1:]
    return form
