"""Quotation spans from the quote marks alone (no parse needed).

Conventions handled:

* curly (“ ”) and straight (") double quotes; a straight mark opens when it follows a line
  start, a space or an opening bracket/dash and is followed by a non-space, and closes otherwise;
* a quote left open at the end of a paragraph (the quote continues in the next paragraph, which
  opens with a fresh mark) ends at that paragraph's end (``open_end``);
* texts whose paragraphs were collapsed into one line: an opening mark met while a quote is
  still open closes the open quote at the last sentence end before the new mark;
* doubled apostrophes and backticks (``''…''``, as in some newswire texts) count as double quotes;
* single quotes are only inner quotes or headline scare quotes here, so they are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPENERS = "“„‟«"
_CLOSERS = "”»"
_STRAIGHT = '"'
_OPEN_CONTEXT = " \n([{—–-/:"
# punctuation that ends a quotation: a mark right after it (and before a space) closes it
_CLOSE_AFTER = ",.?!…"
# double marks, and the doubled apostrophes/backticks of some newswire texts (''…'', ``…'')
_MARKS = re.compile(r"''|``|[“”„‟«»\"]")
_SENT_END = re.compile(r"[.!?…][”\"’')\]]*\s")


@dataclass(slots=True)
class Quote:
    """One quotation: ``[start, end)`` includes its marks; ``open_end`` if never closed."""

    start: int
    end: int
    open_end: bool = False

    def words(self, text: str) -> int:
        """Number of words inside the marks."""
        return len(text[self.start : self.end].split())


def _is_opener(text: str, i: int, width: int) -> bool:
    ch = text[i]
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + width] if i + width < len(text) else "\n"
    if ch in _OPENERS:
        # '“It is unusual,“ he said': an opening mark typed where the closing one belongs
        # (right after the quote's last punctuation, before a space or the line end) closes
        return not (prev in _CLOSE_AFTER and nxt.isspace())
    if ch == "`":
        return True
    if ch in _CLOSERS:
        return False
    return prev in _OPEN_CONTEXT and not nxt.isspace()


def _last_sentence_end(text: str, start: int, end: int) -> int | None:
    """Offset just after the last sentence end in ``text[start:end]`` (or None)."""
    last = None
    for m in _SENT_END.finditer(text, start, end + 1):
        last = m.end()
    if last is None:
        return None
    return len(text[:last].rstrip())


def find_quotes(text: str) -> list[Quote]:
    """All double-quoted spans of ``text`` in text order.

    Args:
        text: the article text (paragraphs separated by newlines).

    Returns:
        Quotes, each within one paragraph.
    """
    quotes: list[Quote] = []
    pos = 0
    for para in text.split("\n"):
        pstart, pend = pos, pos + len(para)
        pos = pend + 1
        open_at: int | None = None
        for m in _MARKS.finditer(para):
            i = pstart + m.start()
            if _is_opener(text, i, m.end() - m.start()):
                if open_at is not None:
                    # A second opener while one is open: a collapsed paragraph break (or a
                    # forgotten closer): the open quote ends at the last sentence end before.
                    cut = _last_sentence_end(text, open_at, i)
                    if cut is not None and cut > open_at + 1:
                        quotes.append(Quote(open_at, cut, True))
                open_at = i
            elif open_at is not None:
                quotes.append(Quote(open_at, pstart + m.end()))
                open_at = None
        if open_at is not None:
            end = len(text[:pend].rstrip())
            if end > open_at + 1:
                quotes.append(Quote(open_at, end, True))
    return quotes
