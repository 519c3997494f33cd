"""Which line breaks inside a paragraph end a line that stands on its own.

A paragraph (text between blank lines) is either hard-wrapped prose, whose line
breaks are wraps, or a stack of lines that are not prose sentences: a headline,
a byline (``By JANE DOE`` / ``Associated Press``), a photo credit, a tweet's
attribution line, followed by more text after a single newline. The break after
such a line ends a block; pysbd then never sees the lines glued together.

A line break is a boundary only if the next line does not start in lower case or
with closing punctuation, and one of these holds:

- the line ends with a tweet attribution (``— Name (@handle) September 15,
  2022``) or a photo credit (``(AP Photo/Jane Doe)``);
- the next line is a byline, an agency line or a photo credit, or starts with a
  dateline (``MOBILE, Ala. (AP) —``, ``KYIV -``);
- the line starts a block and is short: the next line's first word would have
  fitted on it with room to spare. Greedy wrapping (what editors and ``fold``
  do) never leaves that much room, at any width: a wrapped line plus the next
  word is always longer than the longest line. The width is the paragraph's
  longest line less a quarter, for wrappers that balance lines: GNU ``fmt``
  still leaves that much room in 1 of 1,000 random paragraphs at 72 columns (18
  at 50; less a tenth, 23 at 72). It is at least 40 columns, since nobody wraps
  prose narrower.

Lengths are counted on whitespace-folded NFC text. Building an article writes
each sentence on one line, which keeps the end of a line before a boundary, the
start of the line after it, and a whole line between two boundaries; so a built
article segments as the original did (tested on every labelled case).

Limits: in wrapped prose, a line that starts with an all-caps word, a dash and a
capital (``NATO — The…``) is taken for a dateline, and a closing line that is
only an agency name for an agency line.
"""

from __future__ import annotations

import re
import unicodedata

from newsl10n.segment.news import ATTRIBUTION_RE

MIN_WRAP_WIDTH = 40
_EOL_RE = re.compile(r"\r\n|\n|\r")
_CLOSING = ",;:.!?)]}»”’…"
_NAME = r"[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}"
_AGENCY = r"(?:The\s)?(?:Associated\sPress|AP|Reuters|AFP|Agence\sFrance-Presse|UPI|Bloomberg)"
_CREDIT_END_RE = re.compile(r"\((?:[^()\n]*\s)?Photos?\b[^()\n]*\)\Z")
_STANDALONE_RE = re.compile(
    rf"By\s{_NAME}(?:(?:,|\s(?:and|&))\s{_NAME})*(?:,\s{_AGENCY})?"  # byline
    rf"|{_AGENCY}(?:\s(?:Writer|Reporter|Correspondent|Staff))?"  # agency line
)
_NEXT_LINE_RE = re.compile(
    r"\((?:[^()\n]*\s)?Photos?\b|(?:Photo|Photograph|Image|Credit)s?:\s"  # photo credit
    r"|[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]+)*(?:,(?:\s[A-Z][\w.]*){1,2})?"  # dateline
    r"(?:\s\((?:AP|Reuters|AFP|UPI|Bloomberg)\))?\s[—–-]{1,2}\s[A-Z]"
)


def blocks(paragraph: str) -> list[tuple[int, int]]:
    """Spans of ``paragraph`` between the line breaks that are boundaries (see the
    module docstring); each span keeps its wraps."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for m in _EOL_RE.finditer(paragraph):
        lines.append((pos, m.start()))
        pos = m.end()
    lines.append((pos, len(paragraph)))
    if len(lines) == 1:
        return lines
    folded = [_fold(paragraph[s:e]) for s, e in lines]
    width = max(len(f) for f in folded)
    width = max(width - width // 4, MIN_WRAP_WIDTH)
    out: list[tuple[int, int]] = []
    block_start = 0
    starts_block = True
    for i in range(len(lines) - 1):
        if _is_boundary(folded[i], folded[i + 1], starts_block=starts_block, width=width):
            out.append((block_start, lines[i][1]))
            block_start = lines[i + 1][0]
            starts_block = True
        elif folded[i]:
            starts_block = False
    out.append((block_start, len(paragraph)))
    return out


def _fold(line: str) -> str:
    return unicodedata.normalize("NFC", " ".join(line.split()))


def _is_boundary(line: str, following: str, *, starts_block: bool, width: int) -> bool:
    if not line or not following or following[0].islower() or following[0] in _CLOSING:
        return False
    if ATTRIBUTION_RE.search(line) or _CREDIT_END_RE.search(line):
        return True
    if _NEXT_LINE_RE.match(following) or _STANDALONE_RE.fullmatch(following):
        return True
    if not starts_block:
        return False
    first_word = following.split(" ", 1)[0]
    return _STANDALONE_RE.fullmatch(line) is not None or len(line) + 1 + len(first_word) <= width
