"""Machine-translation backends, imported lazily by name.

``get_backend("marian")`` imports ``newsl10n.mt.marian`` only when asked, so
``import newsl10n`` and ``newsl10n --help`` never import torch.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from newsl10n.errors import BackendError, UsageError

BACKENDS: dict[str, str] = {
    "marian": "newsl10n.mt.marian:MarianTranslator",
    "ctranslate2": "newsl10n.mt.ct2:CTranslate2Translator",
    "fake": "newsl10n.mt.fake:FakeTranslator",
}
# What each backend needs installed, and the extra that brings it.
REQUIREMENTS: dict[str, tuple[tuple[str, ...], str]] = {
    "marian": (("torch", "transformers", "sentencepiece"), "mt"),
    # Converting a model the first time also needs torch+transformers; ct2.py says so when they are missing.
    "ctranslate2": (("ctranslate2", "sentencepiece"), "ct2"),
    "fake": ((), ""),
}
ALIASES = {"transformers": "marian", "ct2": "ctranslate2"}


def backend_names() -> list[str]:
    """Every registered backend name."""
    return sorted(BACKENDS)


def missing_requirements(name: str) -> list[str]:
    """Modules ``name`` needs that are not importable (checked without importing)."""
    modules, _extra = REQUIREMENTS.get(name, ((), ""))
    return [m for m in modules if importlib.util.find_spec(m) is None]


def resolve_backend_name(name: str) -> str:
    """Map ``auto`` and aliases to a registered backend name.

    ``auto`` picks the fastest installed backend, in the order of :data:`PREFERENCE`.
    """
    name = ALIASES.get(name, name)
    if name == "auto":
        for candidate in PREFERENCE:
            if candidate in BACKENDS and not missing_requirements(candidate):
                return candidate
        return "marian"
    if name not in BACKENDS:
        valid = ", ".join(["auto", *backend_names()])
        raise UsageError(f"unknown backend {name!r} (valid: {valid})")
    return name


# Fastest first: ``auto`` picks the first one installed.
PREFERENCE: tuple[str, ...] = ("ctranslate2", "marian")


def get_backend(name: str) -> type[Any]:
    """Import and return the backend class registered as ``name``.

    Raises:
        UsageError: no such backend.
        BackendError: its optional dependencies are not installed.
    """
    name = resolve_backend_name(name)
    missing = missing_requirements(name)
    if missing:
        extra = REQUIREMENTS[name][1]
        raise BackendError(
            f"the {name} backend needs {', '.join(missing)}, which {'is' if len(missing) == 1 else 'are'} not installed",
            hint=f"pip install 'newsl10n[{extra}]'"
            + ("  (install CPU torch first: pip install torch==2.13.0)" if "torch" in missing else ""),
        )
    module_name, _, attr = BACKENDS[name].partition(":")
    module = importlib.import_module(module_name)
    cls: type[Any] = getattr(module, attr)
    return cls
