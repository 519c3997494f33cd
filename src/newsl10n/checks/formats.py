"""The ``format-string`` check: the placeholders of a format string survive, as ``msgfmt -c`` checks.

Entries flagged ``python-format``, ``python-brace-format`` or ``c-format``
(or ``possible-…-format``, as msgmerge writes; ``no-…-format`` turns it off)
are parsed the way GNU gettext's ``msgfmt --check-format`` parses them
(``gettext-tools/src/format-python.c``, ``format-python-brace.c``,
``format-c.c``) and compared with the same rules:

* the translation must be a valid format string of that language;
* named placeholders (``%(name)s``, ``{name}``) may come in any order; the
  translation may not use a name the source does not have, nor drop one, nor
  change its type (``%(n)d`` → ``%(n)s``);
* unnamed placeholders (``%s %d``) keep their number and, position by
  position, their type; C's numbered ``%2$s %1$d`` may reorder;
* in a plural entry every ``msgstr[i]`` is compared with ``msgid_plural``;
  a form that the plural rule uses for fewer than five numbers in 0..1000
  (the "one" form of English-like rules) may drop placeholders: "one file"
  need not say "%d". Forms used for infinitely many numbers (Ukrainian
  msgstr[0], used for 1, 21, 31...) must keep all of them.

Differences from msgfmt are deliberate: none known for the constructs
tested in ``tests/unit/test_checks_formats.py`` against msgfmt itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from newsl10n.checks.base import CheckContext, Issue, check
from newsl10n.checks.plurals import parse_plural_forms
from newsl10n.model import Severity, Unit

FORMAT_FLAGS = ("python-format", "python-brace-format", "c-format")


@dataclass(slots=True)
class Spec:
    """The arguments a format string takes: by name (with a type) and by position."""

    named: dict[str, str] = field(default_factory=dict)
    unnamed: list[str] = field(default_factory=list)


class Invalid(Exception):
    """The text is not a valid format string; the message says why."""


def formats_of(flags: frozenset[str]) -> list[str]:
    """The format languages an entry's flags ask to check (``python-format``...)."""
    out = []
    for name in FORMAT_FLAGS:
        if (name in flags or f"possible-{name}" in flags) and f"no-{name}" not in flags:
            out.append(name)
    return out


# ---------------------------------------------------------------- python %


_PY_TYPES = {"c": "char", "s": "string", "r": "string"}
_PY_TYPES.update(dict.fromkeys("iduoxX", "integer"))
_PY_TYPES.update(dict.fromkeys("eEfgG", "float"))


def parse_python(text: str) -> Spec:
    """Python ``%`` directives; raises :class:`Invalid` as msgfmt would reject the string."""
    spec = Spec()
    i, n = 0, len(text)
    while i < n:
        if text[i] != "%":
            i += 1
            continue
        i += 1
        name = None
        if i < n and text[i] == "(":
            depth, start = 0, i + 1
            i += 1
            while i < n and not (text[i] == ")" and depth == 0):
                depth += {"(": 1, ")": -1}.get(text[i], 0)
                i += 1
            if i >= n:
                raise Invalid("unterminated directive")
            name = text[start:i]
            i += 1
        while i < n and text[i] in "-+ #0":
            i += 1
        if i < n and text[i] == "*":
            _py_unnamed(spec, "integer")
            i += 1
        else:
            while i < n and text[i].isdigit() and text[i].isascii():
                i += 1
        zero_precision = False
        if i < n and text[i] == ".":
            i += 1
            if i < n and text[i] == "*":
                _py_unnamed(spec, "integer")
                i += 1
            elif i < n and text[i].isascii() and text[i].isdigit():
                zero_precision = True
                while i < n and text[i].isascii() and text[i].isdigit():
                    zero_precision = zero_precision and text[i] == "0"
                    i += 1
        if i < n and text[i] in "hlL":
            i += 1
        if i >= n:
            raise Invalid("unterminated directive")
        conv = text[i]
        if conv == "%":
            kind = "none"
        elif conv in _PY_TYPES:
            kind = "any" if conv in "sr" and zero_precision else _PY_TYPES[conv]
        else:
            raise Invalid(f"'{conv}' is not a valid conversion specifier")
        if name is not None:
            if spec.unnamed:
                raise Invalid("mixes named and unnamed arguments")
            old = spec.named.get(name)
            if old is None or old == kind or old == "any":
                spec.named[name] = kind
            elif kind != "any":
                raise Invalid(f"refers to the argument named '{name}' in incompatible ways")
        elif conv != "%":
            _py_unnamed(spec, kind)
        i += 1
    return spec


def _py_unnamed(spec: Spec, kind: str) -> None:
    if spec.named:
        raise Invalid("mixes named and unnamed arguments")
    spec.unnamed.append(kind)


# ---------------------------------------------------------------- python {}


