"""Corroboration: per claim, how many independent sources give it.

A claim is a linked group of records about one proposition: the figures of an estimate series
that give the same number (:func:`same_figure`: "at least five" and "five" agree, "seven" does
not corroborate "at least five" although both can hold), or attributions whose contents share
enough words (Jaccard of content words, ``MIN_OVERLAP``) and give the same numbers ("16
terrorists had been killed" and "it killed 33 BLA terrorists" are two claims, not one). A source
is the speaker where one is named, else the outlet that asserts it; a wire copy or syndicated
duplicate (``syndication``) counts as its original article, so the same text under a new id and
outlet adds no source. Within one article, a record with no speaker adds no source beside one
with a speaker: the narration repeating a figure the article attributes is that speaker's.
"""

from __future__ import annotations

from typing import Any

from newsledger.link._context import Doc, content_words, jaccard, load_doc, scopes
from newsledger.link.estimates import series_of
from newsledger.link.syndication import detect_duplicates, originals

#: Least word overlap of two attributions' contents to read them as one claim.
MIN_OVERLAP = 0.35
#: Least content words in each of two contents: "the attack" (one word) shares half its words
#: with any "responsibility for the attack" and says nothing to corroborate.
MIN_WORDS = 2


_LOWER = frozenset({">", ">="})
_UPPER = frozenset({"<", "<="})


