"""What every stage of the attribution extractor shares: candidates, the article, span helpers.

A candidate (:class:`_Cand`) is one attribution in the making: the ``[start, end)`` character
offsets of its content, cue and source, the rule that found it (``verb``, ``passive``,
``according``, ``in``, ``noun``, ``adjective``, ``hearsay`` (evidentials too), ``quote``,
``colon``, ``headline``, ``continuation``), the cue's class (``cls``: speech, stance, belief,
evidential, …), its kind and status, and later its speaker and the candidate it nests in. The
article context (:class:`_Ctx`) holds one Doc's text and tokens (made once per Doc,
``doc._.nl_cache``), its paragraphs and its quotations (:mod:`.marks`).

Span conventions (docs/records.md, "How newsledger reads the attribution fields"): spans are
character offsets into the article text; :func:`_tok_span` trims edge punctuation and a leading
subordinator ("that", "whether": PolNeAR leaves it out of the content) but keeps quote marks;
:func:`_clip` keeps content inside its cue's paragraph.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from newsledger.extract import doc_text, doc_tokens
from newsledger.extract.attribution.marks import Quote, find_quotes
from newsledger.extract.attribution.speakers import Speaker

_TRIM = frozenset(".,;:!?-–—…")
_QUOTE_CHARS = frozenset(["“", "”", '"', "„", "‟", "«", "»", "''", "``"])
_LEAD_MARKS = frozenset({"that", "whether"})
_SUBJ = ("nsubj",)
_MAX_GAP = 8  # tokens between a quote and its cue
_OBJ_PREPS = frozenset({"of", "as", "for", "with"})
_WHEN = frozenset({"DATE", "TIME"})
_DASHES = frozenset({"—", "―", "–", "--"})
# prepositions of a phrase that sets the scene of a report ("said in a statement", "said for
# the first time", "said during the debate"), which a that-clause after it does not belong to
_SETTING_PREPS = frozenset(
    {"in", "on", "at", "during", "for", "following", "after", "before", "over", "without", "via"}
)
# how far (in tokens) after its cue or noun a "that" clause the parse hung on a phrase may sit
_ASTRAY_MAX = 14


@dataclass(slots=True)
class _Cand:
    """One candidate attribution: content ``[start, end)``, cue, source and what was decided."""

    start: int
    end: int
    cue: tuple[int, int] | None
    cue_lemma: str | None
    status: str
    source: tuple[int, int] | None
    source_head: Token | None
    rule: str
    kind: str = "indirect"
    speaker: Speaker | None = None
    within: int | None = None
    inside_quote: bool = False
    cls: str = "speech"


class _Ctx:
    """Per-article helpers: paragraphs and quotes."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.quotes: list[Quote] = find_quotes(self.text)
        self.q_starts = [q.start for q in self.quotes]
        self.para_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        # Token objects are made on every pass over a Doc: make them once
        self.tokens: list[Token] = doc_tokens(doc)
        self.starts: list[int] = doc.to_array(IDX).tolist()  # token offsets, in one C pass
        # paragraph start -> whether it is a Title Case line (asked once per candidate report;
        # a text whose paragraphs were collapsed is one long line)
        self.title_lines: dict[int, bool] = {}

    def para(self, offset: int) -> tuple[int, int]:
        """``[start, end)`` of the paragraph holding ``offset``."""
        i = bisect.bisect_right(self.para_starts, offset) - 1
        start = self.para_starts[i]
        end = self.para_starts[i + 1] - 1 if i + 1 < len(self.para_starts) else len(self.text)
        return start, end

    def quote_around(self, start: int, end: int) -> Quote | None:
        """The quote that contains ``[start, end)`` entirely, if any."""
        i = bisect.bisect_right(self.q_starts, start) - 1
        if i >= 0:
            q = self.quotes[i]
            if q.start <= start and end <= q.end:
                return q
        return None


def _tok_span(toks: list[Token]) -> tuple[int, int] | None:
    """Char span of a token list after trimming edge punctuation (but not quote marks)."""
    while toks and (
        toks[0].text in _TRIM
        or toks[0].is_space
        # not "that is …"; a "that" the parse took for a relative adverb ("said for the first
        # time that …") is the subordinator
        or (
            toks[0].lower_ in _LEAD_MARKS
            and (toks[0].dep_ == "mark" or (toks[0].dep_ == "advmod" and toks[0].tag_ == "WDT"))
        )
    ):
        toks = toks[1:]
    while toks and (toks[-1].text in _TRIM or toks[-1].is_space):
        toks = toks[:-1]
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _edge_span(toks: Sequence[Token]) -> tuple[int, int]:
    """Char span from the first to the last of ``toks`` (no trimming)."""
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _subtree_span(tok: Token) -> tuple[int, int] | None:
    # a slice of the Doc's cached tokens: slicing the Doc would make each Token again
    return _tok_span(doc_tokens(tok.doc)[tok.left_edge.i : tok.right_edge.i + 1])


def _clip(span: tuple[int, int], para: tuple[int, int], text: str) -> tuple[int, int] | None:
    s, e = max(span[0], para[0]), min(span[1], para[1])
    while s < e and (text[s].isspace() or text[s] in _TRIM):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in _TRIM):
        e -= 1
    return (s, e) if e > s else None
