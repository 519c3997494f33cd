"""Placeables: the parts of a sentence that must survive translation verbatim.

URLs (including bare ``pic.twitter.com/...`` links), e-mail addresses, @handles,
#hashtags, numbers and emoji. One set of patterns serves segmentation, MT
protection and the QA checks, so they can never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Ordered by priority: an e-mail address is not a handle, a URL is not a number.
URL_RE = re.compile(
    r"""(?:https?://|www\.|(?:pic\.)?twitter\.com/|t\.co/|bit\.ly/)"""
    r"""[^\s<>"“”«»]*[^\s<>"“”«».,;:!?)\]}'’]""",
    re.IGNORECASE,
)
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
HANDLE_RE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{1,30}\b")
HASHTAG_RE = re.compile(r"(?<![\w#&])#[^\W\d_][\w]*", re.UNICODE)
# 440, 1,200, 1 200, 3.5, 2022-09-16, 15:30, 10%: digits with internal separators.
NUMBER_RE = re.compile(
    r"(?<![\w.,])(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d|[.,]\d)|\d+(?:[.,:\u00a0\u202f/-]\d+)*)(?![\w])"
)
# Pictographs, flags (regional indicator pairs), ZWJ sequences and modifiers.
EMOJI_RE = re.compile(
    "(?:[\U0001f1e6-\U0001f1ff]{2}"
    "|[\U0001f300-\U0001faff\u2600-\u27bf\u2b00-\u2bff]"
    "[\ufe0f\U0001f3fb-\U0001f3ff]*"
    "(?:\u200d[\U0001f300-\U0001faff\u2600-\u27bf][\ufe0f\U0001f3fb-\U0001f3ff]*)*)"
)

KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("url", URL_RE),
    ("email", EMAIL_RE),
    ("handle", HANDLE_RE),
    ("hashtag", HASHTAG_RE),
    ("emoji", EMOJI_RE),
    ("number", NUMBER_RE),
)


@dataclass(frozen=True, slots=True)
class Placeable:
    """One protected span of a text."""

    kind: str
    text: str
    start: int
    end: int


def find_placeables(text: str, *, kinds: tuple[str, ...] | None = None) -> list[Placeable]:
    """All non-overlapping placeables in ``text``, in order.

    Earlier kinds in :data:`KINDS` win overlaps, so the digits of a URL are not
    also reported as a number.
    """
    return list(_find(text, kinds))


@lru_cache(maxsize=8192)
def _find(text: str, kinds: tuple[str, ...] | None) -> tuple[Placeable, ...]:
    # Cached: every check and the MT protection ask about the same strings.
    taken: list[Placeable] = []
    present = _kinds_present(text)
    for kind, pattern in KINDS:
        if (kinds is not None and kind not in kinds) or kind not in present:
            continue
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(p.start < e and s < p.end for p in taken):
                continue
            taken.append(Placeable(kind, m.group(), s, e))
    taken.sort(key=lambda p: p.start)
    return tuple(taken)


_DIGIT_RE = re.compile(r"\d")
_URL_HINT_RE = re.compile(r"http|www\.|twitter\.com/|t\.co/|bit\.ly/", re.IGNORECASE)


def _kinds_present(text: str) -> set[str]:
    """Kinds that can possibly match: cheap substring tests before the regexes."""
    present = set()
    if _URL_HINT_RE.search(text):
        present.add("url")
    if "@" in text:
        present.update(("email", "handle"))
    if "#" in text:
        present.add("hashtag")
    if text and max(text) >= "\u2600":
        present.add("emoji")
    if _DIGIT_RE.search(text):
        present.add("number")
    return present


def has_words(text: str) -> bool:
    """True when ``text`` has letters outside placeables (something to translate)."""
    rest = text
    for p in reversed(find_placeables(text)):
        rest = rest[: p.start] + " " + rest[p.end :]
    return any(ch.isalpha() for ch in rest)
