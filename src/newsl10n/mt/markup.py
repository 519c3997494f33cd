"""Inline markup never reaches the model: placeholders around the call, repaired drafts after it.

A msgid of an HTML or Markdown article keeps its inline markup
(``Read <a href="…">the report</a>.``, ``See [the map](…) of *Izium*.``).
:class:`MarkupTranslator` wraps an engine (the cached, placeable-protected
backend): before the call each tag, comment, kept character reference, code
span, autolink, Markdown link bracket and emphasis marker becomes a numbered
placeholder, ``#m1``, ``#m2``… (hashtag-shaped: the placeable protection
underneath keeps hashtags verbatim, models copy them, and the cache keys on
the placeholder text, so one sentence with two different links is translated
once). After the call the placeholders are put back.

A draft that lost or reordered placeholders is repaired (:func:`restore`):
a duplicate is dropped; a pair that came back closed before it opened is
swapped; a pair with one side lost gets it back as many words away from the
other side as the source had inside the pair; a pair lost whole that spanned the
whole sentence wraps the whole draft; a lone item (``<br>``, a code span) is
put back at the same relative position. A pair lost whole inside the
sentence cannot be placed without guessing what it marked: it is left out,
and the markup check, run on every fresh draft, writes the translator
comment that says so.

Which texts carry markup is said by the caller (``formats``: text → article
format), because the same characters in a plain-text article are prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from newsl10n.formats.inline import inline_markup
from newsl10n.model import Draft
from newsl10n.mt.base import Failure, StreamItem, Translator, stream_drafts

MARKUP_FORMATS = frozenset({"html", "markdown"})
_CODE_TAGS = frozenset({"code", "kbd", "samp", "var"})
# Placeholder letters, the first one the source does not use (protect.MARKUP_PLACEHOLDER_RE knows them).
_LETTERS = ("m", "q", "z", "k")
_LOOKALIKE = {"m": "мМ", "k": "кК", "z": "зЗ", "q": ""}  # a model may write the Cyrillic letter
_FINAL_RE = re.compile(r"[\s.!?…:;\"'”»)]*\Z")
_WORD_RE = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Piece:
    """One run of markup that becomes one placeholder."""

    start: int
    end: int
    text: str
    role: str  # "open", "close" or "solo"
    partner: int = -1  # index of the other side of a pair


def markup_pieces(text: str, *, format: str) -> list[Piece]:
    """The runs of ``text`` that the model must not see, in order, pairs linked."""
    items = inline_markup(text, format=format)
    raw: list[tuple[int, int, str]] = []  # (start, end, role)
    pairable: list[tuple[str, int]] = []  # (pair key, index into raw) for open sides
    pairs: dict[int, int] = {}
    i = 0
    brackets = [m.start() for m in re.finditer(r"!?\[", text)] if format == "markdown" else []
    while i < len(items):
        m = items[i]
        name = m.key[1:].split(" ", 1)[0].rstrip(">") if m.kind == "open" else ""
        if m.kind == "open" and name in _CODE_TAGS:
            # <code>…</code> is one lone item: its content is not prose either.
            depth, j = 0, i
            while j < len(items):
                k = items[j]
                if k.kind == "open" and k.key[1:].split(" ", 1)[0].rstrip(">") == name:
                    depth += 1
                elif k.kind == "close" and k.key == f"</{name}>":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if j < len(items):
                raw.append((m.start, items[j].end, "solo"))
                i = j + 1
                continue
        if m.kind == "code" and format == "html":
            i += 1
            continue
        if m.kind == "open":
            pairable.append((f"</{name}>", len(raw)))
            raw.append((m.start, m.end, "open"))
        elif m.kind == "close":
            for n in range(len(pairable) - 1, -1, -1):
                if pairable[n][0] == m.key:
                    pairs[pairable[n][1]] = len(raw)
                    del pairable[n:]
                    break
            raw.append((m.start, m.end, "close"))
        elif m.kind == "emphasis":
            for n in range(len(pairable) - 1, -1, -1):
                if pairable[n][0] == m.key:
                    pairs[pairable[n][1]] = len(raw)
                    del pairable[n]
                    break
            else:
                pairable.append((m.key, len(raw)))
            raw.append((m.start, m.end, "close" if len(raw) in pairs.values() else "open"))
        elif m.kind == "link" and format == "markdown":
            # The nearest "[" before "](dest)" that is not inside a code span or another piece.
            opener = next((b for b in reversed(brackets) if b < m.start and not _inside(raw, b)), None)
            if opener is not None:
                end = opener + (2 if text.startswith("![", opener) else 1)
                brackets.remove(opener)
                raw.append((opener, end, "open"))
                pairs[len(raw) - 1] = len(raw)
                raw.append((m.start, m.end, "close"))
            else:
                raw.append((m.start, m.end, "solo"))
        else:
            raw.append((m.start, m.end, "solo"))
        i += 1
    order = sorted(range(len(raw)), key=lambda n: raw[n][0])
    where = {old: new for new, old in enumerate(order)}
    partner = {where[a]: where[b] for a, b in pairs.items()}
    partner.update({b: a for a, b in partner.items()})
    out = []
    for new, old in enumerate(order):
        start, end, role = raw[old]
        if new not in partner:
            role = "solo"
        out.append(Piece(start, end, text[start:end], role, partner.get(new, -1)))
    return out


def _inside(raw: list[tuple[int, int, str]], pos: int) -> bool:
    return any(s <= pos < e for s, e, _ in raw)


@dataclass(frozen=True, slots=True)
class Masked:
    """A text with its markup replaced by placeholders, and how to put it back."""

    text: str  # what the model sees
    pieces: tuple[Piece, ...]
    letter: str
    source: str
    glued_before: tuple[bool, ...]  # a space was added before the placeholder
    glued_after: tuple[bool, ...]
    bare_before: tuple[bool, ...]  # the source has no whitespace right before the markup
    bare_after: tuple[bool, ...]


def mask(text: str, *, format: str) -> Masked:
    """Replace the markup of ``text`` by ``#m1``, ``#m2``… (spaced off the words they touch)."""
    pieces = markup_pieces(text, format=format)
    letter = next((c for c in _LETTERS if not re.search(rf"#{c}\d", text)), "m")
    out: list[str] = []
    last = 0
    gb, ga, bb, ba = [], [], [], []
    for n, p in enumerate(pieces, start=1):
        before = text[p.start - 1] if p.start > 0 else ""
        after = text[p.end] if p.end < len(text) else ""
        out.append(text[last : p.start])
        glue_b = bool(before) and (before.isalnum() or before == "_" or (before not in " \t\n" and p.role != "open"))
        glue_a = bool(after) and (after.isalnum() or after == "_" or after in "#@" or (after not in " \t\n" and p.role == "open"))
        out.append((" " if glue_b else "") + f"#{letter}{n}" + (" " if glue_a else ""))
        gb.append(glue_b)
        ga.append(glue_a)
        bb.append(not before.isspace())
        ba.append(not after.isspace())
        last = p.end
    out.append(text[last:])
    return Masked("".join(out), tuple(pieces), letter, text, tuple(gb), tuple(ga), tuple(bb), tuple(ba))


