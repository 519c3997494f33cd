"""The backend protocol every machine-translation engine implements.

Backends know nothing about PO files, glossaries or articles: a batch of plain
source strings goes in, one :class:`~newsl10n.model.Draft` per string comes out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Protocol, runtime_checkable

from newsl10n.model import Draft

__all__ = ["Draft", "Translator"]


@runtime_checkable
class Translator(Protocol):
    """A machine-translation backend.

    ``signature()`` names the model and every generation parameter, e.g.
    ``marian:Helsinki-NLP/opus-mt-en-uk@<rev>|beams:4|max_new_tokens:256``; it
    is written into the catalog so a draft can be traced to what made it.
    """

    name: ClassVar[str]

    def signature(self) -> str:
        """A stable string identifying the model and its generation settings."""
        ...

    def translate_batch(
        self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int = 1
    ) -> list[Draft]:
        """Translate ``texts``; ``Draft.alternatives`` holds up to ``num_hypotheses`` n-best."""
        ...
