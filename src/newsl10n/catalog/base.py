"""The in-memory catalog: header fields, live units, obsolete units."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsl10n.model import Unit

HEADER_ORDER = (
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
)  # polib's order, which every catalog newsl10n wrote so far has: then the rest, sorted


@dataclass
class Catalog:
    """A PO or POT file in memory: header fields, live units, obsolete units."""

    header: dict[str, str] = field(default_factory=dict)
    units: list[Unit] = field(default_factory=list)
    obsolete: list[Unit] = field(default_factory=list)
    header_comment: str = ""
    # The header entry's "#, fuzzy" (xgettext's templates, msginit before editing).
    header_fuzzy: bool = False
    # The header fields in the order the file had them; () for a catalog built in
    # memory. A file whose fields were in another order than HEADER_ORDER keeps
    # its order when written (see ``header_keys``).
    header_order: tuple[str, ...] = ()

    @property
    def language(self) -> str:
        """The ``Language`` header field ('' for a template)."""
        return self.header.get("Language", "").strip()

    def by_key(self) -> dict[tuple[str, str | None], Unit]:
        """Live units indexed by ``(source, context)``."""
        return {u.key: u for u in self.units}



def header_keys(catalog: Catalog) -> list[str]:
    """The order the header fields are written in.

    newsl10n's own order (``HEADER_ORDER``, then the rest sorted) unless the file
    read had its fields in another order (GNU tools, Poedit, Weblate): then the
    fields keep the file's order and new ones follow in newsl10n's order, so
    reading and writing such a file changes nothing.
    """
    header = catalog.header
    canonical = [k for k in HEADER_ORDER if k in header] + sorted(k for k in header if k not in HEADER_ORDER)
    kept = [k for k in catalog.header_order if k in header]
    if kept == [k for k in canonical if k in kept]:
        return canonical
    seen = set(kept)
    return kept + [k for k in canonical if k not in seen]
