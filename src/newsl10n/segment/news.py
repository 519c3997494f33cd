"""Where news copy continues a sentence that pysbd ends.

pysbd knows general English abbreviations; wire copy adds its own. Each rule
below joins two neighbouring pysbd sentences and looks only at the end of the
first and the start of the second (a bounded window), so joining stays linear:

- Nothing starts a sentence with a comma, semicolon, colon or closing bracket:
  ``Rep. Nancy Pelosi, D-Calif.`` | ``, spoke Friday.`` is one sentence.
- A title (``Gen.``, ``Dr.``, ``Ste.``, ``Ft.``…) never ends a sentence, and
  neither does ``St.`` glued to a word before it: ``Minneapolis-St. Paul``.
- A state abbreviation followed by a dash or an opening bracket is a dateline or
  a party tag: ``SPRINGFIELD, Ill. — Flooding…``, ``MOBILE, Ala. - The storm…``.
  Followed by a capitalised word it may end a sentence (``…moved to Calif. He
  said``), so pysbd's split stands there.
- A time (``8 p.m.``) continues into a weekday, a month, a time zone or ``…
  time`` (``at 8 p.m. Tuesday``, ``at 9:30 A.M. Central time``, ``7 p.m. EDT``),
  unless that word is the subject of a new clause: a possessive or a common verb
  follows it (``…until 6 a.m. Tuesday's vote…``, ``…at 6 a.m. Monday is…``).
  A capitalised word of any other kind starts a new sentence (``…at 11 p.m.
  Police said…``) unless everything before the time is an adverbial of time
  (``At 5 a.m.``, ``Shortly after 6 a.m.``): that has no verb, so it cannot be a
  sentence, and the capitalised word starts its main clause (``At 5 a.m. Mr.
  Smith went to the bank.``, Golden Rule 18).
"""

from __future__ import annotations

import re

# AP state abbreviations (AP Stylebook, used in datelines and party tags) and
# Canadian provinces as AP abbreviates them.
STATES = (
    "Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass. Mich. Minn. "
    "Miss. Mo. Mont. Neb. Nev. N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa. R.I. S.C. S.D. Tenn. Vt. "
    "Va. Wash. W.Va. Wis. Wyo. D.C. Alta. B.C. Man. N.B. Nfld. N.S. Ont. P.E.I. Que. Sask."
).split()
# Titles: always followed by a name.
TITLES = (
    "Mr. Mrs. Ms. Dr. Prof. Rev. Msgr. Gen. Lt. Col. Maj. Capt. Cmdr. Adm. Sgt. Cpl. Pvt. Gov. "
    "Sen. Rep. Hon. Pres. Supt. Det. Insp."
).split()
# Sainte, Mount, Fort: followed by a name ("Sault Ste. Marie", "Ft. Worth").
PLACE_TITLES = "Ste. Mt. Ft.".split()
# Saint: followed by a name when glued to a word before it ("Minneapolis-St. Paul");
# after a space "St." may be a street ending a sentence ("…and Main St. Police said").
PLACE_PREFIXES = ["St."]
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = (
    "January February March April May June July August September October November December "
    "Jan. Feb. Mar. Apr. Aug. Sep. Sept. Oct. Nov. Dec."
).split()
ZONES = "ET EST EDT CT CST CDT MT MST MDT PT PST PDT AKST AKDT HST GMT UTC BST CET CEST EET EEST MSK".split()
# Words that can make up an adverbial of time before a clock time: "At", "Shortly
# before", "On Tuesday at", "Early Sunday, around".
ADVERBIAL_WORDS = frozenset(
    "at by before after until till around about approximately nearly almost roughly shortly just "
    "since from on early late starting beginning as of and or between to past sometime some the "
    "this that last next every each morning afternoon evening night today yesterday tomorrow "
    "tonight then".split()
) | {w.lower() for w in WEEKDAYS} | {w.lower().rstrip(".") for w in MONTHS}

# "— Defense of Ukraine (@DefenceU) September 15, 2022" closing an embedded tweet.
ATTRIBUTION_RE = re.compile(
    r"[—–-]{1,2}[ \t]*[^—–\n()]{1,80}?\(@\w{1,30}\)[ \t]+"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"[ \t]+\d{1,2},[ \t]+\d{4}[ \t]*\Z"
)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_LOOK = 120  # how far either side of a boundary a rule may look
_CONTINUES_RE = re.compile(r"[,;:)\]}]")
_TITLE_END_RE = re.compile(
    rf"(?:(?<![^\s\-/–—(])(?:{_alternation(TITLES + PLACE_TITLES)})"
    rf"|(?<=[\-/–—])(?:{_alternation(PLACE_PREFIXES)}))\Z"
)
_STATE_END_RE = re.compile(rf"(?<![\w.])(?:{_alternation(STATES)})\Z")
_DATELINE_CONTINUES_RE = re.compile(r"[—–-]{1,2}(?=\s)|\(")
_TIME_END_RE = re.compile(r"(?<![\w.:])(\d{1,2}(?::\d{2})?)\s?[ap]\.m\.\Z", re.IGNORECASE)
# A clause starting with the word instead: "…until 6 a.m. Tuesday's vote…", "…Monday is…".
_STARTS_CLAUSE = (
    r"(?!['’]s\b|,?\s(?:is|was|were|will|would|has|had|have|can|could|should|may|might|must"
    r"|marks|marked|saw|brings|brought|begins|began|starts|started)\b)"
)
_TIME_CONTINUES_RE = re.compile(
    rf"(?:(?:{_alternation(WEEKDAYS)})\b|(?:{_alternation(MONTHS)})(?!\w)|(?:{_alternation(ZONES)})\b"
    rf"|[A-Z][a-z]+(?:\s(?:Standard|Daylight|Summer|Mean))?\s[Tt]ime\b){_STARTS_CLAUSE}"
)
_TIME_TOKEN_RE = re.compile(r"\d{1,2}(?:[:.]\d{2})?|[ap]\.m\.|noon|midnight|o'clock", re.IGNORECASE)


def join_continued(masked: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join each pysbd sentence in ``masked`` to the one before it where the news rules say
    the sentence goes on (see the module docstring)."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and _continues(masked, out[-1], start, end):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _continues(masked: str, before: tuple[int, int], start: int, end: int) -> bool:
    tail_end = before[1]
    while tail_end > before[0] and masked[tail_end - 1].isspace():
        tail_end -= 1
    tail_start = max(before[0], tail_end - _LOOK)
    head = masked[start : min(end, start + _LOOK)].lstrip()
    if tail_start == tail_end or not head:
        return False
    if _CONTINUES_RE.match(head):
        return True
    # Searched in place, so that a look-behind sees the text before the window.
    if head[0].isupper() and _TITLE_END_RE.search(masked, tail_start, tail_end):
        return True
    if _DATELINE_CONTINUES_RE.match(head) and _STATE_END_RE.search(masked, tail_start, tail_end):
        return True
    time = _TIME_END_RE.search(masked, tail_start, tail_end)
    if time and head[0].isupper():
        return _TIME_CONTINUES_RE.match(head) is not None or _is_time_adverbial(masked[before[0] : time.start()])
    return False


def _is_time_adverbial(before_time: str) -> bool:
    """Whether the words before a clock time that ends a sentence are only an adverbial
    of time: "At" 5 a.m., "Shortly before" 6 a.m., "On Tuesday at" 9 p.m."""
    if len(before_time) > _LOOK:
        return False
    words = before_time.replace(",", " ").split()
    return all(w.lower() in ADVERBIAL_WORDS or _TIME_TOKEN_RE.fullmatch(w) for w in words)
