"""Glossary files on disk: load a file or a directory, export TBX.

The project glossary lives in ``glossary/``: every ``*.tsv`` and ``*.tbx`` in it is
read (in name order) into one :class:`~newsl10n.glossary.model.Glossary`; a
concept id may be defined in only one of them. A ``.tbx`` next to a ``.tsv`` of
the same name is that file's export (``desk.tsv`` → ``desk.tbx``) and is skipped.
"""

from __future__ import annotations

from pathlib import Path

from newsl10n.errors import GlossaryError
from newsl10n.glossary.model import Glossary, merge
from newsl10n.glossary.tbx import read_tbx, write_tbx
from newsl10n.glossary.tsv import read_tsv

READERS = {".tsv": read_tsv, ".tbx": read_tbx}


def load_glossary(path: str | Path) -> Glossary:
    """Load a glossary file (``.tsv`` or ``.tbx``) or a directory of them.

    Args:
        path: A file, or a directory whose ``*.tsv`` and ``*.tbx`` files are merged.

    Raises:
        GlossaryError: The path is missing, has an unknown suffix, the directory
            holds no glossary file, or a file is invalid (with file and line).
    """
    location = Path(path)
    if location.is_dir():
        files = sorted(p for p in location.iterdir() if p.suffix.lower() in READERS and p.is_file())
        exported = {p.with_suffix(".tbx") for p in files if p.suffix.lower() == ".tsv"}
        files = [p for p in files if p not in exported]
        if not files:
            raise GlossaryError(
                "no glossary files (*.tsv, *.tbx) in directory",
                path=str(location),
                hint="add a glossary TSV, or pass --glossary FILE",
            )
        return merge(_read(p) for p in files)
    if not location.exists():
        raise GlossaryError("glossary not found", path=str(location))
    return _read(location)


def _read(path: Path) -> Glossary:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise GlossaryError(
            f"unknown glossary format {path.suffix or '(no suffix)'!r}",
            path=str(path),
            hint="use .tsv (tab-separated) or .tbx (TBX-Basic)",
        )
    return reader(path)


def export_tbx(glossary: Glossary, path: str | Path) -> None:
    """Write ``glossary`` to ``path`` as TBX-Basic (deterministic, atomic)."""
    write_tbx(glossary, path)
