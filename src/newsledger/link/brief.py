"""The story so far, as a brief where every sentence ends with a citation of its article.

Sections: latest figures (each estimate series' last figure, who gives it, and how it changed),
who said what (the most quoted speakers, with status), claims given by more than one
independent source, an events timeline, and open contradictions. Each line is one sentence
built from records and ends with ``[article §record]`` (several joined by ``; ``). Markdown for
pasting into a report; HTML as one self-contained page (escaped text, citations linked to the
article view's highlighted record, the series chart inline as SVG, nothing loaded from outside).
"""

from __future__ import annotations

import functools
import html
import io
import json
import re
import tempfile
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from newsledger.link._context import UnknownStoryError, load_doc, story_exists
from newsledger.link.conflicts import figure_conflicts, statement_conflicts
from newsledger.link.corroboration import claims
from newsledger.link.estimates import plot_series, series_of
from newsledger.link.stories import list_stories, story_articles
from newsledger.render import show_bidi

# A line is a list of segments: ("t", text), ("q", quoted article words), ("c", citations).
Segment = tuple[str, Any]
Line = tuple[int, list[Segment]]  # (indent level, segments)

MAX_SPEAKERS = 8
MAX_QUOTES = 2
MAX_EVENTS = 20
MAX_QUOTE_CHARS = 180


def _clip(text: str, limit: int = MAX_QUOTE_CHARS) -> str:
    """Article words for a quotation: one line, inner quotes single, brackets round, clipped."""
    text = re.sub(r"\s+", " ", text).strip()
    text = text.replace("“", "‘").replace("”", "’").replace('"', "'")
    # Square brackets are the brief's citations: an editor's insertion in a quotation
    # ("They [attackers] stopped the train") is shown in parentheses.
    text = text.replace("[", "(").replace("]", ")")
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    return text


def _nb(name: str) -> str:
    """A name from the records, its abbreviations held by no-break spaces ("Lt. Gen.")."""
    return re.sub(r"\.\s+", ".\u00a0", re.sub(r"\s+", " ", name).strip())


def _who(row: dict[str, Any]) -> str:
    if row.get("speaker_name") or row.get("speaker"):
        return _nb(str(row.get("speaker_name") or row["speaker"]))
    return f"the outlet ({_nb(row['outlet'])})" if row.get("outlet") else "the outlet"


def _day(published: str | None) -> str:
    return (published or "")[:10] or "undated"


def _figures(rows_by_series: list[list[dict[str, Any]]]) -> list[Line]:
    lines: list[Line] = []
    for part in rows_by_series:
        # The latest figure about the story's present: not a target ahead or a partial count.
        current = [r for r in part if not r["future"] and not r["partial"]]
        last = (current or part)[-1]
        lines.append(
            (
                0,
                [
                    ("t", f"{last['measure'].capitalize()}: the latest figure is "),
                    ("q", _clip(last["text"])),
                    (
                        "t",
                        f", given by {_who(last)} ({last['status']}) on {_day(last['published'])}",
                    ),
                    ("c", [(last["article"], last["quantity"])]),
                ],
            )
        )
        for r in part:
            change = {
                "first": "first reported",
                "same": "agrees with the figure before",
                "update": "an update",
                "conflict": "conflicts with the figure before",
                "differs": "differs (a partial count or another time)",
            }.get(r["change"], r["change"])
            lines.append(
                (
                    1,
                    [
                        ("t", f"{_day(r['published'])}: "),
                        ("q", _clip(r["text"])),
                        ("t", f" from {_who(r)} ({r['status']}), {change}"),
                        ("c", [(r["article"], r["quantity"])]),
                    ],
                )
            )
    return lines


