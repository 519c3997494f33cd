"""The glossary data model and its validation.

A :class:`Glossary` is a tuple of :class:`Concept` objects. A concept has, per
language, exactly one preferred :class:`Term`, optional admitted variants and
optional deprecated variants (TBX ``administrativeStatus``). Readers (``tsv.py``,
``tbx.py``) feed :class:`GlossaryBuilder` one term at a time with the place it
came from, so every validation error can name the file and line or entry.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, NoReturn

from newsl10n.errors import GlossaryError

if TYPE_CHECKING:
    from newsl10n.glossary.match import SourceMatcher

SOURCE_LANG = "en"


class TermStatus(enum.Enum):
    """TBX administrative status of a term."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"

    @classmethod
    def parse(cls, text: str) -> TermStatus:
        """``"preferred"`` → :attr:`PREFERRED`; raises ``ValueError`` otherwise."""
        try:
            return cls(text.strip().lower())
        except ValueError:
            valid = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown status {text!r} (valid: {valid})") from None


@dataclass(frozen=True, slots=True)
class Term:
    """One spelling of a concept in one language."""

    text: str
    lang: str
    status: TermStatus = TermStatus.PREFERRED
    note: str = ""
    case_sensitive: bool = False

    @property
    def usable(self) -> bool:
        """Preferred or admitted: a translation may use it."""
        return self.status is not TermStatus.DEPRECATED


@dataclass(frozen=True, slots=True)
class Concept:
    """A language-independent concept and its terms in every language."""

    id: str
    terms: tuple[Term, ...]
    do_not_translate: bool = False
    note: str = ""

    def terms_for(self, lang: str, *statuses: TermStatus) -> tuple[Term, ...]:
        """Terms of ``lang`` (``uk_UA`` falls back to ``uk``), optionally filtered by status."""
        found = tuple(t for t in self.terms if t.lang == lang)
        if not found and "_" in lang:
            base = lang.split("_", 1)[0]
            found = tuple(t for t in self.terms if t.lang == base)
        if statuses:
            found = tuple(t for t in found if t.status in statuses)
        return found

    def preferred(self, lang: str) -> Term | None:
        """The preferred term of ``lang``; for do-not-translate concepts, the English one."""
        terms = self.terms_for(lang, TermStatus.PREFERRED)
        if terms:
            return terms[0]
        if self.do_not_translate:
            source = self.terms_for(SOURCE_LANG, TermStatus.PREFERRED)
            return source[0] if source else None
        return None

    def required(self, lang: str) -> tuple[Term, ...]:
        """Terms of which a translation into ``lang`` must use at least one."""
        if self.do_not_translate:
            own = self.terms_for(lang, TermStatus.PREFERRED, TermStatus.ADMITTED)
            source = self.terms_for(SOURCE_LANG, TermStatus.PREFERRED, TermStatus.ADMITTED)
            return own + source if lang != SOURCE_LANG else source
        return self.terms_for(lang, TermStatus.PREFERRED, TermStatus.ADMITTED)

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages with at least one term, in order of first appearance."""
        return tuple(dict.fromkeys(t.lang for t in self.terms))


@dataclass(frozen=True)
class Glossary:
    """The desk's glossary: concepts in file order.

    Matchers are built once per glossary on first use and cached on the instance.
    """

    concepts: tuple[Concept, ...] = ()
    sources: tuple[str, ...] = field(default=(), compare=False)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __len__(self) -> int:
        return len(self.concepts)

    def concept(self, concept_id: str) -> Concept:
        """The concept with ``concept_id``; raises ``KeyError``."""
        for concept in self.concepts:
            if concept.id == concept_id:
                return concept
        raise KeyError(concept_id)

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language any concept has terms in."""
        return tuple(dict.fromkeys(lang for c in self.concepts for lang in c.languages))

    @cached_property
    def source_matcher(self) -> SourceMatcher:
        """Compiled source-side matcher (built once)."""
        from newsl10n.glossary.match import SourceMatcher

        return SourceMatcher(self)

    @cached_property
    def _cache(self) -> dict[str, Any]:
        # Per-glossary memo for target-side helpers (audits, term patterns).
        return {}


