"""Nesting and clean-up: one attribution per cue, which report lies within which.

* :func:`_dedupe`: one attribution per cue (only the verb and quote rules may report twice
  through one cue: a quote split around it), none with the same content as another.
* :func:`_drop_cue_parts`: a verb that is part of another cue's phrase ("issued" in "issued a
  statement saying …") makes no report of its own.
* :func:`_nest`: ``within`` points at the smallest other attribution whose content holds this
  one's content and cue; inside another report only speech acts are kept (the extractor drops
  the rest: "the deployment shows …" inside a quote is part of what is said).
* :func:`_label_speakers`: a "Label: …" line over a line that is itself a sourced report ("The
  Latest: Mayor says …") names no speaker of its own.
* :func:`_asks_addressee`, :func:`_in_markup`: questions put to "you" and cues inside embedded
  markup (``<tweet author=…>``) report nothing.

The conventions are those of docs/records.md, "How newsledger reads the attribution fields".
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsledger.extract.attribution.base import _Cand


def _asks_addressee(c: _Cand) -> bool:
    """Whether ``c`` is a question put to "you" ("Do you support the mayor?").

    A question asks what the addressee holds; it reports no claim or stance of theirs (nor of
    the one who asks: the question itself is what they said, reported by its own cue).
    """
    h = c.source_head
    if h is None or c.cue is None or h.lower_ != "you":
        return False
    return h.sent.text.rstrip().rstrip("”’\"'").endswith("?")


def _in_markup(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside an angle-bracket tag (``<tweet author="…">``) on its line."""
    line_start = text.rfind("\n", 0, pos) + 1
    lt = text.rfind("<", line_start, pos)
    if lt < 0 or text.rfind(">", line_start, pos) > lt:
        return False
    line_end = text.find("\n", pos)
    return text.find(">", pos, line_end if line_end >= 0 else len(text)) >= 0


def _dedupe(cands: list[_Cand]) -> list[_Cand]:
    """One attribution per cue, and none that repeats another's content and cue region."""
    out: list[_Cand] = []
    cues: set[tuple[int, int]] = set()
    for c in cands:
        if c.cue is not None and c.cue in cues and c.rule not in ("quote", "verb"):
            continue
        if any(o.start == c.start and o.end == c.end for o in out):
            continue
        # a clause whose content holds another candidate's cue and content entirely is the
        # outer report; keep both (nesting) unless they share the very same content
        out.append(c)
        if c.cue is not None:
            cues.add(c.cue)
    return out


def _drop_cue_parts(cands: list[_Cand]) -> list[_Cand]:
    """Drop reports whose cue is part of another's cue phrase and whose content holds it.

    "issued" in "issued a statement saying …" belongs to the cue phrase of "saying", whose
    report it is: not a report of its own (whose content would be "a statement saying …").
    """
    return [
        c
        for c in cands
        if not (
            c.cue
            and any(
                o is not c
                and o.cue
                and o.cue != c.cue
                and o.cue[0] <= c.cue[0]
                and c.cue[1] <= o.cue[1]
                and c.start < o.cue[1]
                and o.cue[0] < c.end
                for o in cands
            )
        )
    ]


def _label_speakers(doc: Doc, cands: list[_Cand]) -> set[int]:
    """Indexes of "Label: …" candidates over a line that is itself a sourced report.

    "The Latest: Mayor says the river is clean": the label names no speaker of its own (but a
    person's transcript line may retell what others said: "RUIZ: Ben said no"). ``cands`` must
    be nested (``within`` set).
    """
    return {
        c.within
        for c in cands
        if c.within is not None
        and c.source is not None
        and cands[c.within].rule == "colon"
        and cands[c.within].start == c.source[0]
        and c.source_head is not None
        and c.source_head.pos_ != "PRON"
        and not any(
            t.ent_type_ == "PERSON"
            for t in doc.char_span(*cands[c.within].source, alignment_mode="expand") or []
        )
    }


def _nest(cands: list[_Cand]) -> None:
    """Set ``within`` to the smallest other attribution whose content contains this one."""
    for i, c in enumerate(cands):
        best = None
        for j, o in enumerate(cands):
            if i == j or not (o.start <= c.start and c.end <= o.end):
                continue
            if (o.start, o.end) == (c.start, c.end):
                continue
            if c.cue is not None and not (o.start <= c.cue[0] < o.end):
                continue
            if best is None or (o.end - o.start) < (cands[best].end - cands[best].start):
                best = j
        c.within = best
