"""Keep placeables intact whatever the model does with them.

:class:`ProtectedTranslator` wraps any backend. Before the call, links and
hashtags at the edges of a sentence (a tweet's leading ``@handle :``, trailing
``#tags`` and ``pic.twitter.com`` links) are taken out, so the model never sees
them, and put back afterwards. After the call, every URL, e-mail, handle,
hashtag, emoji and number of the source is verified in each hypothesis; one
the model mangled (``440`` → ``404``, ``@DefenceU`` → ``@Defenceu``) is replaced
by the original, and one it dropped is put back before the final punctuation.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import ClassVar

from newsl10n.model import Draft
from newsl10n.mt.base import Failure, StreamItem, Translator, stream_drafts
from newsl10n.placeables import Placeable, find_placeables

_EDGE_KINDS = ("url", "handle", "hashtag", "email", "emoji")
_LEAD_RE = re.compile(r"\A(?:(?:@\w+|#\w+)\s*[:,]?\s*)+")
_FINAL_PUNCT_RE = re.compile(r"[\s.!?…\"'”»)]*\Z")
_TOKEN_RE = re.compile(r"[^\s\"'“”«»()\[\]]+")


def _key(p: Placeable) -> str:
    """Comparison key: numbers by their digits (1,200 = 1 200), others verbatim."""
    return re.sub(r"\D", "", p.text) if p.kind == "number" else p.text


def split_edges(text: str) -> tuple[str, str, str]:
    """``(lead, core, tail)``: placeable-only runs at the start and end of ``text``."""
    lead = ""
    m = _LEAD_RE.match(text)
    if m and text[m.end() :].strip():
        lead = m.group()
    core = text[len(lead) :]
    tail_start = len(core)
    for p in reversed(find_placeables(core, kinds=_EDGE_KINDS)):
        between = core[p.end : tail_start]
        if between.strip():
            break
        tail_start = p.start
    if not core[:tail_start].strip():
        return lead, core, ""
    return lead, core[:tail_start].rstrip(), core[tail_start:] if tail_start < len(core) else ""


# The placeholders :mod:`newsl10n.mt.markup` puts in for inline tags look like
# hashtags (so models copy them) but are not placeables: where a lost one goes is
# decided by the markup wrapper, which knows which tag it stands for.
MARKUP_PLACEHOLDER_RE = re.compile(r"#[mqzk]\d+")


def repair_placeables(source: str, target: str) -> str:
    """Make every placeable of ``source`` appear in ``target`` exactly."""
    wanted = [p for p in find_placeables(source) if not (p.kind == "hashtag" and MARKUP_PLACEHOLDER_RE.fullmatch(p.text))]
    if not wanted:
        return target
    have = Counter(_key(p) for p in find_placeables(target))
    missing: list[Placeable] = []
    for p in wanted:
        k = _key(p)
        if have[k] > 0:
            have[k] -= 1
        else:
            missing.append(p)
    protected = {p.text for p in wanted}
    for p in missing:
        target, fixed = _replace_near_miss(target, p, protected)
        if not fixed:
            target = _insert_before_final_punct(target, p.text)
    return target


def _replace_near_miss(target: str, p: Placeable, protected: set[str]) -> tuple[str, bool]:
    best: re.Match[str] | None = None
    best_ratio = 0.6
    for m in _TOKEN_RE.finditer(target):
        token = m.group().rstrip(".,;:!?…")
        if token in protected or not token:
            continue
        if p.kind == "number" and not token[:1].isdigit():
            continue
        ratio = difflib.SequenceMatcher(None, token.lower(), p.text.lower()).ratio()
        if ratio > best_ratio:
            best, best_ratio = m, ratio
    if best is None:
        return target, False
    token = best.group().rstrip(".,;:!?…")
    return target[: best.start()] + p.text + target[best.start() + len(token) :], True


def _insert_before_final_punct(target: str, text: str) -> str:
    m = _FINAL_PUNCT_RE.search(target)
    cut = m.start() if m else len(target)
    head = target[:cut]
    sep = " " if head and not head.endswith(" ") else ""
    return f"{head}{sep}{text}{target[cut:]}"


class ProtectedTranslator:
    """A :class:`Translator` that guarantees placeables survive ``inner``."""

    name: ClassVar[str] = "protected"

    def __init__(self, inner: Translator) -> None:
        self.inner = inner

    def signature(self) -> str:
        """The inner signature: protection does not change what the model is."""
        return self.inner.signature()

    def translate_batch(
        self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int = 1
    ) -> list[Draft]:
        """Translate the cores of ``texts`` and restore their placeables."""
        parts = [split_edges(t) for t in texts]
        drafts = self.inner.translate_batch(
            [core for _, core, _ in parts], target_lang=target_lang, num_hypotheses=num_hypotheses
        )
        return [_restore(text, part, draft) for text, part, draft in zip(texts, parts, drafts)]

    def translate_stream(
        self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int = 1, chunk: int = 64
    ) -> Iterator[StreamItem]:
        """Like :meth:`translate_batch`, yielding drafts as the inner backend streams them."""
        parts = [split_edges(t) for t in texts]
        cores = [core for _, core, _ in parts]
        for item in stream_drafts(
            self.inner, cores, target_lang=target_lang, num_hypotheses=num_hypotheses, chunk=chunk
        ):
            if item is None or isinstance(item[1], Failure):
                yield item
                continue
            i, draft = item
            yield i, _restore(texts[i], parts[i], draft)


def _restore(text: str, part: tuple[str, str, str], draft: Draft) -> Draft:
    lead, core, tail = part
    alts = tuple(
        repair_placeables(text, _join(lead, repair_placeables(core, alt), tail))
        for alt in (draft.alternatives or (draft.text,))
    )
    return replace(draft, text=alts[0], alternatives=alts)


def _join(lead: str, core: str, tail: str) -> str:
    text = lead + core.strip()
    if tail:
        text = text.rstrip() + " " + tail.strip()
    return text
