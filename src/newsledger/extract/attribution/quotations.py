"""Attributions found from quotation marks, continuations, and how quotes decide the kind.

* :func:`_from_quotes`: a quotation no clause covers, next to a cue ("“…,” he said", "X said:
  “…”", "“…” — Jane Doe") within a few tokens; a quotation that ends its sentence is not the cue
  of a speech verb that follows and introduces the next quotation or reports its own clause
  (:func:`_introduces_next`, :func:`_reports_after`). Quotes with no cue are left for
  continuations; scare quotes, titles and nicknames are not attributions.
* :func:`_widen`: content is widened to the whole quotations it cuts through, which decides the
  kind: ``direct`` (only quoted words), ``mixed`` (quoted and not), ``indirect`` (none); a report
  strictly inside a quotation whose cue is in it too is nested, not widened.
* :func:`_continuations`: a quote paragraph (or, in texts without paragraphs, a quote sentence)
  with no cue that follows a quoted attribution goes on from it: same speaker (resolved by
  ``continuation``), same status (``confirmed`` becomes ``stated``), kind ``direct``; even when it
  holds a report of its own, which nests in it.

Where quotation marks are in the text is found by :mod:`.marks`, from the marks alone. The
conventions are those of docs/records.md, "How newsledger reads the attribution fields".
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from spacy.tokens import Token

from newsledger.extract.attribution.base import (
    _DASHES,
    _MAX_GAP,
    _QUOTE_CHARS,
    _SUBJ,
    _Cand,
    _Ctx,
    _edge_span,
    _tok_span,
)
from newsledger.extract.attribution.cues import _cue_entry
from newsledger.extract.attribution.marks import Quote
from newsledger.extract.attribution.sources import (
    _adjacent_name,
    _colon_speaker,
    _name_after,
    _np_after,
    _source,
)
from newsledger.extract.attribution.speakers import Speaker
from newsledger.extract.attribution.status import _status

_SENTENCE_ENDS = frozenset(".")  # a quotation ending in one of these ends its sentence
_OWN_CLAUSES = frozenset({"ccomp", "xcomp", "dobj"})  # what a speech verb reports itself


def _speech_verb_near(ctx: _Ctx, toks: list[Token]) -> Token | None:
    for t in toks:
        entry = _cue_entry(t)
        if entry is not None and entry.cls == "speech" and "phrase" not in entry.frames:
            return t
    return None


def _last_inside(ctx: _Ctx, q: Quote) -> str:
    """The last character inside quote ``q`` before its closing marks ("" if none)."""
    return ctx.text[q.start : q.end].rstrip("".join(_QUOTE_CHARS) + " '")[-1:]


def _introduces_next(ctx: _Ctx, q: Quote, v: Token) -> bool:
    """Whether speech verb ``v`` after quote ``q`` introduces the next quote, not ``q``.

    In 'The mayor asked, “Why now?” The senator answered, “Because it is time.”' the first
    quotation ends its sentence and "answered," leads into the second one; in '“We will
    win,” she said, “and soon.”' the cue is the first quotation's.
    """
    if _last_inside(ctx, q) not in tuple(".?!"):
        return False
    doc = ctx.doc
    k = v.i + 1
    while k < len(doc) and k <= v.i + 3 and doc[k].text not in (",", ":"):
        if doc[k].is_punct:
            return False  # "… ?” Sanders replied. “…": the verb ends its sentence
        k += 1
    if k >= len(doc) or doc[k].text not in (",", ":") or k + 1 >= len(doc):
        return False
    nxt = doc[k + 1]
    return ctx.quote_around(nxt.idx, nxt.idx + len(nxt)) is not None and nxt.idx > q.end


def _reports_after(ctx: _Ctx, q: Quote, v: Token) -> bool:
    """Whether speech verb ``v`` after quote ``q`` reports its own clause, not ``q``.

    In '“We will rebuild.” The mayor said the dam would cost more.' the quotation ends its
    sentence and the next one reports what follows its verb; in '“We will rebuild,” the mayor
    said.' the verb has nothing of its own and the quotation is what it reports.
    """
    if _last_inside(ctx, q) not in _SENTENCE_ENDS:
        return False
    # an object pronoun ("The mayor said it twice.") points back at the quotation
    return any(c.dep_ in _OWN_CLAUSES and c.i > v.i and c.pos_ != "PRON" for c in v.children)


def _from_quotes(ctx: _Ctx, covered: list[_Cand]) -> Iterator[_Cand]:
    """Quotes no clause covered: cue next to them, else nothing (continuations come later)."""
    doc = ctx.doc
    starts = ctx.starts
    for q in ctx.quotes:
        # a report whose cue lies inside the quote ("“If she still cannot say it, she should
        # go,” he said") is part of what is quoted: it does not cover the quote
        if any(
            c.start < q.end and q.start < c.end and not (c.cue and q.start <= c.cue[0] < q.end)
            for c in covered
        ):
            continue
        para = ctx.para(q.start)
        # after: "“…,” he said" / "“…,” said Rutte"
        i = bisect.bisect_left(starts, q.end)
        after: list[Token] = []
        while i < len(doc) and len(after) < _MAX_GAP:
            t = doc[i]
            if t.idx >= para[1] or t.text in (".", "!", "?") or t.text in _QUOTE_CHARS:
                break
            after.append(t)
            i += 1
        if after and after[0].text in _DASHES:
            name = _name_after(after[1:])
            if name is not None:
                # "“…” — Jane Doe": a quote signed with a dash
                dash = (after[0].idx, after[0].idx + len(after[0]))
                src = _edge_span(name)
                yield _Cand(q.start, q.end, dash, "—", "stated", src, name[-1], "quote")
                continue
        v = _speech_verb_near(ctx, after)
        if v is not None and (_introduces_next(ctx, q, v) or _reports_after(ctx, q, v)):
            v = None
        if v is None:
            # before: "X said: “…”" / "X said, “…”"
            j = bisect.bisect_left(starts, q.start) - 1
            if j >= 0 and doc[j].text in (":", ",") or (j >= 0 and _cue_entry(doc[j])):
                before: list[Token] = []
                while j >= 0 and len(before) < _MAX_GAP:
                    t = doc[j]
                    if t.idx < para[0] or t.text in (".", "!", "?") or t.text in _QUOTE_CHARS:
                        break
                    before.append(t)
                    j -= 1
                v = _speech_verb_near(ctx, before)
        if v is None:
            # "More from the auditor Lena Park: “…”", "From the report: “…”": a quote
            # introduced by a colon after the one who says it
            k = bisect.bisect_left(starts, q.start) - 1
            named = _colon_speaker(ctx, k) if k >= 0 and doc[k].text == ":" else None
            if named is not None:
                colon = (doc[k].idx, doc[k].idx + 1)
                src = _edge_span(named)
                yield _Cand(q.start, q.end, colon, ":", "stated", src, named[-1], "quote")
            continue
        entry = _cue_entry(v)
        assert entry is not None
        src, head = _source(v)
        if src is not None and src[0] < q.end and q.start < src[1]:
            # the parse took a word of the quote for the subject: use another subject outside
            # the quote ("“Good evening,” the host says"), the name between the quote and the
            # cue ("“…,” Representative Jane Doe, told VOA") or a second subject after the cue
            # ("“…,” said Maria Ortiz, who …")
            outside = [
                c
                for c in v.children
                if c.dep_ in _SUBJ and not (q.start <= c.idx < q.end) and c.i < v.i
            ]
            between = [t for t in after if t.i < v.i and not t.is_punct]
            name = [outside[0].left_edge, outside[0]] if outside else []
            name = name or (_adjacent_name(v) if between else [])
            name = name or _name_after(between) or []
            src, head = (_edge_span(name), name[-1]) if name else (None, None)
            late = [c for c in v.children if c.dep_ in _SUBJ and c.i > v.i]
            if src is None and late:
                src, head = _tok_span(list(late[0].subtree)), late[0]
        if src is None and after and v.i == after[0].i + (after[0].is_punct and len(after) > 1):
            # "“…,” tweeted ministry spokesman Omar Haddad": an inverted speaker the parse took
            # for an object or a modifier
            np = _np_after(v)
            if np:
                src, head = _edge_span(np), np[-1]
        status, cue = _status(v, entry)
        yield _Cand(q.start, q.end, cue, entry.lemma, status, src, head, "quote")


def _widen(c: _Cand, ctx: _Ctx) -> None:
    """Widen content to the quotes it cuts through; set kind."""
    text = ctx.text
    inner = ctx.quote_around(c.start, c.end)
    cue_in = c.cue is not None and ctx.quote_around(c.cue[0], c.cue[1]) is inner
    if inner is not None and cue_in and (inner.start, inner.end) != (c.start, c.end):
        if c.start > inner.start + 1 or c.end < inner.end - 2:
            # strictly inside a quotation: a nested report ("I can confirm that …")
            c.inside_quote = True
            c.kind = "indirect"
            return
    lo, hi = c.start, c.end
    for q in ctx.quotes:
        if q.start < hi and lo < q.end:
            lo, hi = min(lo, q.start), max(hi, q.end)
    c.start, c.end = lo, hi
    inside = [q for q in ctx.quotes if lo <= q.start and q.end <= hi]
    if not inside:
        c.kind = "indirect"
        return
    outside = text[lo:hi]
    for q in reversed(inside):
        outside = outside[: q.start - lo] + outside[q.end - lo :]
    if any(ch.isalnum() for ch in outside):
        c.kind = "mixed"
    else:
        c.kind = "direct"
        c.start, c.end = inside[0].start, inside[-1].end


def _continuations(ctx: _Ctx, cands: list[_Cand]) -> Iterator[_Cand]:
    """Quote paragraphs/sentences with no cue that go on from a quoted attribution."""
    tops = sorted((c for c in cands if not c.inside_quote), key=lambda c: c.start)
    text = ctx.text
    made: list[_Cand] = []
    for q in ctx.quotes:
        # a report whose cue lies inside the quote ("“… I said it would fail.”") is part of
        # what is quoted: the quote still goes on from the one before
        if any(
            c.start < q.end and q.start < c.end and not (c.cue and q.start <= c.cue[0] < q.end)
            for c in cands
        ):
            continue
        para = ctx.para(q.start)
        prev_char = text[: q.start].rstrip()[-1:] if q.start > para[0] else "\n"
        if q.start > para[0] and prev_char not in '.!?”"':
            continue
        pool = [c for c in tops + made if c.end <= q.start]
        if not pool:
            continue
        last = max(pool, key=lambda c: c.end)
        if last.kind not in ("direct", "mixed") or last.speaker is None:
            continue
        # nothing but the reporting sentence between the last quote and this one
        gap_from = last.end
        if last.cue is not None:
            gap_from = max(gap_from, last.cue[1])
        gap = text[gap_from : q.start]
        if (
            len(gap) > 200
            or "\n" in gap.strip()
            or any(ch in gap for ch in ".!?")
            and (gap.count("\n") > 1 or _sentences(gap) > 1)
        ):
            continue
        c = _Cand(
            q.start,
            q.end,
            None,
            None,
            last.status if last.status != "confirmed" else "stated",
            None,
            None,
            "continuation",
            kind="direct",
        )
        c.speaker = Speaker(last.speaker.id, last.speaker.name, last.speaker.kind, "continuation")
        made.append(c)
        yield c


def _sentences(gap: str) -> int:
    return sum(
        1 for i, ch in enumerate(gap) if ch in ".!?" and (i + 1 == len(gap) or gap[i + 1].isspace())
    )
