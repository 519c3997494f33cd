"""Glossary: files (TSV, TBX) → :class:`Glossary`, term matching and draft steering.

Only ``morph.py`` imports pymorphy3, and only when a Ukrainian or Russian target
is first matched; importing this package loads no dictionary.
"""

from __future__ import annotations

from newsl10n.glossary.audit import Audit, DeprecatedUse, MissingTerm, audit
from newsl10n.glossary.files import export_tbx, load_glossary
from newsl10n.glossary.match import SourceHit, SourceMatcher
from newsl10n.glossary.model import Concept, Glossary, Term, TermStatus
from newsl10n.glossary.steer import SteerResult, choose_and_repair, normalise_source, repair
from newsl10n.glossary.tbx import dump_tbx, parse_tbx, read_tbx
from newsl10n.glossary.tsv import dump_tsv, parse_tsv, read_tsv

__all__ = [
    "Audit",
    "Concept",
    "DeprecatedUse",
    "Glossary",
    "MissingTerm",
    "SourceHit",
    "SourceMatcher",
    "SteerResult",
    "Term",
    "TermStatus",
    "audit",
    "choose_and_repair",
    "dump_tbx",
    "dump_tsv",
    "export_tbx",
    "load_glossary",
    "normalise_source",
    "parse_tbx",
    "parse_tsv",
    "read_tbx",
    "read_tsv",
    "repair",
]