def _said(store: Any, docs: list[Any]) -> list[Line]:
    by_speaker: dict[str, list[tuple[Any, dict[str, Any]]]] = {}
    for doc in docs:
        for a in doc.records.get("attribution", []):
            if a.get("speaker") and a.get("content") and not a.get("within"):
                by_speaker.setdefault(a["speaker"], []).append((doc, a))
    ranked = sorted(by_speaker.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:MAX_SPEAKERS]
    lines: list[Line] = []
    for _sid, items in ranked:
        name = _nb(items[0][1].get("speaker_name") or items[0][1]["speaker"])
        statuses = Counter(a.get("status") for _d, a in items)
        status = ", ".join(f"{n} {s}" for s, n in statuses.most_common())
        lines.append(
            (
                0,
                [
                    ("t", f"{name} is reported {len(items)} time(s) ({status})"),
                    ("c", sorted({(d.id, None) for d, _a in items})),
                ],
            )
        )
        for doc, a in items[:MAX_QUOTES]:
            lines.append(
                (
                    1,
                    [
                        ("t", f"{_day(doc.published)}, {a.get('status')}: "),
                        ("q", _clip(doc.words(a["content"]))),
                        ("c", [(doc.id, a["id"])]),
                    ],
                )
            )
    return lines


def _corroborated(store: Any, story_id: str) -> list[Line]:
    lines: list[Line] = []
    for c in claims(store, story=story_id):
        if c["sources"] < 2:
            continue
        copies = f"; {len(c['copies'])} wire copy(ies) not counted" if c["copies"] else ""
        lines.append(
            (
                0,
                [
                    ("q", _clip(c["text"], 140)),
                    ("t", f" is given by {c['sources']} independent sources{copies}"),
                    ("c", [(m["article"], m["record"]) for m in c["members"]][:6]),
                ],
            )
        )
    return lines[:10]


@functools.cache
def _sector_names() -> dict[str, str]:
    path = resources.files("newsledger").joinpath("data", "events", "sector_names.json")
    table = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in table.items() if not k.startswith("_")}


def _parties(event: dict[str, Any], role: str, names: dict[str, str]) -> str:
    """An event's actors (or recipients), as a reader should take them.

    A country says through which sector it acts ("Pakistan (military)"), and one the extractor
    inferred from the place says so ("rebels in Pakistan", "someone in Honduras"): plain
    "Pakistan" read as the state attacking its own train.
    """
    ids = event.get(role) or []
    texts = event.get(f"{role}_text") or []
    sectors = event.get(f"{role}_sector") or []
    out = []
    for i, aid in enumerate(ids):
        name = _nb(names.get(aid, aid))
        code = sectors[i] if i < len(sectors) else None
        sector = _sector_names().get(code or "")
        inferred = i < len(texts) and not texts[i]
        if inferred:
            name = f"{sector or 'someone'} in {name}"
        elif sector and aid.startswith("country:"):
            name = f"{name} ({sector})"
        out.append(name)
    return ", ".join(out)


def _events(store: Any, docs: list[Any]) -> list[Line]:
    rows = []
    actor_ids = set()
    for doc in docs:
        times = {t["id"]: t for t in doc.records.get("time", [])}
        for e in doc.records.get("event", []):
            t = times.get(e.get("time") or "")
            when = (t or {}).get("start") or doc.day or "undated"
            actor_ids.update((e.get("actor") or []) + (e.get("recipient") or []))
            rows.append((when, doc, e))
    names = store.actor_names(actor_ids) if hasattr(store, "actor_names") else {}
    seen = set()
    lines: list[Line] = []
    for when, doc, e in sorted(rows, key=lambda r: (r[0], r[1].published or "", r[2]["span"][0])):
        key = (when, e.get("event"), tuple(e.get("actor") or []), tuple(e.get("recipient") or []))
        if key in seen or not doc.words(e.get("span")).strip():
            continue
        seen.add(key)
        who = _parties(e, "actor", names) or "someone"
        whom = _parties(e, "recipient", names)
        text = f"{when}: {e.get('event')} by {who}" + (f" against {whom}" if whom else "")
        if e.get("status") and e["status"] != "stated":
            text += f" ({e['status']})"
        lines.append(
            (
                0,
                [
                    ("t", text + ", in the words "),
                    ("q", _clip(doc.words(e.get("span")), 60)),
                    ("c", [(doc.id, e["id"])]),
                ],
            )
        )
    if len(lines) > MAX_EVENTS:
        # The story so far ends with its latest events: keep those, say how many came before.
        skipped, lines = lines[:-MAX_EVENTS], lines[-MAX_EVENTS:]
        cites = sorted({aid for _i, segs in skipped for k, v in segs if k == "c" for aid, _r in v})
        note = (
            0,
            [
                ("t", f"{len(skipped)} earlier event(s) not shown"),
                ("c", [(a, None) for a in cites]),
            ],
        )
        lines = [note, *lines]
    return lines


