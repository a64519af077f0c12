"""Text shown on a terminal, made harmless: no control characters, no escape sequences.

Titles, file names and passages come from crawled pages and uploaded files. Printed raw, an
``ESC [2J`` clears the user's screen, an ``ESC ]0;…BEL`` retitles their window, and a carriage
return overwrites what was already shown. Everything the CLI prints goes through `safe_text`
(by way of `zhiku.console.SafeConsole`); JSON output escapes the same characters instead.

>>> safe_text("RAG\\x1b[2J 笔记\\x1b]0;pwned\\x07\\r\\x9b31m!\\tok\\n")
'RAG 笔记!\\tok\\n'
"""

from __future__ import annotations

import re

# ESC-introduced sequences (CSI, OSC/DCS/APC/PM/SOS strings, two-byte escapes), then any single
# C0 control but tab and newline, DEL and C1 controls, and the bidirectional overrides that
# make text read differently from how it is stored.
_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def safe_text(text: str) -> str:
    """`text` without terminal escape sequences and control characters (tab, newline kept)."""
    if text.isprintable():
        return text
    return _CONTROL.sub("", _SEQUENCE.sub("", text))


def safe_json(dumped: str) -> str:
    """A JSON document with the characters `json.dumps` leaves raw but terminals act on
    (DEL, C1 controls, line separators, bidi overrides) written as ``\\uXXXX`` escapes."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