def _token_re(letter: str) -> re.Pattern[str]:
    return re.compile(rf"#\s?[{letter}{letter.upper()}{_LOOKALIKE.get(letter, '')}](\d+)")


def restore(masked: Masked, draft: str) -> str:
    """Put the markup back into a draft of ``masked.text``, repairing lost or misplaced placeholders."""
    if not masked.pieces:
        return draft
    text = _repair(masked, draft)
    pieces = masked.pieces
    token = _token_re(masked.letter)
    out: list[str] = []
    last = 0
    for m in token.finditer(text):
        n = int(m.group(1)) - 1
        head = text[last : m.start()]
        strip_before = masked.glued_before[n] or (pieces[n].role == "close" and masked.bare_before[n])
        if strip_before:
            head = head.rstrip(" ")
        out.append(head)
        out.append(pieces[n].text)
        last = m.end()
        strip_after = masked.glued_after[n] or (pieces[n].role == "open" and masked.bare_after[n])
        rest = text[last:]
        if strip_after or (masked.bare_after[n] and re.match(r" +[.,;:!?…)»”]", rest)):
            last += len(rest) - len(rest.lstrip(" "))
    out.append(text[last:])
    return "".join(out)


def _repair(masked: Masked, draft: str) -> str:
    """The draft with each placeholder exactly once, in an order that pairs up."""
    token = _token_re(masked.letter)
    count = len(masked.pieces)
    seen: set[int] = set()

    def keep_first(m: re.Match[str]) -> str:
        n = int(m.group(1)) - 1
        if n >= count or n in seen:
            return ""
        seen.add(n)
        return f"#{masked.letter}{n + 1}"

    text = re.sub(r"  +", " ", token.sub(keep_first, draft)) if token.search(draft) else draft
    pieces = masked.pieces
    for n, p in enumerate(pieces):
        if p.role != "open":
            continue
        c = p.partner
        pos = _positions(text, token)
        if n in pos and c in pos and pos[c] < pos[n]:
            text = _swap(text, masked.letter, n, c)
        elif n in pos and c not in pos:
            text = _insert_words_after(text, token, pos[n], _inner_words(masked, n, c), f"#{masked.letter}{c + 1}")
        elif c in pos and n not in pos:
            text = _insert_words_before(text, token, pos[c], _inner_words(masked, n, c), f"#{masked.letter}{n + 1}")
        elif n not in pos and c not in pos and _wraps_all(masked, n, c):
            cut = _final_cut(text)
            text = f"#{masked.letter}{n + 1} {text[:cut].strip()} #{masked.letter}{c + 1}{text[cut:]}"
    for n, p in enumerate(pieces):
        if p.role == "solo" and n not in _positions(text, token):
            text = _insert_at_fraction(text, token, _fraction(masked, n), f"#{masked.letter}{n + 1}")
    return text


