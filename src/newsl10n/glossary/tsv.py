"""The primary glossary format: a tab-separated file people edit and review in diffs.

One row per term::

    # concept<TAB>lang<TAB>term<TAB>status<TAB>flags<TAB>note
    izium	en	Izium	preferred		Town in Kharkiv oblast
    izium	en	Izyum	deprecated
    izium	uk	Ізюм	preferred

- ``#`` starts a comment line; blank lines are ignored.
- ``status`` is ``preferred``, ``admitted`` or ``deprecated``.
- ``flags`` is a comma-separated list: ``dnt`` (do not translate; applies to the
  whole concept, so translations must keep the English term verbatim) and ``case``
  (match this term case-sensitively).
- ``flags`` and ``note`` may be omitted at the end of a row.
- All rows of a concept are contiguous; a concept id that comes back after
  another concept is reported as a duplicate.
"""

from __future__ import annotations

from pathlib import Path

from newsl10n.errors import GlossaryError
from newsl10n.glossary.model import Glossary, GlossaryBuilder, TermStatus

COLUMNS = ("concept", "lang", "term", "status", "flags", "note")
MIN_COLUMNS = 4
FLAGS = {"dnt": "do not translate (concept-wide)", "case": "case-sensitive term"}
HEADER = "# " + "\t".join(COLUMNS)


def parse_tsv(text: str, *, path: str, builder: GlossaryBuilder | None = None) -> Glossary:
    """Parse TSV glossary ``text`` read from ``path``.

    Args:
        text: The file's content.
        path: Shown in errors.
        builder: Add to an existing builder (several files, one namespace of ids).

    Raises:
        GlossaryError: A row is malformed or breaks a glossary rule; the error
            carries ``path`` and the 1-based line.
    """
    own = builder is None
    build = builder if builder is not None else GlossaryBuilder()
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        where = (path, lineno)
        if tuple(c.strip().lower() for c in cells[: len(COLUMNS)]) == COLUMNS[: len(cells)]:
            continue  # a header row without the leading '#'
        if not MIN_COLUMNS <= len(cells) <= len(COLUMNS):
            hint = "columns are separated by a single TAB" if len(cells) == 1 else None
            raise GlossaryError(
                f"expected {MIN_COLUMNS} to {len(COLUMNS)} tab-separated columns "
                f"({', '.join(COLUMNS)}), got {len(cells)}",
                path=path,
                line=lineno,
                hint=hint,
            )
        cells += [""] * (len(COLUMNS) - len(cells))
        concept_id, lang, term, status, flag_text, note = (c.strip() for c in cells)
        flags = [f.strip().lower() for f in flag_text.split(",") if f.strip()]
        for flag in flags:
            if flag not in FLAGS:
                raise GlossaryError(
                    f"unknown flag {flag!r} (valid: {', '.join(FLAGS)})", path=path, line=lineno
                )
        build.start_concept(concept_id, where=where)
        if "dnt" in flags:
            build.set_concept_info(do_not_translate=True)
        build.add_term(
            lang=lang,
            text=term,
            status=status,
            where=where,
            note=note,
            case_sensitive="case" in flags,
        )
    return build.build() if own else Glossary()


def read_tsv(path: str | Path) -> Glossary:
    """Read and validate one TSV glossary file (UTF-8, optional BOM)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"not UTF-8: {exc.reason}", path=str(path)) from None
    except OSError as exc:
        raise GlossaryError(f"cannot read glossary: {exc.strerror}", path=str(path)) from None
    return parse_tsv(text, path=str(path))


def dump_tsv(glossary: Glossary) -> str:
    """Serialise ``glossary`` in the TSV format; ``parse_tsv`` reads it back equal."""
    lines = [HEADER]
    for concept in glossary.concepts:
        lines.append("")
        if concept.note:
            lines.append(f"# {concept.note}")
        for index, term in enumerate(concept.terms):
            flags = []
            if concept.do_not_translate and index == 0:
                flags.append("dnt")
            if term.case_sensitive:
                flags.append("case")
            cells = [concept.id, term.lang, term.text, term.status.value, ",".join(flags), term.note]
            while len(cells) > MIN_COLUMNS and not cells[-1]:
                cells.pop()
            lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


__all__ = ["COLUMNS", "FLAGS", "TermStatus", "dump_tsv", "parse_tsv", "read_tsv"]
