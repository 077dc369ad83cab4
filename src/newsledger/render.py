"""A standalone HTML page of one article with its attributions highlighted.

Every piece of article text and every record field is escaped with :func:`html.escape`; the page
has no scripts and loads nothing, so it opens in any browser, offline.
"""

from __future__ import annotations

import html
from typing import Any

from newsledger.records import Layers

# Status colours (border) and a palette for speakers (background): status is how sure, speaker who.
STATUS_COLOURS = {
    "confirmed": "#1b7f3b",
    "stated": "#3567b5",
    "claimed": "#c27c0e",
    "alleged": "#b54708",
    "reported": "#7a5cc2",
    "possible": "#8a8a8a",
    "denied": "#c0392b",
}
SPEAKER_PALETTE = [
    "#fde2e4",
    "#e2f0cb",
    "#cde7f0",
    "#fff1c1",
    "#e8dff5",
    "#fce1c8",
    "#d7f2e3",
    "#f5d5e6",
    "#dfe7fd",
    "#f0efeb",
]

_CSS = """
body{font:16px/1.6 Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem;line-height:1.25} .meta{color:#666;font:14px system-ui,sans-serif}
.text p{margin:.6rem 0} .att{border-bottom:3px solid;padding:0 1px;border-radius:2px}
.src{text-decoration:underline dotted;font-weight:bold} .cue{font-style:italic;font-weight:bold}
table{border-collapse:collapse;font:13px system-ui,sans-serif;width:100%;margin:1rem 0}
td,th{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
.chip{display:inline-block;padding:0 6px;border-radius:8px;color:#fff;font-size:12px}
.legend span{margin-right:.6rem}
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def render_article_html(article: dict[str, Any], layers: Layers) -> str:
    """Render an article record and its layers as one standalone HTML page.

    Args:
        article: the contract ``article`` record (with ``text``).
        layers: its records by type (``attribution``, ``quantity``, ``time``, ``event``, ``actor``).

    Returns:
        The page as a string.
    """
    text: str = article.get("text") or ""
    atts = sorted(layers.get("attribution", []), key=lambda a: (a["content"][0], -a["content"][1]))
    speakers: dict[str, str] = {}
    for a in atts:
        key = a.get("speaker") or a.get("speaker_name") or "?"
        speakers.setdefault(key, SPEAKER_PALETTE[len(speakers) % len(SPEAKER_PALETTE)])

    # Character-level marks: which attribution covers each char (innermost wins), and cue/source.
    owner: list[int] = [-1] * len(text)
    role: list[str] = [""] * len(text)
    for i, a in enumerate(atts):
        s, e = a["content"]
        for k in range(max(0, s), min(len(text), e)):
            owner[k] = i  # later (inner or following) attributions overwrite outer ones
    for a in atts:
        for field, cls in (("cue", "cue"), ("source", "src")):
            span = a.get(field)
            if span:
                for k in range(max(0, span[0]), min(len(text), span[1])):
                    role[k] = cls

    out: list[str] = []
    paragraphs: list[str] = []
    k = 0
    while k <= len(text):
        if k == len(text) or text[k] == "\n":
            paragraphs.append("".join(out))
            out = []
            k += 1
            continue
        j = k
        while j < len(text) and text[j] != "\n" and owner[j] == owner[k] and role[j] == role[k]:
            j += 1
        chunk = _e(text[k:j])
        if role[k]:
            chunk = f'<span class="{role[k]}">{chunk}</span>'
        if owner[k] >= 0:
            a = atts[owner[k]]
            who = a.get("speaker") or a.get("speaker_name") or "?"
            status = a.get("status") or ""
            tip = f"{a['id']}: {a.get('speaker_name') or 'unknown'} · {status} · {a.get('kind')}"
            chunk = (
                f'<span class="att" title="{_e(tip)}" style="background:{speakers[who]};'
                f'border-color:{STATUS_COLOURS.get(status, "#999")}">{chunk}</span>'
            )
        out.append(chunk)
        k = j

    rows = []
    for a in sorted(atts, key=lambda a: a["content"][0]):
        s, e = a["content"]
        rows.append(
            "<tr>"
            f"<td>{_e(a['id'])}</td><td>{_e(a.get('speaker_name') or '—')}</td>"
            f'<td><span class="chip" style="background:{_status_colour(a)}">'
            f"{_e(a.get('status'))}</span></td><td>{_e(a.get('kind'))}</td>"
            f"<td>{_e(text[s:e])}</td></tr>"
        )
    legend = " ".join(
        f'<span><span class="chip" style="background:{c}">{_e(s)}</span></span>'
        for s, c in STATUS_COLOURS.items()
    )

    def listing(kind: str, cols: list[str]) -> str:
        recs = layers.get(kind, [])
        if not recs:
            return ""
        head = "".join(f"<th>{_e(c)}</th>" for c in cols)
        body = "".join(
            "<tr>" + "".join(f"<td>{_e(_fmt(r.get(c)))}</td>" for c in cols) + "</tr>" for r in recs
        )
        return f"<h2>{_e(kind.title())}s</h2><table><tr>{head}</tr>{body}</table>"

    heading = _e(article.get("title") or article.get("id"))
    meta = " · ".join(
        _e(x) for x in (article.get("outlet"), article.get("published"), article.get("id")) if x
    )
    url = article.get("url")
    link = (
        f' · <a href="{_e(url)}">source</a>'
        if url and url.startswith(("http://", "https://"))
        else ""
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{heading}</title><style>{_CSS}</style></head>"
        f"<body><h1>{heading}</h1>"
        f'<p class="meta">{meta}{link}</p><p class="legend meta">Status: {legend}. '
        "Background colour = speaker; <b><i>cue</i></b>; <b><u>source</u></b>.</p>"
        '<div class="text">' + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div>"
        "<h2>Attributions</h2><table><tr><th>id</th><th>speaker</th><th>status</th><th>kind</th>"
        "<th>content</th></tr>"
        + "".join(rows)
        + "</table>"
        + listing("quantity", ["id", "text", "value", "bound", "unit", "attribution"])
        + listing("time", ["id", "text", "start", "end", "granularity"])
        + listing("event", ["id", "event", "mode", "actor", "recipient", "status"])
        + "</body></html>\n"
    )


def _status_colour(att: dict[str, Any]) -> str:
    return STATUS_COLOURS.get(att.get("status") or "", "#999")


def _fmt(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("name") or value)
    return "" if value is None else str(value)


# Bidirectional embedding/override/isolate controls: in a page they reorder the characters that
# follow ("\u202eexe.live" shows as "evil.exe"), so the web pages show them as visible codes.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def show_bidi(text: str) -> str:
    """Replace bidi control characters by a visible ``[U+202E]`` so that they reorder nothing."""
    if not any(c in BIDI_CONTROLS for c in text):
        return text
    return "".join(f"[U+{ord(c):04X}]" if c in BIDI_CONTROLS else c for c in text)


def speaker_index(layers: Layers) -> dict[str, int]:
    """A colour slot (0–9) per speaker, in order of first attribution in the text."""
    slots: dict[str, int] = {}
    for a in sorted(layers.get("attribution", []), key=lambda a: a["content"][0]):
        key = a.get("speaker") or a.get("speaker_name") or "?"
        slots.setdefault(key, len(slots) % len(SPEAKER_PALETTE))
    return slots


def highlight_paragraphs(text: str, layers: Layers) -> list[str]:
    """The article text as HTML paragraphs with its records marked, for the web article page.

    Attributions become ``<span class="att st-STATUS spk-N" data-rec="a1">`` (speaker by colour
    class, status by border class; no inline styles, so the page can forbid them by CSP), numbers
    ``<mark class="num">`` and dates ``<mark class="date">``; cue and source words are wrapped as
    in :func:`render_article_html`. A record broken up by other marks or paragraphs is several
    elements sharing ``data-rec``; the first carries ``id="rec-ID"`` and ``tabindex="0"`` so it
    can be linked (``#rec-a1``) and reached with the keyboard. All text is escaped, and bidi
    controls are shown as codes (:func:`show_bidi`).

    Args:
        text: the article text.
        layers: its records by type.

    Returns:
        One HTML string per paragraph (the text split on newlines).
    """
    atts = sorted(layers.get("attribution", []), key=lambda a: (a["content"][0], -a["content"][1]))
    slots = speaker_index(layers)
    marks = [(r, "num") for r in layers.get("quantity", []) if r.get("span")] + [
        (r, "date") for r in layers.get("time", []) if r.get("span")
    ]
    n = len(text)
    owner = [-1] * n
    mark = [-1] * n
    role = [""] * n
    for i, a in enumerate(atts):
        for k in range(max(0, a["content"][0]), min(n, a["content"][1])):
            owner[k] = i  # later (inner or following) attributions overwrite outer ones
        for field, cls in (("cue", "cue"), ("source", "src")):
            span = a.get(field)
            if span:
                for k in range(max(0, span[0]), min(n, span[1])):
                    role[k] = cls
    for i, (r, _cls) in enumerate(marks):
        for k in range(max(0, r["span"][0]), min(n, r["span"][1])):
            if mark[k] < 0:  # a number inside a date phrase keeps the first mark
                mark[k] = i
    placed: set[str] = set()

    def anchor(rec_id: str) -> str:
        attrs = f' data-rec="{_e(rec_id)}"'
        if rec_id not in placed:
            placed.add(rec_id)
            attrs += f' id="rec-{_e(rec_id)}" tabindex="0"'
        return attrs

    paragraphs: list[str] = []
    out: list[str] = []
    k = 0
    while k <= n:
        if k == n or text[k] == "\n":
            if out:
                paragraphs.append("".join(out))
            out = []
            k += 1
            continue
        j = k
        while (
            j < n
            and text[j] != "\n"
            and owner[j] == owner[k]
            and mark[j] == mark[k]
            and role[j] == role[k]
        ):
            j += 1
        chunk = _e(show_bidi(text[k:j]))
        if role[k]:
            chunk = f'<span class="{role[k]}">{chunk}</span>'
        if mark[k] >= 0:
            r, cls = marks[mark[k]]
            chunk = f'<mark class="{cls}"{anchor(r["id"])}>{chunk}</mark>'
        if owner[k] >= 0:
            a = atts[owner[k]]
            status = a.get("status") if a.get("status") in STATUS_COLOURS else "other"
            slot = slots[a.get("speaker") or a.get("speaker_name") or "?"]
            chunk = f'<span class="att st-{status} spk-{slot}"{anchor(a["id"])}>{chunk}</span>'
        out.append(chunk)
        k = j
    return paragraphs