def _positions(text: str, token: re.Pattern[str]) -> dict[int, int]:
    return {int(m.group(1)) - 1: m.start() for m in token.finditer(text)}


def _swap(text: str, letter: str, a: int, b: int) -> str:
    ta, tb = f"#{letter}{a + 1}", f"#{letter}{b + 1}"
    return re.sub(rf"{re.escape(ta)}(?!\d)|{re.escape(tb)}(?!\d)", lambda m: tb if m.group() == ta else ta, text)


def _words(text: str, token: re.Pattern[str]) -> list[re.Match[str]]:
    return [w for w in _WORD_RE.finditer(text) if not token.fullmatch(w.group())]


def _inner_words(masked: Masked, a: int, b: int) -> int:
    inner = masked.source[masked.pieces[a].end : masked.pieces[b].start]
    return max(1, len(_WORD_RE.findall(inner)))


def _wraps_all(masked: Masked, a: int, b: int) -> bool:
    src = masked.source
    outside = src[: masked.pieces[a].start] + src[masked.pieces[b].end :]
    return not any(ch.isalnum() for ch in outside)


def _final_cut(text: str) -> int:
    m = _FINAL_RE.search(text)
    return m.start() if m else len(text)


def _insert_words_after(text: str, token: re.Pattern[str], at: int, n: int, tok: str) -> str:
    after = [w for w in _words(text, token) if w.start() > at][:n]
    cut = min(_final_cut(text), after[-1].end()) if after else _final_cut(text)
    cut = max(cut, at)
    # A word's trailing punctuation stays outside the pair.
    while cut > at and text[cut - 1] in ".,;:!?…\"'”»)":
        cut -= 1
    return f"{text[:cut]} {tok}{text[cut:]}"


def _insert_words_before(text: str, token: re.Pattern[str], at: int, n: int, tok: str) -> str:
    before = [w for w in _words(text, token) if w.end() <= at][-n:]
    cut = before[0].start() if before else 0
    while cut < at and text[cut] in "\"'“«(":
        cut += 1
    return f"{text[:cut]}{tok} {text[cut:]}"


def _fraction(masked: Masked, n: int) -> float:
    """Where placeholder ``n`` sits in the masked source, as a share of its words."""
    token = _token_re(masked.letter)
    at = _positions(masked.text, token).get(n, len(masked.text))
    words = _words(masked.text, token)
    return sum(1 for w in words if w.start() < at) / (len(words) or 1)


def _insert_at_fraction(text: str, token: re.Pattern[str], frac: float, tok: str) -> str:
    words = _words(text, token)
    if not words:
        return f"{text} {tok}" if text else tok
    idx = round(frac * len(words))
    if idx >= len(words):
        cut = _final_cut(text)
        return f"{text[:cut]} {tok}{text[cut:]}"
    cut = words[idx].start()
    return f"{text[:cut]}{tok} {text[cut:]}"


class MarkupTranslator:
    """A :class:`Translator` that hides the inline markup of HTML/Markdown texts from ``inner``."""

    name: ClassVar[str] = "markup"

    def __init__(self, inner: Translator, *, formats: Mapping[str, str]) -> None:
        """``formats`` maps a text to its article format; texts not in it go through untouched."""
        self.inner = inner
        self.formats = {t: f for t, f in formats.items() if f in MARKUP_FORMATS}

    @property
    def misses(self) -> Any:
        """The wrapped cache's miss count (what ``translate`` reports as model calls)."""
        return getattr(self.inner, "misses")

    def signature(self) -> str:
        """The inner signature: hiding markup does not change what the model is."""
        return self.inner.signature()

    def translate_batch(self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int = 1) -> list[Draft]:
        """Translate ``texts`` with their markup hidden, and put it back."""
        masks = self._masks(texts)
        sent = [m.text if m is not None else t for m, t in zip(masks, texts)]
        drafts = self.inner.translate_batch(sent, target_lang=target_lang, num_hypotheses=num_hypotheses)
        return [_unmask(masked, draft) for masked, draft in zip(masks, drafts)]

    def translate_stream(
        self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int = 1, chunk: int = 64
    ) -> Iterator[StreamItem]:
        """Like :meth:`translate_batch`, yielding ``(index, draft)`` as the inner engine streams them."""
        masks = self._masks(texts)
        sent = [m.text if m is not None else t for m, t in zip(masks, texts)]
        for item in stream_drafts(self.inner, sent, target_lang=target_lang, num_hypotheses=num_hypotheses,
                                  chunk=chunk):
            if item is None or isinstance(item[1], Failure):
                yield item
                continue
            i, draft = item
            yield i, _unmask(masks[i], draft)

    def _masks(self, texts: Sequence[str]) -> list[Masked | None]:
        return [mask(t, format=self.formats[t]) if t in self.formats else None for t in texts]


def _unmask(masked: Masked | None, draft: Draft) -> Draft:
    if masked is None or not masked.pieces:
        return draft
    alts = tuple(restore(masked, alt) for alt in (draft.alternatives or (draft.text,)))
    return replace(draft, text=alts[0], alternatives=alts)
