"""Steering machine drafts with the glossary (used by ``translate``).

Before generation, :func:`normalise_source` spells deprecated English variants the
desk's way (Izyum → Izium), so the model sees the approved name; the msgid itself
is never changed. After generation, :func:`choose_and_repair` picks the first
n-best hypothesis that satisfies the glossary; failing that it repairs deprecated
target variants into the preferred term in the same grammatical form
(в Харькове → в Харкові) and reports the preferred terms still missing, which
``translate`` turns into a translator comment on the fuzzy entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsl10n.glossary.audit import Audit, audit, concept_of, target_hits
from newsl10n.glossary.match import match_case
from newsl10n.glossary.model import SOURCE_LANG, Concept, Glossary, Term, TermStatus
from newsl10n.glossary.morph import inflect_like, inflected, tokens


@dataclass(frozen=True, slots=True)
class SteerResult:
    """The draft to store and what the glossary still wants from a reviewer."""

    text: str
    missing: tuple[str, ...]  # preferred target terms still absent
    repaired: bool  # deprecated variants were replaced
    chosen: int  # index of the hypothesis used

    @property
    def comment(self) -> str | None:
        """Translator comment for the PO entry, or ``None`` when nothing is missing."""
        if not self.missing:
            return None
        names = ", ".join(f'"{m}"' for m in self.missing)
        return f"glossary: needs {names} (any form)"


def normalise_source(glossary: Glossary, text: str) -> str:
    """``text`` with deprecated English variants replaced by the preferred term.

    Keeps the case pattern (IZYUM → IZIUM) and what follows the term
    (Izyum's → Izium's, Izyum-based → Izium-based). Terms inside URLs, handles and
    hashtags are left alone.
    """
    hits = [h for h in glossary.source_matcher.find(text) if h.deprecated]
    if not hits:
        return text
    parts: list[str] = []
    last = 0
    for hit in hits:
        preferred = hit.concept.preferred(SOURCE_LANG)
        if preferred is None:
            continue
        parts.append(text[last : hit.start])
        parts.append(match_case(hit.text, preferred.text))
        last = hit.end
    parts.append(text[last:])
    return "".join(parts)


def choose_and_repair(
    glossary: Glossary, source: str, hypotheses: Sequence[str], lang: str
) -> SteerResult:
    """Pick and, if needed, repair the hypothesis that best follows the glossary.

    Args:
        glossary: The desk glossary.
        source: The English source as the article has it.
        hypotheses: The model's n-best list, best first; must not be empty.
        lang: Target language code.

    Returns:
        The first hypothesis that satisfies the glossary as it is; otherwise the
        first one that does after repair; otherwise the repaired best hypothesis
        with the preferred terms it still lacks.

    Raises:
        ValueError: ``hypotheses`` is empty.
    """
    if not hypotheses:
        raise ValueError("choose_and_repair needs at least one hypothesis")
    for index, text in enumerate(hypotheses):
        if audit(glossary, source, text, lang).ok:
            return SteerResult(text, (), False, index)
    repaired = [repair(glossary, text, lang) for text in hypotheses]
    for index, text in enumerate(repaired):
        if text != hypotheses[index] and audit(glossary, source, text, lang).ok:
            return SteerResult(text, (), True, index)
    text = repaired[0]
    return SteerResult(text, _missing_names(audit(glossary, source, text, lang), lang), text != hypotheses[0], 0)


def _missing_names(result: Audit, lang: str) -> tuple[str, ...]:
    names = [m.preferred.text for m in result.missing]
    for use in result.deprecated_target:
        if use.preferred is not None:
            names.append(use.preferred.text)
    return tuple(dict.fromkeys(names))


def repair(glossary: Glossary, text: str, lang: str) -> str:
    """``text`` with every deprecated target variant replaced by the preferred term.

    For Ukrainian and Russian the replacement takes the grammatical case and
    number of the variant (Изюме → Ізюмі); derived adjectives keep their suffix
    (Харьковской → Харківської is left to a reviewer when it cannot be derived).
    """
    _, bad = target_hits(glossary, text, lang)
    if not bad:
        return text
    parts: list[str] = []
    last = 0
    for hit in bad:
        if hit.start < last:
            continue
        preferred = _counterpart(concept_of(glossary, hit.term, lang), hit.term, lang)
        if preferred is None or hit.term.status is not TermStatus.DEPRECATED:
            continue
        replacement = _replacement(hit.text, hit.how, hit.term.text, preferred.text, lang)
        if replacement is None:
            continue
        parts.append(text[last : hit.start])
        parts.append(replacement)
        last = hit.end
    parts.append(text[last:])
    return "".join(parts)


def _counterpart(concept: Concept, deprecated: Term, lang: str) -> Term | None:
    """The approved term to put in place of ``deprecated``.

    The preferred term, unless it has a different number of words and an admitted
    term has the same: Зеленского → Зеленського, not Володимир Зеленського.
    """
    preferred = concept.preferred(lang)
    if preferred is None:
        return None
    size = len(deprecated.text.split())
    if len(preferred.text.split()) == size:
        return preferred
    for term in concept.terms_for(lang, TermStatus.ADMITTED):
        if len(term.text.split()) == size:
            return term
    return preferred


def _replacement(found: str, how: str, deprecated: str, preferred: str, lang: str) -> str | None:
    from newsl10n.glossary.stems import elided_prefix

    prefix = elided_prefix(lang, found)
    if prefix:  # French d'Izyum → d'Izioum: the elided word stays
        rest = _replacement(found[len(prefix) :], how, deprecated, preferred, lang)
        return prefix + rest if rest is not None else None
    if not inflected(lang) and how == "stem" and " " not in deprecated and " " not in found:
        # A stemmed language (Polish, German...): keep the ending the text gave
        # the deprecated word ("w Izjumie" → "w Iziumie", "Charkows" → "Charkiws").
        if found.casefold().startswith(deprecated.casefold()) and len(found) > len(deprecated):
            return match_case(found[: len(deprecated)], preferred) + found[len(deprecated) :]
    if not inflected(lang) or how == "verbatim":
        return match_case(found, preferred)
    if how == "adjective":
        return _repair_adjective(found, deprecated, preferred, lang)
    found_words = [t.text for t in tokens(found)]
    dep_words = [t.text for t in tokens(deprecated)]
    pref_words = preferred.split()
    if len(found_words) == len(dep_words) == len(pref_words):
        # Word by word keeps the text's separators: "Владимира Зеленского".
        out = found
        for word, dep, pref in reversed(list(zip(found_words, dep_words, pref_words))):
            position = out.rfind(word)
            out = out[:position] + inflect_like(lang, pref, word, dep) + out[position + len(word) :]
        return out
    if len(found_words) == 1 and len(pref_words) >= 1:
        head = inflect_like(lang, pref_words[-1], found_words[0], dep_words[-1])
        return " ".join([*pref_words[:-1], head])
    return None


# Adjective endings after the suffix consonant cluster, Russian ↔ Ukrainian.
_RU_TO_UK_ADJ = {
    "ский": "ський", "ского": "ського", "скому": "ському", "ским": "ським", "ском": "ському",
    "ская": "ська", "ской": "ської", "скую": "ську", "ские": "ські", "ских": "ських",
    "скими": "ськими", "ское": "ське",
}
_UK_TO_RU_ADJ = {
    "ський": "ский", "ського": "ского", "ському": "скому", "ським": "ским", "ська": "ская",
    "ської": "ской", "ській": "ской", "ську": "скую", "ські": "ские", "ських": "ских",
    "ськими": "скими", "ське": "ское",
}


def _repair_adjective(found: str, deprecated: str, preferred: str, lang: str) -> str | None:
    """Харьковской (adjective of deprecated Харьков) in Ukrainian → Харківської.

    Swaps the base and, where the variant carries the other language's adjective
    ending, maps the ending (-ской → -ської); otherwise keeps the text's ending.
    """
    from newsl10n.glossary.morph import adjective_base, base_lang

    dep_base = adjective_base(deprecated.casefold())
    pref_base = adjective_base(preferred.casefold())
    lower = found.casefold()
    if not lower.startswith(dep_base):
        return None
    rest = lower[len(dep_base) :]
    table = _RU_TO_UK_ADJ if base_lang(lang) == "uk" else _UK_TO_RU_ADJ
    for infix in ("", "ан", "ян"):
        if rest.startswith(infix) and rest[len(infix) :] in table:
            rest = infix + table[rest[len(infix) :]]
            break
    return match_case(found, pref_base + rest)