_IDENT_RE = re.compile(r"[A-Za-z_][A-Za-z_0-9]*|[0-9]+")
_STD_SPEC_RE = re.compile(r"(?:.?[<>=^])?[-+ ]?#?0?[0-9]*(?:\.[0-9]+)?[bcdoxXneEfFgG%]?")


def parse_brace(text: str) -> Spec:
    """Python ``str.format`` fields (PEP 3101) as msgfmt's python-brace-format reads them."""
    spec = Spec()
    counters = {"numbered": 0, "unnamed": 0}
    i, n = 0, len(text)
    while i < n:
        if text[i] != "{":
            i += 1
            continue
        i = _brace_field(text, i, spec, counters, top=True)
    return spec


def _brace_field(text: str, i: int, spec: Spec, counters: dict[str, int], *, top: bool) -> int:
    """Parse the field starting at ``text[i] == "{"``; return the index after it."""
    n = len(text)
    i += 1
    if i < n and text[i] == "{":
        return i + 1  # an escaped brace
    m = _IDENT_RE.match(text, i)
    name_start = i
    if m:
        i = m.end()
        while i < n and text[i] in ".[":
            if text[i] == ".":
                m = re.compile(r"[A-Za-z_][A-Za-z_0-9]*").match(text, i + 1)
                if not m:
                    raise Invalid("bad getattr argument")
                i = m.end()
            else:
                m = _IDENT_RE.match(text, i + 1)
                if not m or m.end() >= n or text[m.end()] != "]":
                    raise Invalid("bad getitem argument")
                i = m.end() + 1
    elif i >= n:
        raise Invalid("unterminated directive")
    elif not (top and text[i] in ":}"):
        raise Invalid(f"'{text[i]}' cannot start a field name")
    name_end = i
    if i < n and text[i] == ":":
        if not top:
            raise Invalid("no more nesting is allowed in a format specifier")
        i += 1
        if i < n and text[i] == "{":
            i = _brace_field(text, i, spec, counters, top=False)
        else:
            m = _STD_SPEC_RE.match(text, i)
            i = m.end() if m else i
    if i >= n or text[i] != "}":
        raise Invalid("unterminated directive")
    if top:
        name = text[name_start:name_end]
        if not name:
            if counters["numbered"]:
                raise Invalid("mixes numbered and unnamed arguments")
            name = str(counters["unnamed"])
            counters["unnamed"] += 1
        elif name[0].isdigit():
            if counters["unnamed"]:
                raise Invalid("mixes numbered and unnamed arguments")
            counters["numbered"] += 1
        spec.named[name] = "any"
    return i + 1


# ---------------------------------------------------------------- C printf


_C_SIZES = ("hh", "ll", "h", "l", "L", "q", "j", "z", "Z", "t")
_C_SIZE_NAME = {"hh": "char", "h": "short", "l": "long", "ll": "long long", "L": "long long", "q": "long long",
                "j": "intmax_t", "z": "size_t", "Z": "size_t", "t": "ptrdiff_t"}  # fmt: skip


def parse_c(text: str, *, translated: bool = False) -> Spec:
    """ISO C / POSIX ``printf`` directives, numbered (``%2$s``) or not, as msgfmt reads them."""
    unnumbered: list[str] = []
    numbered: list[tuple[int, str]] = []
    i, n = 0, len(text)

    def arg(number: int, kind: str) -> None:
        if number:
            if unnumbered:
                raise Invalid("mixes numbered and unnumbered arguments")
            numbered.append((number, kind))
        else:
            if numbered:
                raise Invalid("mixes numbered and unnumbered arguments")
            unnumbered.append(kind)

    def dollar(at: int) -> tuple[int, int]:
        m = re.compile(r"([0-9]+)\$").match(text, at)
        if not m:
            return 0, at
        if int(m.group(1)) == 0:
            raise Invalid("argument number 0")
        return int(m.group(1)), m.end()

    while i < n:
        if text[i] != "%":
            i += 1
            continue
        number, i = dollar(i + 1)
        while i < n and (text[i] in " +-#0'" or (translated and text[i] == "I")):
            i += 1
        if i < n and text[i] == "*":
            width, i = dollar(i + 1)
            arg(width, "int")
        else:
            while i < n and "0" <= text[i] <= "9":
                i += 1
        if i < n and text[i] == ".":
            i += 1
            if i < n and text[i] == "*":
                prec, i = dollar(i + 1)
                arg(prec, "int")
            else:
                while i < n and "0" <= text[i] <= "9":
                    i += 1
        size = ""
        for s in _C_SIZES:
            if text.startswith(s, i):
                size, i = s, i + len(s)
                break
        if i >= n:
            raise Invalid("unterminated directive")
        conv = text[i]
        i += 1
        if conv == "%":
            continue
        sized = _C_SIZE_NAME.get(size, "")
        if conv in "di":
            kind = f"{sized} int".strip()
        elif conv in "ouxX":
            kind = f"unsigned {sized} int".replace("  ", " ")
        elif conv in "eEfFgGaA":
            kind = "long double" if sized == "long long" else "double"
        elif conv in "cC":
            kind = "wchar" if size == "l" or conv == "C" else "char"
        elif conv in "sS":
            kind = "wide string" if size == "l" or conv == "S" else "string"
        elif conv == "p":
            kind = "pointer"
        elif conv == "n":
            kind = f"{sized} count pointer".strip()
        else:
            raise Invalid(f"'{conv}' is not a valid conversion specifier")
        arg(number, kind)
    if numbered:
        by_number: dict[int, str] = {}
        for number, kind in numbered:
            if by_number.setdefault(number, kind) != kind:
                raise Invalid(f"argument {number} is used in incompatible ways")
        top = max(by_number)
        for k in range(1, top + 1):
            if k not in by_number:
                raise Invalid(f"refers to argument number {top} but ignores argument number {k}")
        unnumbered = [by_number[k] for k in range(1, top + 1)]
    return Spec(unnamed=unnumbered)


