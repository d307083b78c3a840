"""What is wrong with bytes that do not parse as JSON, in German, with line and column.

orjson's messages are English parser text ("unexpected end of data: line 1 column 2926 (char
2925)"); a user needs to know, in German, whether the file was cut off, is not UTF-8 text, or where
an odd character sits. Only orjson's message *kind* and position are used, never its text.
"""

from __future__ import annotations

import re

from . import messages as M

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

# orjson (yyjson) message fragments -> German text; the first match wins
_KINDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("end of data", "eof while"), M.JSON_TRUNCATED),
    (("byte order mark", "bom"), M.JSON_BOM),
    (("after document", "trailing characters"), M.JSON_AFTER_END),
    (("trailing comma",), M.JSON_TRAILING_COMMA),
    (("depth", "recursion"), M.JSON_TOO_DEEP),
    (("number",), M.JSON_BAD_NUMBER),
    (("string", "surrogate", "escape"), M.JSON_BAD_STRING),
    (("unexpected character", "literal", "expected"), M.JSON_BAD_CHARACTER),
)


def _line_column(raw: bytes, byte: int) -> tuple[int, int]:
    """Line and column (1-based, the column in characters) of the byte offset ``byte``."""
    start = raw.rfind(b"\n", 0, byte) + 1
    return raw.count(b"\n", 0, byte) + 1, len(raw[start:byte].decode("utf-8", "replace")) + 1


def _shown(char: str) -> str:
    """A character from the file, quoted and harmless for a terminal."""
    if _CONTROL.match(char):
        return f"U+{ord(char):04X}"
    return f"„{char}“"


def describe_json_error(raw: bytes, exc: ValueError) -> str:
    """German description of why ``raw`` is not JSON (``exc`` from ``orjson.loads(raw)``), with its place."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as bad:  # orjson says "not valid UTF-8" at position 0: find the byte
        line, column = _line_column(raw, bad.start)
        return M.JSON_NOT_UTF8.format(byte=bad.start, line=line, column=column)
    message = str(getattr(exc, "msg", "") or exc).lower()
    pos = getattr(exc, "pos", None)
    pos = pos if isinstance(pos, int) and 0 <= pos <= len(text) else 0
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    for fragments, template in _KINDS:
        if any(fragment in message for fragment in fragments):
            if template is M.JSON_BAD_CHARACTER and pos >= len(text):
                template = M.JSON_TRUNCATED
            char = _shown(text[pos]) if pos < len(text) else ""
            return template.format(line=line, column=column, char=char)
    return M.JSON_OTHER.format(line=line, column=column)