def _contradictions(story_id: str, docs: list[Any]) -> list[Line]:
    lines: list[Line] = []
    for c in figure_conflicts(story_id, docs) + statement_conflicts(story_id, docs):
        a, b = c["a"], c["b"]
        what = c["measure"] or "a statement"
        lines.append(
            (
                0,
                [
                    ("t", f"On {what}, {_who(a)} ({a['status']}) gives "),
                    ("q", _clip(a["text"], 120)),
                    ("c", [(a["article"], a["record"])]),
                    ("t", f" while {_who(b)} ({b['status']}) gives "),
                    ("q", _clip(b["text"], 120)),
                    ("t", f" — {c['why']}" if c["why"] else ""),
                    ("c", [(b["article"], b["record"])]),
                ],
            )
        )
    return lines


def _sections(store: Any, story_id: str) -> tuple[dict[str, Any], list, list]:
    if not story_exists(store, story_id):
        raise UnknownStoryError(f"no story {story_id!r} in the store")
    [info] = list_stories(store, story_id) or [
        {"id": story_id, "title": None, "articles": [], "first": None, "last": None}
    ]
    ids = story_articles(store, story_id)
    docs = [d for d in (load_doc(store, a) for a in ids) if d is not None]
    series = series_of(story_id, docs)
    title = _nb(info.get("title") or (docs[0].title if docs else None) or story_id)
    intro: list[Line] = [
        (
            0,
            [
                (
                    "t",
                    f"This brief covers {len(docs)} article(s) published from "
                    f"{info.get('first') or 'undated'} to {info.get('last') or 'undated'}",
                ),
                ("c", [(d.id, None) for d in docs]),
            ],
        )
    ]
    sections = [
        ("Latest figures", _figures(series)),
        ("Who said what", _said(store, docs)),
        ("Corroborated claims", _corroborated(store, story_id)),
        ("Events timeline", _events(store, docs)),
        ("Open contradictions", _contradictions(story_id, docs)),
    ]
    meta = {"title": title, "story": story_id, "articles": [d.id for d in docs]}
    return meta, intro, [(h, lines) for h, lines in sections] + [("_series", series)]


def _cite_md(cites: list[tuple[str, str | None]]) -> str:
    return "[" + "; ".join(f"{a} §{r}" if r else a for a, r in cites) + "]"


def _line_md(segs: list[Segment]) -> str:
    out = []
    for kind, val in segs:
        if kind == "t":
            out.append(val)
        elif kind == "q":
            out.append(f"“{val}”")
        else:
            out.append(" " + _cite_md(val))
    return "".join(out).rstrip() + "."


def brief(store: Any, story_id: str, fmt: str = "md", link_base: str = "/articles/") -> str:
    """The story so far, every sentence ending with a citation of its article.

    Args:
        store: an open store.
        story_id: the story.
        fmt: ``md`` (Markdown) or ``html`` (one self-contained page, chart inline).
        link_base: where the HTML links an article (``{link_base}{article}#rec-{record}``).

    Returns:
        The brief's text.

    Raises:
        UnknownStoryError: no such story.
        ValueError: ``fmt`` is neither md nor html.
    """
    if fmt not in ("md", "html"):
        raise ValueError(f"format {fmt!r}: choose md or html")
    meta, intro, sections = _sections(store, story_id)
    series = dict(sections).pop("_series")
    sections = [s for s in sections if s[0] != "_series"]
    if fmt == "md":
        return _render_md(meta, intro, sections)
    return _render_html(meta, intro, sections, series, link_base)


def _render_md(meta: dict[str, Any], intro: list[Line], sections: list) -> str:
    buf = io.StringIO()
    buf.write(f"# {meta['title']}: the story so far\n\n")
    for _lvl, segs in intro:
        buf.write(_line_md(segs) + "\n")
    for head, lines in sections:
        buf.write(f"\n## {head}\n\n")
        if not lines:
            cites = [(a, None) for a in meta["articles"][:3]]
            buf.write(f"- None found in the story's articles {_cite_md(cites)}.\n")
            continue
        for lvl, segs in lines:
            buf.write("  " * lvl + "- " + _line_md(segs) + "\n")
    return buf.getvalue()


