"""Quotation marks found from the marks alone (``attribution.marks``)."""

from __future__ import annotations

from newsledger.extract.attribution.marks import find_quotes


def test_find_quotes_marks() -> None:
    text = "He said ''we will win,'' adding: \"It's 'fine'.\" And “open para\nnext “A.” ok"
    got = [text[q.start : q.end] for q in find_quotes(text)]
    assert got == ["''we will win,''", "\"It's 'fine'.\"", "“open para", "“A.”"]
    assert [q.open_end for q in find_quotes(text)] == [False, False, True, False]


def test_opening_mark_typed_for_a_closing_one_closes() -> None:
    # a "“" right after the quote's last punctuation and before a space ends the quote; one
    # before a word still opens ("“A.” ok" above, "said, “We")
    text = "“It is odd,“ she said. “Very odd.“\nHe said, “We won.”"
    got = [text[q.start : q.end] for q in find_quotes(text)]
    assert got == ["“It is odd,“", "“Very odd.“", "“We won.”"]
    assert not any(q.open_end for q in find_quotes(text))
