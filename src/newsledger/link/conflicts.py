"""Contradictions within a story: figures that cannot both hold, statements one side denies.

(a) Figures: two numbers of one estimate series (same measure and scope) from different sources
that cannot both hold, bounds respected ("at least 200" and "nearly 200" conflict; "at least 20"
and "31" do not), counting the same noun ("all six attackers" and "50 militants" killed count
different sets). Updates are left out: only figures of the same article and day conflict, or a
later, lower figure for a count that only grows with no revision word ("31 killed", then "25
killed"). (b) Statements: an attribution with status ``denied`` and one by another speaker that
states, confirms, claims or alleges the same proposition. They are linked cheaply and visibly: by
the words their contents share (Jaccard of content words, and at least two of them), or by an
event of the same type among the same actors carried by each. A claim reported with no claimant
("rejects the claims that ...") is nobody's assertion, so it contradicts no one.
"""

from __future__ import annotations

from typing import Any

from newsledger.link._context import Doc, content_words, jaccard, load_doc, scopes
from newsledger.link.estimates import compatible, same_noun, series_of, source_key

#: Least word overlap of two contents to read them as one proposition.
MIN_OVERLAP = 0.2
#: Least content words two contents share, unless an event links them: one shared name
#: ("Lai's release" / "accusations that Lai's trial is unfair") is a topic, not a proposition.
MIN_SHARED = 2
#: Statuses that report a claim without owning it: with no speaker named, nobody asserts it.
HEARSAY = ("claimed", "alleged", "reported")
ASSERTING = ("stated", "confirmed", "claimed", "alleged", "reported")


def _side_figure(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "article": r["article"],
        "record": r["quantity"],
        "span": r["span"],
        "text": r["text"],
        "speaker": r["speaker"],
        "speaker_name": r["speaker_name"],
        "status": r["status"],
        "value": r["value"],
        "bound": r["bound"],
        "published": r["published"],
    }


def figure_conflicts(story: str | None, docs: list[Doc]) -> list[dict[str, Any]]:
    """Pairs of figures of one series that cannot both hold (see the module notes)."""
    out = []
    for part in series_of(story, docs):
        for i, a in enumerate(part):
            for b in part[i + 1 :]:
                if compatible(a, b) or source_key(a) == source_key(b) or not same_noun(a, b):
                    continue  # different nouns ("attackers", "militants"): different sets
                if a["partial"] or b["partial"] or a["future"] or b["future"]:
                    continue
                same_time = a["article"] == b["article"] and (
                    not a["day"] or not b["day"] or a["day"] == b["day"]
                )
                if same_time and not b["revised"]:
                    why = "same article and time, incompatible values"
                elif b["change"] == "conflict" and part[part.index(b) - 1] is a:
                    why = "a later, lower figure for a count that only grows"
                else:
                    continue
                out.append(
                    {
                        "kind": "figures",
                        "story": story,
                        "series": a["series"],
                        "measure": a["measure"],
                        "why": why,
                        "a": _side_figure(a),
                        "b": _side_figure(b),
                    }
                )
    return out


def _side_statement(doc: Doc, att: dict[str, Any]) -> dict[str, Any]:
    span = att.get("content")
    return {
        "article": doc.id,
        "record": att["id"],
        "span": span,
        "text": doc.words(span),
        "speaker": att.get("speaker"),
        "speaker_name": att.get("speaker_name"),
        "status": att.get("status"),
        "published": doc.published,
    }


def _events_by_attribution(doc: Doc) -> dict[str, set[tuple[str, frozenset[str]]]]:
    out: dict[str, set[tuple[str, frozenset[str]]]] = {}
    for e in doc.records.get("event", []):
        if e.get("attribution"):
            actors = frozenset((e.get("actor") or []) + (e.get("recipient") or []))
            out.setdefault(e["attribution"], set()).add((e.get("event"), actors))
    return out


def statement_conflicts(story: str | None, docs: list[Doc]) -> list[dict[str, Any]]:
    """A denial paired with the assertion by another speaker it best overlaps (if any)."""
    atts = []
    for doc in docs:
        events = _events_by_attribution(doc)
        for a in doc.records.get("attribution", []):
            if not a.get("content"):
                continue
            words = content_words(doc.words(a["content"]))
            atts.append((doc, a, words, events.get(a["id"], set())))
    out = []
    for doc, den, dwords, devents in atts:
        if den.get("status") != "denied":
            continue
        best = None
        for odoc, other, owords, oevents in atts:
            if other.get("status") not in ASSERTING or other is den:
                continue
            if not other.get("speaker") and other.get("status") in HEARSAY:
                continue  # "the claims that ...", claimant unnamed: no source to contradict
            if (other.get("speaker") or odoc.outlet) == (den.get("speaker") or doc.outlet):
                continue
            if odoc is doc and _overlaps(other["content"], den["content"]):
                continue  # a denial reported inside the other's words is not its opposite
            overlap = jaccard(dwords, owords)
            shared_event = any(
                t1 == t2 and a1 & a2 for t1, a1 in devents for t2, a2 in oevents if t1
            )
            if len(dwords & owords) < MIN_SHARED and not shared_event:
                continue
            score = overlap + (0.5 if shared_event else 0.0)
            if score >= MIN_OVERLAP and (best is None or score > best[0]):
                best = (score, odoc, other, sorted(dwords & owords), shared_event)
        if best is None:
            continue
        score, odoc, other, shared, shared_event = best
        why = f"shared words: {', '.join(shared[:8])}" if shared else ""
        if shared_event:
            why = (why + "; " if why else "") + "an event of the same type among the same actors"
        out.append(
            {
                "kind": "statements",
                "story": story,
                "series": None,
                "measure": None,
                "why": why,
                "score": round(score, 3),
                "a": _side_statement(odoc, other),
                "b": _side_statement(doc, den),
            }
        )
    return out


def _overlaps(a: list[int], b: list[int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def conflicts(store: Any, *, story: str | None = None) -> list[dict[str, Any]]:
    """Contradictions in a story (or in every story, and each unlinked article alone).

    Args:
        store: an open store.
        story: only this story (raises ``UnknownStoryError`` when it does not exist).

    Returns:
        One dict per contradiction: ``kind`` (``figures`` or ``statements``), ``story``,
        ``series`` and ``measure`` (figures), ``why`` (the reason, in words), and the two sides
        ``a`` and ``b``, each with ``article``, ``record`` (record id), ``span``, ``text``,
        ``speaker``, ``speaker_name``, ``status`` and ``published``.
    """
    out: list[dict[str, Any]] = []
    for sid, ids in scopes(store, story):
        docs = [d for d in (load_doc(store, a) for a in ids) if d is not None]
        out += figure_conflicts(sid, docs)
        out += statement_conflicts(sid, docs)
    return out