_CSS = """
body{font:16px/1.55 Georgia,serif;max-width:56rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem;line-height:1.25} h2{font:600 1.1rem system-ui,sans-serif;margin-top:2rem}
ul{padding-left:1.2rem} li{margin:.25rem 0} q{font-style:italic}
a.cite{font:12px system-ui,sans-serif;color:#3567b5;text-decoration:none}
.chart svg{max-width:100%;height:auto} .meta{color:#666;font:14px system-ui,sans-serif}
"""


def _h(text: str) -> str:
    """Article text for the page: escaped, and bidi controls shown as codes, as on every page."""
    return html.escape(show_bidi(text))


def _cite_html(cites: list[tuple[str, str | None]], link_base: str) -> str:
    parts = []
    for a, r in cites:
        # ids are input: one path segment each, so "#", "?" and "/" in an id stay in the link
        href = f"{link_base}{quote(a, safe='')}" + (f"#rec-{quote(r, safe='')}" if r else "")
        label = f"{a} §{r}" if r else a
        parts.append(f'<a class="cite" href="{html.escape(href)}">{_h(label)}</a>')
    return "[" + "; ".join(parts) + "]"


def _line_html(segs: list[Segment], link_base: str) -> str:
    out = []
    for kind, val in segs:
        if kind == "t":
            out.append(_h(val))
        elif kind == "q":
            out.append(f"<q>{_h(val)}</q>")
        else:
            out.append(" " + _cite_html(val, link_base))
    return "".join(out).rstrip() + "."


def _lines_html(lines: list[Line], link_base: str) -> str:
    out, depth = [], 0
    for lvl, segs in lines:
        while depth < lvl:
            out.append("<ul>")
            depth += 1
        while depth > lvl:
            out.append("</ul>")
            depth -= 1
        out.append(f"<li>{_line_html(segs, link_base)}</li>")
    out += ["</ul>"] * depth
    return "<ul>" + "".join(out) + "</ul>"


def _chart_svg(series: list[list[dict[str, Any]]]) -> str:
    rows = [r for part in series for r in part]
    if not rows:
        return ""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "chart.svg"
        plot_series(rows, str(path))
        svg = path.read_text(encoding="utf-8")
    # Inline: drop the XML declaration and DOCTYPE, keep the <svg> element.
    return svg[svg.index("<svg") :]


def _render_html(
    meta: dict[str, Any], intro: list[Line], sections: list, series: list, link_base: str
) -> str:
    title = _h(f"{meta['title']}: the story so far")
    body = [f"<h1>{title}</h1>", f'<p class="meta">{_line_html(intro[0][1], link_base)}</p>']
    chart = _chart_svg(series)
    for head, lines in sections:
        body.append(f"<h2>{_h(head)}</h2>")
        if head == "Latest figures" and chart:
            body.append(f'<div class="chart">{chart}</div>')
        body.append(_lines_html(lines, link_base) if lines else "<p>None found.</p>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{_CSS}</style></head><body>"
        + "\n".join(body)
        + "</body></html>\n"
    )


_CITE = re.compile(r"\[[^\[\]\s][^\[\]]*\]")
_QUOTED = re.compile(r"“[^”]*”")


def uncited_sentences(markdown: str) -> list[str]:
    """Sentences of a Markdown brief that do not end with a ``[...]`` citation.

    Headings and blank lines are skipped; quoted article words (“…”) are opaque, so a period
    inside a quotation ends no sentence. A sentence ends at a period, question or exclamation
    mark followed by a space or the end of the line.
    """
    bad = []
    for raw in markdown.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line = line.lstrip("-* ").strip()
        masked = _QUOTED.sub(lambda m: "“" + "x" * (len(m.group()) - 2) + "”", line)
        start = 0
        for m in re.finditer(r"[.!?](?=[ \t]|$)", masked):
            sentence = line[start : m.end()].strip()
            body = masked[start : m.start()].rstrip()
            start = m.end()
            if not sentence:
                continue
            if not body.endswith("]") or not _CITE.search(body[body.rfind("[") :]):
                bad.append(sentence)
        if masked[start:].strip():
            bad.append(line[start:].strip())
    return bad