# ---------------------------------------------------------------- comparison


PARSERS = {"python-format": parse_python, "python-brace-format": parse_brace, "c-format": parse_c}


def compare(language: str, source: Spec, target: Spec, *, strict: bool, where: str) -> list[str]:
    """What is wrong with ``target``'s arguments against ``source``'s (msgfmt's rules)."""
    problems: list[str] = []
    if language == "c-format":
        s, t = source.unnamed, target.unnamed
        if len(s) != len(t) if strict else len(t) > len(s):
            return [f"{where} has {len(t)} placeholders, the source {len(s)}"]
        for k, (a, b) in enumerate(zip(s, t), start=1):
            if a != b:
                problems.append(f"placeholder {k} is {a} in the source but {b} in {where}")
        return problems
    if source.named and target.unnamed:
        return [f"the source uses named placeholders, {where} unnamed ones"]
    if source.unnamed and target.named:
        return [f"the source uses unnamed placeholders, {where} named ones"]
    extra = sorted(set(target.named) - set(source.named))
    if extra:
        return [f"{where} has placeholders the source does not: {', '.join(_shown(language, x) for x in extra)}"]
    missing = sorted(set(source.named) - set(target.named))
    if missing and strict:
        return [f"placeholder missing from {where}: {', '.join(_shown(language, x) for x in missing)}"]
    for name in sorted(set(source.named) & set(target.named)):
        a, b = source.named[name], target.named[name]
        if a != b and (strict or "any" not in (a, b)):
            problems.append(f"placeholder {_shown(language, name)} is {a} in the source but {b} in {where}")
            break
    if source.unnamed or target.unnamed:
        s, t = source.unnamed, target.unnamed
        if len(s) != len(t):
            return [f"{where} has {len(t)} placeholders, the source {len(s)}"]
        for k, (a, b) in enumerate(zip(s, t), start=1):
            if a != b and (strict or "any" not in (a, b)):
                problems.append(f"placeholder {k} is {a} in the source but {b} in {where}")
    return problems


def _shown(language: str, name: str) -> str:
    return "{" + name + "}" if language == "python-brace-format" else f"%({name})"


@check("format-string", severity=Severity.ERROR, per_entry=True, sees_markup=True)
def format_string(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """Format-string placeholders (python-format, python-brace-format, c-format) must match, as msgfmt -c checks."""
    if not unit.target and not any(unit.targets):
        return
    languages = formats_of(unit.flags) if unit.flags else []
    if not languages:
        return
    for language in languages:
        parse = PARSERS[language]
        source_text = unit.source_plural if unit.is_plural else unit.source
        try:
            source = parse(source_text or "")
        except Invalid:
            continue  # msgfmt does not check a msgid that is not a valid format string
        yield from _check_targets(language, parse, source, unit, ctx)


def _check_targets(language: str, parse: object, source: Spec, unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    targets = unit.targets if unit.is_plural else (unit.target,)
    rule = parse_plural_forms(ctx.plural_forms) if unit.is_plural else None
    for form, text in enumerate(targets):
        where = f"msgstr[{form}]" if unit.is_plural else "the translation"
        try:
            target = parse_c(text, translated=True) if language == "c-format" else parse(text)  # type: ignore[operator]
        except Invalid as exc:
            yield Issue(f"{where} is not a valid {language.removesuffix('-format')} format string: {exc}")
            continue
        # msgfmt: strict unless the entry has several forms and this one is used
        # for only a few numbers (without a Plural-Forms header: the n != 1 rule).
        often = rule.often if rule is not None else (False, True)
        strict = not unit.is_plural or len(targets) < 2 or (form < len(often) and often[form])
        for problem in compare(language, source, target, strict=strict, where=where):
            yield Issue(problem)
