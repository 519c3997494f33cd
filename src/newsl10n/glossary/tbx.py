"""TBX (ISO 30042) glossaries: read TBX-Basic ``martif`` (and TBX v3 ``tbx``), write TBX-Basic.

The structure read and written::

    <martif type="TBX-Basic" xml:lang="en">
      <martifHeader>...</martifHeader>
      <text><body>
        <termEntry id="izium">
          <descrip type="definition">optional concept note</descrip>
          <note>newsl10n:do-not-translate</note>
          <langSet xml:lang="en">
            <tig>
              <term>Izium</term>
              <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
              <note>optional term note</note>
            </tig>
          </langSet>
        </termEntry>
      </body></text>
    </martif>

Readers also accept ``ntig``/``termGrp`` (TBX 2008 full form) and the TBX v3
names ``conceptEntry``/``langSec``/``termSec``. A term without
``administrativeStatus`` is admitted, except that the first term of a language
becomes preferred when none is marked (what Weblate exports). Do-not-translate and
case-sensitivity have no TBX-Basic data category, so they travel as ``note``
elements with a ``newsl10n:`` prefix.

Parsing uses expat directly so that every element knows its source line for
error messages; entity declarations are refused (no entity expansion attacks).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from xml.parsers import expat

from newsl10n.errors import GlossaryError
from newsl10n.glossary.model import Glossary, GlossaryBuilder, TermStatus

XML_LANG = "xml:lang"
DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'
STATUS_VALUES = {
    TermStatus.PREFERRED: "preferredTerm-admn-sts",
    TermStatus.ADMITTED: "admittedTerm-admn-sts",
    TermStatus.DEPRECATED: "deprecatedTerm-admn-sts",
}
_STATUS_BY_VALUE = {v: k for k, v in STATUS_VALUES.items()}
# Values other tools use (TBX 2008 full normativeAuthorization, Weblate "forbidden").
_STATUS_BY_VALUE.update(
    {
        "preferredTerm": TermStatus.PREFERRED,
        "admittedTerm": TermStatus.ADMITTED,
        "deprecatedTerm": TermStatus.DEPRECATED,
        "supersededTerm-admn-sts": TermStatus.DEPRECATED,
        "notRecommendedTerm-admn-sts": TermStatus.DEPRECATED,
        "forbidden": TermStatus.DEPRECATED,
    }
)
DNT_NOTE = "newsl10n:do-not-translate"
CASE_NOTE = "newsl10n:case-sensitive"
ENTRY_TAGS = ("termEntry", "conceptEntry")
LANG_TAGS = ("langSet", "langSec")
TERM_TAGS = ("tig", "ntig", "termSec")


def _local(tag: str) -> str:
    # TBX v3 files may use a namespace prefix; expat without namespace processing
    # gives "prefix:name".
    return tag.rsplit(":", 1)[-1] if not tag.startswith("xml:") else tag


def _parse_xml(data: bytes, path: str) -> tuple[ET.Element, dict[int, int]]:
    """Parse ``data`` into an element tree plus ``{id(element): line}``."""
    lines: dict[int, int] = {}
    stack: list[ET.Element] = []
    root: list[ET.Element] = []
    parser = expat.ParserCreate()
    parser.buffer_text = True

    def start(tag: str, attrs: dict[str, str]) -> None:
        element = ET.Element(_local(tag), attrs)
        lines[id(element)] = parser.CurrentLineNumber
        if stack:
            stack[-1].append(element)
        else:
            root.append(element)
        stack.append(element)

    def end(tag: str) -> None:
        stack.pop()

    def chars(text: str) -> None:
        if not stack:
            return
        element = stack[-1]
        if len(element):
            element[-1].tail = (element[-1].tail or "") + text
        else:
            element.text = (element.text or "") + text

    def refuse_entities(*args: object) -> None:
        raise GlossaryError(
            "TBX files must not declare entities", path=path, line=parser.CurrentLineNumber
        )

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.EntityDeclHandler = refuse_entities
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise GlossaryError(
            f"malformed TBX XML: {expat.errors.messages[exc.code]}", path=path, line=exc.lineno
        ) from None
    return root[0], lines


def _text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def parse_tbx(data: bytes, *, path: str) -> Glossary:
    """Parse TBX ``data`` read from ``path``.

    Raises:
        GlossaryError: Malformed XML, not TBX, or a glossary rule is broken;
            the error carries the line of the offending element.
    """
    root, lines = _parse_xml(data, path)
    if root.tag not in ("martif", "tbx"):
        raise GlossaryError(
            f"not a TBX file: root element is <{root.tag}>, expected <martif> or <tbx>",
            path=path,
            line=lines.get(id(root)),
        )
    default_lang = root.get(XML_LANG, "en")
    builder = GlossaryBuilder()
    entries = [e for e in root.iter() if e.tag in ENTRY_TAGS]
    for number, entry in enumerate(entries, start=1):
        line = lines.get(id(entry))
        entry_id = entry.get("id") or f"entry-{number}"
        builder.start_concept(entry_id, where=(path, line), contiguous=False)
        notes = [_text(n) for n in entry.findall("note")]
        definition = next((_text(d) for d in entry.findall("descrip") if d.get("type") == "definition"), "")
        builder.set_concept_info(do_not_translate=DNT_NOTE in notes, note=definition)
        lang_sets = [c for c in entry if c.tag in LANG_TAGS]
        if not lang_sets:
            raise GlossaryError(f"entry {entry_id!r} has no <langSet>", path=path, line=line)
        for lang_set in lang_sets:
            lang = lang_set.get(XML_LANG) or default_lang
            containers = [c for c in lang_set.iter() if c.tag in TERM_TAGS]
            has_preferred = any(
                _status_of(c) is TermStatus.PREFERRED for c in containers
            )
            for index, container in enumerate(containers):
                where = (path, lines.get(id(container)))
                term_el = next((t for t in container.iter() if t.tag == "term"), None)
                if term_el is None:
                    raise GlossaryError(
                        f"entry {entry_id!r}: <{container.tag}> without <term>",
                        path=path,
                        line=where[1],
                    )
                raw_status = _raw_status(container)
                status = _status_of(container)
                if raw_status is not None and status is None:
                    valid = ", ".join(STATUS_VALUES.values())
                    raise GlossaryError(
                        f"entry {entry_id!r}: unknown administrativeStatus {raw_status!r} (valid: {valid})",
                        path=path,
                        line=where[1],
                    )
                if status is None:
                    first = index == 0 and not has_preferred
                    status = TermStatus.PREFERRED if first else TermStatus.ADMITTED
                term_notes = [_text(n) for n in container.iter() if n.tag == "note"]
                builder.add_term(
                    lang=lang,
                    text=_text(term_el),
                    status=status.value,
                    where=where,
                    note=" ".join(n for n in term_notes if not n.startswith("newsl10n:")),
                    case_sensitive=CASE_NOTE in term_notes,
                )
    return builder.build()


def _raw_status(container: ET.Element) -> str | None:
    for note in container.iter("termNote"):
        if note.get("type", "").rsplit(":", 1)[-1] in ("administrativeStatus", "normativeAuthorization"):
            return _text(note)
    return None


def _status_of(container: ET.Element) -> TermStatus | None:
    raw = _raw_status(container)
    return None if raw is None else _STATUS_BY_VALUE.get(raw)


def read_tbx(path: str | Path) -> Glossary:
    """Read and validate one TBX file."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise GlossaryError(f"cannot read glossary: {exc.strerror}", path=str(path)) from None
    return parse_tbx(data, path=str(path))


