"""One source/translation pair held against the glossary: what is missing, what is deprecated.

Both the QA checks (``checks/glossary.py``) and draft steering (``steer.py``) ask
the same questions, so they share this module and cannot disagree. Target
matchers are built once per glossary and language; audits are memoised per
glossary, because the three glossary checks each ask about the same unit.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from newsl10n.glossary.match import SourceHit
from newsl10n.glossary.model import Concept, Glossary, Term, TermStatus
from newsl10n.glossary.morph import TargetHit, TargetMatcher

_AUDIT_CACHE_SIZE = 4096


@dataclass(frozen=True, slots=True)
class MissingTerm:
    """The source mentions ``concept`` but the translation uses none of ``required``."""

    concept: Concept
    source: SourceHit
    required: tuple[Term, ...]

    @property
    def preferred(self) -> Term:
        """The term a translator should use."""
        return self.required[0]


@dataclass(frozen=True, slots=True)
class DeprecatedUse:
    """The translation uses a deprecated variant where ``preferred`` is wanted."""

    concept: Concept
    hit: TargetHit
    preferred: Term | None


@dataclass(frozen=True, slots=True)
class Audit:
    """Everything the glossary has to say about one source/translation pair."""

    source_hits: tuple[SourceHit, ...]
    missing: tuple[MissingTerm, ...]
    deprecated_target: tuple[DeprecatedUse, ...]

    @property
    def deprecated_source(self) -> tuple[SourceHit, ...]:
        """Source occurrences of deprecated English variants."""
        return tuple(h for h in self.source_hits if h.deprecated)

    @property
    def ok(self) -> bool:
        """No required term missing and no deprecated target variant."""
        return not self.missing and not self.deprecated_target


@dataclass(frozen=True, slots=True)
class _LangMatchers:
    usable: TargetMatcher  # preferred + admitted terms (and do-not-translate source terms)
    deprecated: TargetMatcher
    owner: dict[int, Concept]  # id(term) -> concept
    required: dict[str, tuple[Term, ...]]  # concept id -> required terms, preferred first
    preferred: dict[str, Term | None]  # concept id -> preferred term


def _matchers(glossary: Glossary, lang: str) -> _LangMatchers:
    cache = glossary._cache
    key = f"matchers:{lang}"
    if key not in cache:
        usable: list[Term] = []
        verbatim: list[Term] = []
        deprecated: list[Term] = []
        owner: dict[int, Concept] = {}
        required: dict[str, tuple[Term, ...]] = {}
        preferred: dict[str, Term | None] = {}
        for concept in glossary.concepts:
            best = preferred[concept.id] = concept.preferred(lang)
            required[concept.id] = tuple(sorted(concept.required(lang), key=lambda t: t is not best))
            for term in concept.required(lang):
                owner[id(term)] = concept
                if concept.do_not_translate and term not in concept.terms_for(lang):
                    verbatim.append(term)
                else:
                    usable.append(term)
            for term in concept.terms_for(lang, TermStatus.DEPRECATED):
                owner[id(term)] = concept
                deprecated.append(term)
        cache[key] = _LangMatchers(
            TargetMatcher(lang, tuple(usable), verbatim=tuple(verbatim)),
            TargetMatcher(lang, tuple(deprecated)),
            owner,
            required,
            preferred,
        )
    matchers: _LangMatchers = cache[key]
    return matchers


def target_hits(glossary: Glossary, text: str, lang: str) -> tuple[list[TargetHit], list[TargetHit]]:
    """(usable-term hits, deprecated-variant hits) in ``text``.

    A deprecated hit that lies inside a usable hit is dropped: when a variant is
    also an inflected form of an approved term, the approved reading wins.
    """
    matchers = _matchers(glossary, lang)
    good = matchers.usable.find(text)
    bad = [
        hit
        for hit in matchers.deprecated.find(text)
        if not any(g.start <= hit.start and hit.end <= g.end for g in good)
    ]
    return good, bad


def concept_of(glossary: Glossary, term: Term, lang: str) -> Concept:
    """The concept a term returned by :func:`target_hits` belongs to."""
    return _matchers(glossary, lang).owner[id(term)]


def audit(glossary: Glossary, source: str, target: str, lang: str) -> Audit:
    """Hold ``target`` (a translation into ``lang``) of ``source`` against the glossary.

    A concept the source mentions is *missing* when it has required terms in
    ``lang`` (or is do-not-translate) and the translation uses none of them in any
    form, unless the translation uses a deprecated variant of it, which is
    reported as a deprecated use instead (one finding per mistake).
    """
    cache = glossary._cache.setdefault("audits", OrderedDict())
    key = (source, target, lang)
    found: Audit | None = cache.get(key)
    if found is not None:
        cache.move_to_end(key)
        return found
    result = _audit(glossary, source, target, lang)
    cache[key] = result
    if len(cache) > _AUDIT_CACHE_SIZE:
        cache.popitem(last=False)
    return result


def _audit(glossary: Glossary, source: str, target: str, lang: str) -> Audit:
    hits = tuple(glossary.source_matcher.find(source))
    matchers = _matchers(glossary, lang)
    bad = matchers.deprecated.find(target) if target else []
    if bad:
        good, bad = target_hits(glossary, target, lang)
        present = {matchers.owner[id(h.term)].id for h in good}
    elif hits and target:
        # Only presence matters here: no offsets, no hit objects.
        present = {matchers.owner[term].id for term in matchers.usable.terms_in(target)}
    else:
        present = set()
    deprecated_ids = {matchers.owner[id(h.term)].id for h in bad}
    missing: list[MissingTerm] = []
    seen: set[str] = set()
    for hit in hits:
        concept = hit.concept
        if concept.id in seen:
            continue
        seen.add(concept.id)
        required = matchers.required[concept.id]
        if not required or concept.id in present or concept.id in deprecated_ids:
            continue
        missing.append(MissingTerm(concept, hit, required))
    deprecated = tuple(
        DeprecatedUse(matchers.owner[id(h.term)], h, matchers.preferred[matchers.owner[id(h.term)].id])
        for h in bad
    )
    return Audit(hits, tuple(missing), deprecated)
