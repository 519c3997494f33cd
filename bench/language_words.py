"""How ``wrong-language``'s word evidence decides Ukrainian vs Russian, on the system's own translations.

Usage (from the repository root)::

    PYTHONPATH=src .venv/bin/python bench/language_words.py [--identifier]

Reads every ``/usr/share/**/{uk,ru}/LC_MESSAGES/*.mo`` (Debian ships tens of
thousands of messages in both), keeps the messages ``wrong-language`` would
judge in a Ukrainian catalog whose letters do not decide (no ``і є ї ґ``, no
``ы э ъ ё``: the case the words step is for) and counts what
:func:`newsl10n.checks.language.words_verdict` says about them. A verdict for
the other language than the file's is a false alarm (Ukrainian) or a missed
drift (Russian); both are listed. With ``--identifier``, also how often py3langid
alone (the step before words existed) flagged them in a Ukrainian catalog.
"""

from __future__ import annotations

import argparse
import gettext
import glob
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsl10n.checks import language as L  # noqa: E402
from newsl10n.checks.untranslated import _mask  # noqa: E402


def messages(lang: str) -> list[str]:
    """The distinct translations of the system's ``.mo`` files for ``lang``, whitespace folded."""
    found: set[str] = set()
    for path in glob.glob(f"/usr/share/**/{lang}/LC_MESSAGES/*.mo", recursive=True):
        try:
            with open(path, "rb") as fh:
                catalog = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
        except (OSError, ValueError):  # not a .mo file, or not UTF-8
            continue
        for key, value in catalog.items():
            if key and isinstance(value, str) and value.strip():
                found.add(" ".join(value.split()))
    return sorted(found)


def undecided_by_letters(text: str) -> str | None:
    """``text`` masked, when wrong-language would judge it and its letters cannot tell uk from ru."""
    if len(text) < L.MIN_LETTERS:
        return None
    masked = _mask(text, ())
    letters = L._NON_LETTERS_RE.sub("", masked)
    cyrillic = len(L._SCRIPT_RE["Cyrl"].findall(letters))
    if cyrillic < max(L.MIN_LETTERS, len(letters) / 2) or L._words(masked) < L.MIN_WORDS:
        return None
    return masked if L.cyrillic_verdict(letters, "uk") is None else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--identifier", action="store_true", help="also count py3langid's verdicts (slower)")
    args = parser.parse_args()
    for lang in ("uk", "ru"):
        texts = messages(lang)
        if not texts:
            print(f"{lang}: no .mo files under /usr/share")
            continue
        verdicts: Counter[str] = Counter()
        flagged = 0
        wrong: list[str] = []
        for text in texts:
            masked = undecided_by_letters(text)
            if masked is None:
                continue
            found = L.words_verdict(masked)
            verdicts[found[0] if found else "undecided"] += 1
            if found and found[0] != lang:
                wrong.append(text)
            if args.identifier and not found:
                guess = L.identify(text, "uk")
                if guess and guess[0] != "uk" and guess[1] >= L.MIN_CONFIDENCE and guess[2] < L.MAX_EXPECTED:
                    flagged += 1
        total = sum(verdicts.values())
        print(f"{lang}: {len(texts)} messages, {total} judged with letters undecided: "
              + ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items())))  # fmt: skip
        if args.identifier:
            print(f"    undecided by words, flagged by py3langid in a uk catalog: {flagged}")
        print(f"    words pointing at the other language: {len(wrong)}")
        for text in wrong[:10]:
            print(f"      {text[:120]}")


if __name__ == "__main__":
    main()