def dump_tbx(glossary: Glossary, *, title: str = "newsl10n glossary") -> str:
    """Serialise ``glossary`` as TBX-Basic; deterministic, so the output can be committed."""
    martif = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = ET.SubElement(martif, "martifHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    title_stmt = ET.SubElement(file_desc, "titleStmt")
    ET.SubElement(title_stmt, "title").text = title
    source_desc = ET.SubElement(file_desc, "sourceDesc")
    ET.SubElement(source_desc, "p").text = "Exported by newsl10n from the desk glossary"
    encoding = ET.SubElement(header, "encodingDesc")
    ET.SubElement(encoding, "p", {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for concept in glossary.concepts:
        entry = ET.SubElement(body, "termEntry", {"id": concept.id})
        if concept.note:
            ET.SubElement(entry, "descrip", {"type": "definition"}).text = concept.note
        if concept.do_not_translate:
            ET.SubElement(entry, "note").text = DNT_NOTE
        for lang in concept.languages:
            lang_set = ET.SubElement(entry, "langSet", {XML_LANG: lang})
            for term in concept.terms_for(lang):
                tig = ET.SubElement(lang_set, "tig")
                ET.SubElement(tig, "term").text = term.text
                status = ET.SubElement(tig, "termNote", {"type": "administrativeStatus"})
                status.text = STATUS_VALUES[term.status]
                if term.note:
                    ET.SubElement(tig, "note").text = term.note
                if term.case_sensitive:
                    ET.SubElement(tig, "note").text = CASE_NOTE
    ET.indent(martif, space="  ")
    body_text = ET.tostring(martif, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{DOCTYPE}\n{body_text}\n'


def write_tbx(glossary: Glossary, path: str | Path) -> None:
    """Write ``glossary`` as TBX-Basic to ``path`` (atomically: temp file + rename)."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(dump_tbx(glossary), encoding="utf-8", newline="\n")
    tmp.replace(target)
