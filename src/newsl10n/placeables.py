"""Placeables: the parts of a sentence that must survive translation verbatim.

URLs (including bare ``pic.twitter.com/...`` links), e-mail addresses, @handles,
#hashtags, numbers and emoji. One set of patterns serves segmentation, MT
protection and the QA checks, so they can never disagree.

Catalogs written by other tools (Django's, a CMS's) also carry program code:
format-string placeholders (``%(name)s``, ``%d``, ``{0}``, ``{name}``) and
inline HTML tags. :func:`mask_code` blanks them for the checks that read words
and numbers; ``checks/formats.py`` compares the placeholders themselves.
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
# Written to start with the digit itself and look behind it, not with the
# look-behind: a pattern that starts with a character class lets the regex
# engine skip to the next digit, which makes the scan about twice as fast.
NUMBER_RE = re.compile(
    r"\d(?<![\w.,]\d)"
    r"(?:\d{0,2}(?:[ \u00a0\u202f]\d{3})+(?!\d|[.,]\d)|\d*(?:[.,:\u00a0\u202f/-]\d+)*)(?![\w])"
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


VERBATIM_KINDS = ("url", "email", "handle", "hashtag")  # copied character for character
_VERBATIM = frozenset(VERBATIM_KINDS)


def find_placeables(text: str, *, kinds: tuple[str, ...] | None = None) -> list[Placeable]:
    """All non-overlapping placeables in ``text``, in order.

    Earlier kinds in :data:`KINDS` win overlaps, so the digits of a URL are not
    also reported as a number. ``kinds`` selects which kinds are returned; the
    overlaps are resolved among all kinds first, so asking for numbers alone
    still never returns the digits of a URL.
    """
    if kinds is not None and _VERBATIM.issuperset(kinds):
        return [p for p in _find_verbatim(text) if p.kind in kinds]
    found = _find(text)
    if kinds is None:
        return list(found)
    return [p for p in found if p.kind in kinds]


@lru_cache(maxsize=8192)
def _find(text: str) -> tuple[Placeable, ...]:
    # Cached: every check and the MT protection ask about the same strings.
    return _scan(text, _kinds_present(text))


@lru_cache(maxsize=8192)
def _find_verbatim(text: str) -> tuple[Placeable, ...]:
    """The verbatim kinds only: they come first in :data:`KINDS`, so no later
    kind can take their place and scanning numbers and emoji is not needed."""
    return _scan(text, _kinds_present(text) & _VERBATIM)


def _scan(text: str, present: set[str]) -> tuple[Placeable, ...]:
    """Placeables of the ``present`` kinds; earlier kinds win overlaps."""
    taken: list[Placeable] = []
    for kind, pattern in KINDS:
        if kind not in present:
            continue
        found = [Placeable(kind, m.group(), *m.span()) for m in pattern.finditer(text)]
        if taken:
            found = [f for f in found if not any(p.start < f.end and f.start < p.end for p in taken)]
        taken.extend(found)
    taken.sort(key=lambda p: p.start)
    return tuple(taken)


@lru_cache(maxsize=8192)
def mask_verbatim(text: str, fill: str = " ") -> str:
    """``text`` with its links, e-mails, @handles and #hashtags overwritten by ``fill``.

    The result has the same length, so offsets still point into ``text``;
    checks read words and numbers from it without seeing inside a URL.
    """
    spans = _find_verbatim(text)
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for p in spans:
        parts.append(text[last : p.start])
        parts.append(fill * (p.end - p.start))
        last = p.end
    parts.append(text[last:])
    return "".join(parts)


# Placeholders as programs write them. An unnamed printf directive must stand
# apart from digits and Latin letters, and a space flag is not accepted, so that
# "50% done" and "100%s" in prose are not taken for one.
PLACEHOLDER_RE = re.compile(
    r"%\([^()\s]{1,60}\)[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[hlL]?[diouxXeEfFgGcrsa%]"
    r"|(?<![\w%])%(?:[1-9]\d*\$)?[-+#0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|ll|[hlLqjzt])?[diouxXeEfFgGcsrp](?![A-Za-z])"
    r"|\{(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\w+\])*|\d+)?(?:![rsa])?(?::[^{}\s]*(?:\{\w*\}[^{}\s]*)?)?\}"
)
# An inline HTML tag (<a href="...">, </b>, <br/>) or a character entity.
HTML_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|&(?:[A-Za-z]{2,8}|#\d{1,6}|#x[0-9A-Fa-f]{1,6});")
_CODE_RE = re.compile(f"{PLACEHOLDER_RE.pattern}|{HTML_TAG_RE.pattern}")


@lru_cache(maxsize=8192)
def mask_code(text: str, fill: str = " ") -> str:
    """``text`` with its format placeholders and HTML tags overwritten by ``fill`` (same length)."""
    if "%" not in text and "{" not in text and "<" not in text and "&" not in text:
        return text  # the common case in news copy
    return _CODE_RE.sub(lambda m: fill * (m.end() - m.start()), text)


_DIGIT_RE = re.compile(r"\d")
_HIGH_RE = re.compile("[\u2600-\U0010ffff]")  # where emoji live


def _kinds_present(text: str) -> set[str]:
    """Kinds that can possibly match: cheap substring tests before the regexes.

    Every URL pattern has a slash or starts with ``www.``; e-mails and handles
    need an @, hashtags a #, emoji a character from U+2600 up.
    """
    present = set()
    if "/" in text or "www." in text.lower():
        present.add("url")
    if "@" in text:
        present.update(("email", "handle"))
    if "#" in text:
        present.add("hashtag")
    if _HIGH_RE.search(text):
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