def same_figure(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when two figures of a series give the same number, so that one corroborates the other.

    Ranges agree when their ends are equal; single values when they are equal and their bounds
    do not point opposite ways ("at least 37" and "37" agree, "at least 37" and "at most 37" do
    not). Two figures whose ranges merely meet ("at least five", "seven", "up to 10") can all
    hold, which makes them no contradiction (:mod:`conflicts`) but no corroboration either.
    """
    ra = (a.get("low"), a.get("high"))
    rb = (b.get("low"), b.get("high"))
    if None not in ra or None not in rb:
        return None not in ra and None not in rb and _eq(ra[0], rb[0]) and _eq(ra[1], rb[1])
    va, vb = a.get("value"), b.get("value")
    if va is None or vb is None or not _eq(va, vb):
        return False
    ba, bb = a.get("bound") or "=", b.get("bound") or "="
    return not ((ba in _LOWER and bb in _UPPER) or (ba in _UPPER and bb in _LOWER))


def _eq(x: Any, y: Any) -> bool:
    return abs(float(x) - float(y)) <= 1e-9 * max(1.0, abs(float(x)))


def _source(speaker: str | None, article: str, root: dict[str, str], outlets: dict) -> str:
    if speaker:
        return speaker
    original = root.get(article, article)
    outlet = outlets.get(original)
    return f"outlet:{outlet}" if outlet else f"article:{original}"


def _figure_claims(story: str | None, docs: list[Doc]) -> list[list[dict[str, Any]]]:
    groups: list[list[dict[str, Any]]] = []
    for part in series_of(story, docs):
        claims: list[list[dict[str, Any]]] = []
        for r in part:
            if r["partial"]:
                claims.append([r])  # "the first 2,600" neither supports nor denies a total
                continue
            for c in claims:
                if c[0]["partial"]:
                    continue
                if all(same_figure(r, m) for m in c):
                    c.append(r)
                    break
            else:
                claims.append([r])
        groups += claims
    return groups


def _numbers(doc: Doc, span: list[int]) -> frozenset[Any]:
    """The numbers the quantities extractor found inside ``span`` (values, or ranges)."""
    out = set()
    for q in doc.records.get("quantity", []):
        qs = q.get("span")
        if not qs or qs[0] < span[0] or qs[1] > span[1]:
            continue
        if q.get("value") is not None:
            out.add(float(q["value"]))
        elif q.get("low") is not None or q.get("high") is not None:
            out.add((q.get("low"), q.get("high")))
    return frozenset(out)


def _statement_claims(docs: list[Doc]) -> list[list[tuple[Doc, dict[str, Any], set[str]]]]:
    items = []
    numbers = []
    for doc in docs:
        for a in doc.records.get("attribution", []):
            if a.get("content") and a.get("status") != "denied":
                items.append((doc, a, content_words(doc.words(a["content"]))))
                numbers.append(_numbers(doc, a["content"]))
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if items[i][0] is items[j][0]:
                continue  # one article repeating itself is not corroboration
            if min(len(items[i][2]), len(items[j][2])) < MIN_WORDS or numbers[i] != numbers[j]:
                continue  # too few words to say anything, or other figures: not one claim
            if jaccard(items[i][2], items[j][2]) >= MIN_OVERLAP:
                parent[find(j)] = find(i)
    groups: dict[int, list] = {}
    for i, it in enumerate(items):
        groups.setdefault(find(i), []).append(it)
    return list(groups.values())


def claims(store: Any, *, story: str | None = None) -> list[dict[str, Any]]:
    """Claims of a story (or of every story, and each unlinked article) with their sources.

    Duplicate detection runs first, so copies stored since the last call are known.

    Args:
        store: an open store.
        story: only this story (raises ``UnknownStoryError`` when it does not exist).

    Returns:
        One dict per claim, most independently sourced first: ``id``, ``story``, ``kind``
        (``figure`` or ``statement``), ``series``/``measure`` (figures), ``text``, ``sources``
        (the number of independent sources), ``source_ids``, ``articles``, ``copies``
        (member articles that are wire copies of another) and ``members`` (article, record,
        speaker, speaker_name, status, text).
    """
    detect_duplicates(store)
    root = originals(store)
    out: list[dict[str, Any]] = []
    for sid, ids in scopes(store, story):
        docs = [d for d in (load_doc(store, a) for a in ids) if d is not None]
        outlets = {d.id: d.outlet for d in docs}
        for aid in set(root.values()) - set(outlets):
            art = store.article(aid)
            outlets[aid] = art["outlet"] if art else None
        n = 0
        for group in _figure_claims(sid, docs):
            n += 1
            members = [
                {
                    "article": r["article"],
                    "record": r["quantity"],
                    "speaker": r["speaker"],
                    "speaker_name": r["speaker_name"],
                    "status": r["status"],
                    "text": r["text"],
                }
                for r in group
            ]
            out.append(
                _claim(sid, n, "figure", group[-1]["text"], members, root, outlets)
                | {"series": group[0]["series"], "measure": group[0]["measure"]}
            )
        for group in _statement_claims(docs):
            n += 1
            members = [
                {
                    "article": doc.id,
                    "record": a["id"],
                    "speaker": a.get("speaker"),
                    "speaker_name": a.get("speaker_name"),
                    "status": a.get("status"),
                    "text": doc.words(a["content"]),
                }
                for doc, a, _w in group
            ]
            out.append(
                _claim(sid, n, "statement", members[0]["text"], members, root, outlets)
                | {"series": None, "measure": None}
            )
    out.sort(key=lambda c: (-c["sources"], -len(c["members"]), c["id"]))
    return out


def _claim(
    story: str | None,
    n: int,
    kind: str,
    text: str,
    members: list[dict[str, Any]],
    root: dict[str, str],
    outlets: dict[str, str | None],
) -> dict[str, Any]:
    attributed = {m["article"] for m in members if m["speaker"]}
    sources = sorted(
        {
            _source(m["speaker"], m["article"], root, outlets)
            for m in members
            if m["speaker"] or m["article"] not in attributed
        }
    )
    articles = sorted({m["article"] for m in members})
    return {
        "id": f"{story or articles[0]}:c{n}",
        "story": story,
        "kind": kind,
        "text": text,
        "sources": len(sources),
        "source_ids": sources,
        "articles": articles,
        "copies": [a for a in articles if a in root],
        "members": members,
    }
