"""Which Opus-MT model serves a language, and which target token a multi-target model needs.

Opus-MT publishes a dedicated English→X model for many languages
(``Helsinki-NLP/opus-mt-en-de``); the others are served by models of the
Tatoeba Challenge (``opus-mt-tc-big-en-tr``) or by multi-target models of a
language group (``opus-mt-en-zlw``: Polish, Czech, Kashubian, Sorbian) that
need a sentence-initial token naming the target language: ``>>pol<<``.
Such a model's vocabulary lists its tokens; when the configuration names none,
:func:`select_token` picks the one for the catalog's language by its ISO
639-3 code (langcodes, imported lazily), trying the individual language of a
macrolanguage (``zh`` → ``cmn``, ``fa`` → ``pes``) and the script CLDR's
likely subtags give the language (``>>cmn_Hans<<`` for ``zh``, ``>>srp_Cyrl<<``
for ``sr``), and fails with a :class:`~newsl10n.errors.BackendError` (exit 3)
listing the tokens it has when none fits.

No torch here: this module only reads names, so ``config`` and the tests use it freely.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from newsl10n.errors import BackendError

HUB = "Helsinki-NLP/"
# English → language: the default model. A dedicated opus-mt-en-XX pair where
# the Hub has one; else the Tatoeba Challenge model for the pair; else the
# language group's multi-target model (the token is then chosen automatically).
DEFAULT_MODELS: dict[str, str] = {
    "ar": "opus-mt-en-ar", "bg": "opus-mt-en-bg", "cs": "opus-mt-en-cs", "da": "opus-mt-en-da",
    "de": "opus-mt-en-de", "el": "opus-mt-en-el", "es": "opus-mt-en-es", "et": "opus-mt-en-et",
    "fi": "opus-mt-en-fi", "fr": "opus-mt-en-fr", "he": "opus-mt-en-he", "hi": "opus-mt-en-hi",
    "hu": "opus-mt-en-hu", "id": "opus-mt-en-id", "it": "opus-mt-en-it", "ja": "opus-tatoeba-en-ja",
    "mk": "opus-mt-en-mk", "nl": "opus-mt-en-nl", "pl": "opus-mt-en-zlw", "pt": "opus-mt-tc-big-en-pt",
    "ro": "opus-mt-en-ro", "ru": "opus-mt-en-ru", "sk": "opus-mt-en-sk", "sq": "opus-mt-en-sq",
    "sv": "opus-mt-en-sv", "sw": "opus-mt-en-sw", "tr": "opus-mt-tc-big-en-tr", "uk": "opus-mt-en-uk",
    "ur": "opus-mt-en-ur", "vi": "opus-mt-en-vi", "zh": "opus-mt-en-zh",
}  # fmt: skip
# Macrolanguage → the individual languages multi-target models name instead
# (ISO 639-3 macrolanguage mappings).
INDIVIDUAL: dict[str, tuple[str, ...]] = {
    "zho": ("cmn", "yue", "wuu"), "ara": ("arb", "apc", "arz"), "fas": ("pes", "prs"),
    "msa": ("zsm", "ind"), "nor": ("nob", "nno"), "est": ("ekk",), "lav": ("lvs",),
    "swa": ("swh",), "uzb": ("uzn",), "sqi": ("als",), "hbs": ("srp", "hrv", "bos"),
    "aze": ("azj",), "kur": ("kmr", "ckb"), "mon": ("khk",), "yid": ("ydd",), "pus": ("pbt",),
}  # fmt: skip
TOKEN_RE = re.compile(r"^>>([a-z]{2,3}(?:_[A-Za-z]{4})?)<<$")


def default_model(lang: str) -> str:
    """The default Opus-MT model for English → ``lang`` (a Hub id)."""
    base = lang.replace("-", "_").split("_", 1)[0].lower()
    return HUB + DEFAULT_MODELS.get(base, f"opus-mt-en-{base}")


def target_tokens(vocabulary: Iterable[str]) -> list[str]:
    """The ``>>xxx<<`` target-language tokens of a model vocabulary, sorted."""
    return sorted(tok for tok in vocabulary if TOKEN_RE.match(tok))


@lru_cache(maxsize=128)
def candidate_codes(lang: str) -> tuple[str, ...]:
    """Token codes for ``lang``, best first: ``pl`` → (``pol``, ``pl``); ``zh`` → (``cmn_Hans``, ``cmn``, …)."""
    parts = lang.replace("-", "_").split("_")
    base = parts[0].lower()
    script = next((p.title() for p in parts[1:] if len(p) == 4 and p.isalpha()), None) or _likely_script(lang)
    alpha3 = _alpha3(base)
    codes = [c for c in (alpha3, *INDIVIDUAL.get(alpha3 or "", ()), base) if c]
    out: list[str] = []
    for code in dict.fromkeys(codes):
        if script:
            out.append(f"{code}_{script}")
        out.append(code)
    return tuple(out)


def _alpha3(base: str) -> str | None:
    """ISO 639-3 (terminology) code of a language subtag; None when unknown."""
    if len(base) == 3:
        return base
    try:
        import langcodes
    except ImportError:  # pragma: no cover - a dependency of the mt extra
        return None
    try:
        code = langcodes.Language.get(base).to_alpha3()
    except (LookupError, ValueError):
        return None
    return str(code)


def _likely_script(lang: str) -> str | None:
    from babel.core import get_global

    likely = get_global("likely_subtags")
    full = likely.get(lang.replace("-", "_")) or likely.get(lang.replace("-", "_").split("_", 1)[0])
    for part in str(full or "").split("_")[1:]:
        if len(part) == 4:
            return part
    return None


def select_token(vocabulary: Iterable[str], lang: str, *, model: str, configured: str | None = None) -> str | None:
    """The target token to put before each sentence for ``lang``, or None for a single-target model.

    Args:
        vocabulary: the model's vocabulary (token strings).
        lang: the catalog language (``pl``, ``zh_Hant``, ``sr-Latn``).
        model: the model name, for messages.
        configured: the token the configuration names for ``lang``, if any.

    Raises:
        BackendError: the configured token is not in the vocabulary, or the model
            is multi-target and has no token for ``lang``.
    """
    vocab = set(vocabulary)
    tokens = target_tokens(vocab)
    if configured:
        token = configured if configured.startswith(">>") else f">>{configured}<<"
        if token not in vocab:
            raise BackendError(
                f"model {model} has no target token {token} (configured for {lang!r})",
                hint=_hint(tokens),
            )
        return token
    if not tokens:
        return None
    for code in candidate_codes(lang):
        if f">>{code}<<" in vocab:
            return f">>{code}<<"
    # One script variant of the language and no plain code: take it.
    for code in candidate_codes(lang):
        variants = [t for t in tokens if t.startswith(f">>{code}_")]
        if len(variants) == 1:
            return variants[0]
    raise BackendError(
        f"model {model} is multi-target and has no target token for {lang!r}"
        f" (looked for {', '.join(f'>>{c}<<' for c in candidate_codes(lang))})",
        hint=_hint(tokens) + f"; or set [tool.newsl10n.models] {lang} = {{ model = \"...\", token = \">>xxx<<\" }}",
    )


def _hint(tokens: list[str]) -> str:
    shown = ", ".join(tokens[:20]) + (f" and {len(tokens) - 20} more" if len(tokens) > 20 else "")
    return f"the model's target tokens: {shown or 'none'}"
