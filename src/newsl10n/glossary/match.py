"""Source-side (English) term matching.

Whole-word and case-insensitive (unless a term is flagged ``case``), so headlines
in capitals match; a term followed by a possessive (``Izium's``) or a hyphenated
suffix (``Izium-based``) still matches, a longer word (``Iziumite``) does not.
Text inside URLs, e-mail addresses, @handles and #hashtags is never matched:
those are placeables and stay verbatim. All terms of a glossary are compiled into
one alternation per case mode, once per glossary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from newsl10n.glossary.model import SOURCE_LANG, Concept, Term, TermStatus
from newsl10n.placeables import mask_verbatim

if TYPE_CHECKING:
    from newsl10n.glossary.model import Glossary

_APOSTROPHES = "'\u2019\u02bc"


@dataclass(frozen=True, slots=True)
class SourceHit:
    """One occurrence of a glossary term in an English source text."""

    concept: Concept
    term: Term
    start: int
    end: int
    text: str  # the matched text as written (``IZYUM``)

    @property
    def deprecated(self) -> bool:
        """The source spells the concept with a deprecated variant."""
        return self.term.status is TermStatus.DEPRECATED


def _term_pattern(text: str) -> str:
    # Words may be separated by any whitespace (line wraps, no-break spaces);
    # apostrophes inside a term may be typographic or ASCII.
    parts = []
    for word in text.split():
        escaped = re.escape(word)
        for apostrophe in _APOSTROPHES:
            escaped = escaped.replace(re.escape(apostrophe), f"[{_APOSTROPHES}]")
        parts.append(escaped)
    return r"\s+".join(parts)


def _first_letters(texts: list[str]) -> str:
    """A look-ahead for the characters the terms can start with.

    Without it the regex engine tries every alternative at every word start;
    one character-class test turns most word starts away first (three times
    faster on news copy). Under IGNORECASE the class matches exactly the case
    variants the alternatives themselves would.
    """
    first = {t[0] for t in texts}
    if first & set(_APOSTROPHES):
        first |= set(_APOSTROPHES)
    return "(?=[" + "".join(re.escape(c) for c in sorted(first)) + "])"


def normalise_key(text: str, *, case_sensitive: bool) -> str:
    """The lookup key of a matched span: whitespace and apostrophes unified."""
    key = " ".join(text.split())
    for apostrophe in _APOSTROPHES[1:]:
        key = key.replace(apostrophe, "'")
    return key if case_sensitive else key.casefold()


# (?<![\w@#]) rejects a handle or hashtag; (?![\w]) allows "'s" and "-based".
# "Kharkiv-Izium" matches both names, but "pro-Russian" is not "Russian": its
# translation (проросійський) does not contain the term.
_WORD_START = r"(?<![\w@#])"
_NOT_PREFIXED = "".join(rf"(?<!\b{p}-)" for p in ("pro", "anti", "pre", "post", "non"))
_RIGHT = r"(?![\w])"


class SourceMatcher:
    """Finds every glossary concept an English text mentions."""

    def __init__(self, glossary: Glossary) -> None:
        self._lookup: dict[tuple[bool, str], list[tuple[Concept, Term]]] = {}
        folded: list[str] = []
        exact: list[str] = []
        for concept in glossary.concepts:
            for term in concept.terms_for(SOURCE_LANG):
                key = normalise_key(term.text, case_sensitive=term.case_sensitive)
                self._lookup.setdefault((term.case_sensitive, key), []).append((concept, term))
                (exact if term.case_sensitive else folded).append(term.text)
        self._patterns: list[tuple[bool, re.Pattern[str]]] = []
        for case_sensitive, texts in ((False, folded), (True, exact)):
            if not texts:
                continue
            # Longest first, so "Volodymyr Zelensky" wins over "Zelensky".
            ordered = sorted(set(texts), key=lambda t: (-len(t), t))
            alternation = "|".join(_term_pattern(t) for t in ordered)
            flags = 0 if case_sensitive else re.IGNORECASE
            # The cheap tests first: a word start, a letter some term starts with.
            pattern = f"{_WORD_START}{_first_letters(ordered)}{_NOT_PREFIXED}(?:{alternation}){_RIGHT}"
            self._patterns.append((case_sensitive, re.compile(pattern, flags)))

    def find(self, text: str) -> list[SourceHit]:
        """All term occurrences in ``text``, in order, longest match first at a position."""
        return list(_find_cached(self, text))

    def iter_hits(self, text: str) -> Iterator[SourceHit]:
        """Like :meth:`find`, lazily and uncached."""
        masked = mask_verbatim(text, "\0")  # same length, offsets hold
        hits: list[SourceHit] = []
        for case_sensitive, pattern in self._patterns:
            for match in pattern.finditer(masked):
                key = normalise_key(match.group(0), case_sensitive=case_sensitive)
                for concept, term in self._lookup.get((case_sensitive, key), ()):
                    span = text[match.start() : match.end()]
                    hits.append(SourceHit(concept, term, match.start(), match.end(), span))
        hits.sort(key=lambda h: (h.start, -h.end))
        # Drop hits nested inside a longer one ("Zelensky" inside "Volodymyr Zelensky").
        last_end = -1
        for hit in hits:
            if hit.start < last_end and hit.end <= last_end:
                continue
            last_end = max(last_end, hit.end)
            yield hit

    def concepts(self, text: str) -> tuple[Concept, ...]:
        """The distinct concepts ``text`` mentions, in order of first mention."""
        seen: dict[str, Concept] = {}
        for hit in self.find(text):
            seen.setdefault(hit.concept.id, hit.concept)
        return tuple(seen.values())


@lru_cache(maxsize=8192)
def _find_cached(matcher: SourceMatcher, text: str) -> tuple[SourceHit, ...]:
    return tuple(matcher.iter_hits(text))


def match_case(template: str, replacement: str) -> str:
    """Give ``replacement`` the capitalisation pattern of ``template`` (UPPER, Title, lower)."""
    letters = [c for c in template if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters and letters[0].isupper():
        return replacement[:1].upper() + replacement[1:]
    if letters and all(c.islower() for c in letters):
        return replacement[:1].lower() + replacement[1:]
    return replacement