def canonical_lang(code: str) -> str:
    """Validate ``code`` with Babel and return its canonical form (``pt-BR`` → ``pt_BR``).

    Raises:
        ValueError: Babel does not know the language.
    """
    from babel import Locale, UnknownLocaleError

    text = code.strip()
    if not text:
        raise ValueError("empty language code")
    if text.replace("-", "_").split("_", 1)[0].lower() in ("und", "mul", "zxx", "mis"):
        # Babel resolves "und" through likely subtags (to en_US): a glossary
        # term in an undetermined language is a mistake, not English.
        raise ValueError(f"language code {code!r} names no language")
    try:
        return str(Locale.parse(text.replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        raise ValueError(f"unknown language code {code!r}") from None


@dataclass(slots=True)
class _Pending:
    id: str
    where: tuple[str, int | None]
    terms: list[tuple[Term, tuple[str, int | None]]] = field(default_factory=list)
    do_not_translate: bool = False
    note: str = ""


class GlossaryBuilder:
    """Collects terms from readers and validates them into a :class:`Glossary`."""

    def __init__(self) -> None:
        self._pending: dict[str, _Pending] = {}
        self._last: str | None = None
        self._sources: list[str] = []

    def _fail(self, message: str, where: tuple[str, int | None], hint: str | None = None) -> NoReturn:
        raise GlossaryError(message, path=where[0], line=where[1], hint=hint)

    def start_concept(
        self, concept_id: str, *, where: tuple[str, int | None], contiguous: bool = True
    ) -> None:
        """Open ``concept_id``; rows of a concept must be contiguous and not repeat a concept."""
        if concept_id == self._last and contiguous:
            return
        if not concept_id.strip():
            self._fail("empty concept id", where)
        previous = self._pending.get(concept_id)
        if previous is not None:
            at = f"{previous.where[0]}:{previous.where[1]}" if previous.where[1] else previous.where[0]
            self._fail(
                f"duplicate concept {concept_id!r} (already defined at {at})",
                where,
                hint="keep all rows of a concept together, or rename one of them",
            )
        self._pending[concept_id] = _Pending(concept_id, where)
        self._last = concept_id
        if where[0] not in self._sources:
            self._sources.append(where[0])

    def set_concept_info(self, *, do_not_translate: bool | None = None, note: str | None = None) -> None:
        """Concept-level flags of the currently open concept."""
        current = self._pending[self._last or ""]
        if do_not_translate:
            current.do_not_translate = True
        if note:
            current.note = note

    def add_term(
        self,
        *,
        lang: str,
        text: str,
        status: str,
        where: tuple[str, int | None],
        note: str = "",
        case_sensitive: bool = False,
    ) -> None:
        """Add a term to the open concept, validating language, status and duplicates."""
        current = self._pending[self._last or ""]
        try:
            lang_code = canonical_lang(lang)
        except ValueError as exc:
            self._fail(str(exc), where, hint="use a language code Babel knows, e.g. en, uk, ru")
        try:
            term_status = TermStatus.parse(status)
        except ValueError as exc:
            self._fail(str(exc), where)
        text = " ".join(text.split())
        if not text:
            self._fail(f"empty term in concept {current.id!r}", where)
        for other, _ in current.terms:
            if other.lang != lang_code or other.text.casefold() != text.casefold():
                continue
            if other.status is term_status:
                self._fail(f"duplicate {lang_code} term {text!r} in concept {current.id!r}", where)
            self._fail(
                f"{lang_code} term {text!r} of concept {current.id!r} is both "
                f"{other.status.value} and {term_status.value}",
                where,
            )
        if term_status is TermStatus.PREFERRED:
            for other, _ in current.terms:
                if other.lang == lang_code and other.status is TermStatus.PREFERRED:
                    self._fail(
                        f"two preferred {lang_code} terms in concept {current.id!r}: "
                        f"{other.text!r} and {text!r}",
                        where,
                        hint="mark one of them admitted",
                    )
        term = Term(text, lang_code, term_status, note=note.strip(), case_sensitive=case_sensitive)
        current.terms.append((term, where))

    def build(self) -> Glossary:
        """Validate concept-level rules and freeze the result."""
        concepts: list[Concept] = []
        for pending in self._pending.values():
            langs = dict.fromkeys(t.lang for t, _ in pending.terms)
            for lang in langs:
                if any(t.lang == lang and t.status is TermStatus.PREFERRED for t, _ in pending.terms):
                    continue
                if pending.do_not_translate and lang != SOURCE_LANG:
                    continue
                where = next(w for t, w in pending.terms if t.lang == lang)
                self._fail(
                    f"concept {pending.id!r} has {lang} terms but no preferred {lang} term",
                    where,
                    hint="every language needs one preferred term",
                )
            if SOURCE_LANG not in langs:
                self._fail(f"concept {pending.id!r} has no {SOURCE_LANG} term", pending.where)
            terms = tuple(t for t, _ in pending.terms)
            concepts.append(Concept(pending.id, terms, pending.do_not_translate, pending.note))
        return Glossary(tuple(concepts), tuple(self._sources))


def merge(glossaries: Iterable[Glossary]) -> Glossary:
    """Concatenate glossaries that were validated separately (concept ids must differ)."""
    concepts: list[Concept] = []
    seen: dict[str, str] = {}
    sources: list[str] = []
    for glossary in glossaries:
        origin = glossary.sources[0] if glossary.sources else "<glossary>"
        for concept in glossary.concepts:
            if concept.id in seen:
                raise GlossaryError(
                    f"duplicate concept {concept.id!r} (also defined in {seen[concept.id]})",
                    path=origin,
                )
            seen[concept.id] = origin
            concepts.append(concept)
        sources.extend(glossary.sources)
    return Glossary(tuple(concepts), tuple(sources))
