"""A deterministic backend for tests and dry runs: no model, no randomness.

It "translates" by transliterating Latin letters to Cyrillic, word by word, and
returns n-best alternatives that differ predictably. Modes let tests reproduce
what real models do wrong (drop numbers, mangle links, echo the source).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import ClassVar

from newsl10n.model import Draft
from newsl10n.placeables import find_placeables

_LOWER = dict(zip("abcdefghijklmnopqrstuvwxyz", "абцдефгхійклмнопкрстуввксз"))
_TRANSLIT = str.maketrans({**_LOWER, **{k.upper(): v.upper() for k, v in _LOWER.items()}})
MODES = ("translit", "mangle", "echo")


class FakeTranslator:
    """Deterministic stand-in for a model.

    Modes:
        ``translit``: Latin letters → Cyrillic; placeables left alone.
        ``mangle``: like ``translit`` but also transliterates URLs/handles and
            changes digits, as a careless model would.
        ``echo``: returns the source unchanged.
    """

    name: ClassVar[str] = "fake"

    def __init__(self, *, mode: str = "translit", delay: float = 0.0, model: str = "fake") -> None:
        if mode not in MODES:
            raise ValueError(f"unknown fake mode {mode!r} (valid: {', '.join(MODES)})")
        self.mode = mode
        self.delay = delay
        self.model = model
        self.calls: list[list[str]] = []

    def signature(self) -> str:
        """Includes the mode, so each mode is its own cache key."""
        return f"fake:{self.model}|mode:{self.mode}"

    def translate_batch(
        self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int = 1
    ) -> list[Draft]:
        """One draft per text; ``alternatives`` holds ``num_hypotheses`` variants."""
        self.calls.append(list(texts))
        if self.delay:
            time.sleep(self.delay * len(texts))
        drafts = []
        for text in texts:
            best = self._translate(text)
            alts = [best] + [f"{best} ({i})" for i in range(1, num_hypotheses)]
            # each further hypothesis scores a little lower, as an n-best list does
            scores = tuple(-float(len(text)) - i for i in range(len(alts)))
            drafts.append(Draft(best, score=scores[0], alternatives=tuple(alts), scores=scores))
        return drafts

    def _translate(self, text: str) -> str:
        if self.mode == "echo":
            return text
        if self.mode == "mangle":
            return text.translate(_TRANSLIT).replace("4", "7").replace("1", "2")
        out, pos = [], 0
        for p in find_placeables(text):
            out.append(text[pos : p.start].translate(_TRANSLIT))
            out.append(p.text)
            pos = p.end
        out.append(text[pos:].translate(_TRANSLIT))
        return "".join(out)
