"""Score predicted contract records against a hand-annotated gold file.

A gold file (``*.gold.json``, see ``tests/gold/README.md``) holds, for one article, the
``attributions``, ``quantities``, ``times`` and optionally ``events`` and ``actors`` a careful
reader finds. Predictions are contract records as the pipeline produces them: either the
``layers`` dict (record type -> list of dicts) or a flat list of dicts that carry ``type``.

Every layer is scored by one-to-one matching on character spans: all (gold, predicted) pairs
whose spans overlap are sorted by overlap size (largest first) and taken greedily while both
sides are free. Gold entries marked ``"optional": true`` take part in the matching, but a matched
optional pair is removed from both sides (no credit, no penalty) and an unmatched optional gold
entry is not counted as missed.

Figures per layer:

* attributions: precision / recall / F1 of content spans; ``speaker`` accuracy and ``status``
  accuracy over the matched (required) pairs.
* quantities: span detection precision / recall, and ``value+bound`` precision / recall (a
  matched pair counts when the values are equal and the predicted bound is the gold ``bound`` or
  one listed in ``bound_accept``; ranges compare ``low`` and ``high``, see
  :func:`quantity_correct`).
* times: detection precision / recall, and ``accuracy`` = the fraction of required gold times
  with an overlapping predicted time whose ``start``, ``end`` and ``granularity`` all equal gold.
* events: a predicted event matches a gold one when it has the same PLOVER type, lies in the
  gold event's sentence (``sentence`` span) or paragraph (``line`` index), and its actors and
  recipients agree by canonical name (see :func:`names_agree`).

Speaker rule (:func:`speaker_matches`): names are compared case-insensitively after dropping
parenthesised notes ("reports (unnamed)" -> "reports") and punctuation. The prediction is right
when the gold speaker is null and the prediction names no speaker; or when the predicted name
(``speaker_name``, else the name of the ``speaker`` actor record, else the slug of the ``speaker``
id) equals the gold name, one of the gold ``speaker_accept`` names, or one of the gold
``actors`` aliases of the gold name; or when the predicted name contains the gold name's last
word as a whole word ("Rutte" or "Secretary-General Mark Rutte" for "Mark Rutte").
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

Record = dict[str, Any]

_PAREN = re.compile(r"\([^)]*\)")
_NON_WORD = re.compile(r"[^\w]+")


# --------------------------------------------------------------------------- loading


def load_gold(path: str | Path) -> dict[str, Any]:
    """Load one gold file.

    Args:
        path: a ``*.gold.json`` file.

    Returns:
        The gold dict (``article``, ``attributions``, ``quantities``, ``times``, ...).
    """
    return json.loads(Path(path).read_text(encoding="utf-8"))


def by_type(records: Mapping[str, list[Record]] | Iterable[Record]) -> dict[str, list[Record]]:
    """Group predicted records by type.

    Args:
        records: the pipeline's ``layers`` dict, or a flat iterable of contract dicts.

    Returns:
        ``{type: [record, ...]}``.
    """
    if isinstance(records, Mapping):
        return {k: list(v) for k, v in records.items()}
    out: dict[str, list[Record]] = {}
    for rec in records:
        out.setdefault(rec.get("type", ""), []).append(rec)
    return out


# --------------------------------------------------------------------------- figures


def _ratio(num: int, den: int, gold: int = 0) -> float:
    # An empty denominator is perfect only when there was nothing to find either: a system
    # that predicts nothing must not get precision 1.0 on an article with gold entries.
    if den:
        return num / den
    return 1.0 if gold == 0 else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Counts:
    """Matching counts of one layer; add two to aggregate (micro-average) over articles.

    Attributes:
        gold: required gold entries.
        pred: predicted records, less those matched to optional gold entries.
        matched: required gold entries matched by span.
        correct: matched pairs whose scored attributes are right (layer-specific).
    """

    gold: int = 0
    pred: int = 0
    matched: int = 0
    correct: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.gold + other.gold,
            self.pred + other.pred,
            self.matched + other.matched,
            self.correct + other.correct,
        )

    @property
    def precision(self) -> float:
        """Matched / predicted (span detection)."""
        return _ratio(self.matched, self.pred, self.gold)

    @property
    def recall(self) -> float:
        """Matched / required gold (span detection)."""
        return _ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        """Harmonic mean of :attr:`precision` and :attr:`recall`."""
        return _f1(self.precision, self.recall)

    @property
    def correct_precision(self) -> float:
        """Correct / predicted."""
        return _ratio(self.correct, self.pred, self.gold)

    @property
    def correct_recall(self) -> float:
        """Correct / required gold."""
        return _ratio(self.correct, self.gold)

    @property
    def accuracy(self) -> float:
        """Correct / matched."""
        return _ratio(self.correct, self.matched, self.gold)


@dataclass
class AttributionScore:
    """Attribution figures: span counts plus speaker and status correctness over matches."""

    spans: Counts = field(default_factory=Counts)
    speaker_correct: int = 0
    status_correct: int = 0
    errors: list[str] = field(default_factory=list)

    def __add__(self, other: AttributionScore) -> AttributionScore:
        return AttributionScore(
            self.spans + other.spans,
            self.speaker_correct + other.speaker_correct,
            self.status_correct + other.status_correct,
            self.errors + other.errors,
        )

    @property
    def speaker_accuracy(self) -> float:
        """Right speakers / matched pairs."""
        return _ratio(self.speaker_correct, self.spans.matched, self.spans.gold)

    @property
    def status_accuracy(self) -> float:
        """Right statuses / matched pairs."""
        return _ratio(self.status_correct, self.spans.matched, self.spans.gold)


@dataclass
class Scores:
    """All per-layer figures for one article or, summed with ``+``, for several."""

    attributions: AttributionScore = field(default_factory=AttributionScore)
    quantities: Counts = field(default_factory=Counts)
    times: Counts = field(default_factory=Counts)
    events: Counts = field(default_factory=Counts)
    articles: int = 1

    def __add__(self, other: Scores) -> Scores:
        return Scores(
            self.attributions + other.attributions,
            self.quantities + other.quantities,
            self.times + other.times,
            self.events + other.events,
            self.articles + other.articles,
        )

    def figures(self) -> dict[str, float]:
        """The headline figures, flat: ``{"attribution_p": 0.8, ...}`` (all in [0, 1])."""
        a = self.attributions
        return {
            "attribution_p": a.spans.precision,
            "attribution_r": a.spans.recall,
            "attribution_f1": a.spans.f1,
            "speaker_acc": a.speaker_accuracy,
            "status_acc": a.status_accuracy,
            "quantity_p": self.quantities.precision,
            "quantity_r": self.quantities.recall,
            "number_p": self.quantities.correct_precision,
            "number_r": self.quantities.correct_recall,
            "time_p": self.times.precision,
            "time_r": self.times.recall,
            "date_acc": self.times.correct_recall,
            "event_p": self.events.correct_precision,
            "event_r": self.events.correct_recall,
            "event_f1": _f1(self.events.correct_precision, self.events.correct_recall),
        }

    def counts(self) -> dict[str, Any]:
        """Raw counts per layer (for reports and debugging)."""
        return {
            "articles": self.articles,
            "attributions": asdict(self.attributions.spans)
            | {
                "speaker_correct": self.attributions.speaker_correct,
                "status_correct": self.attributions.status_correct,
            },
            "quantities": asdict(self.quantities),
            "times": asdict(self.times),
            "events": asdict(self.events),
        }


def format_scores(scores: Scores, title: str = "") -> str:
    """A small human-readable table of :meth:`Scores.figures` and the counts behind them."""
    c = scores.counts()
    f = scores.figures()
    lines = [title] if title else []
    a = c["attributions"]
    lines.append(
        f"  attributions  P={f['attribution_p']:.3f} R={f['attribution_r']:.3f} "
        f"F1={f['attribution_f1']:.3f}  speaker={f['speaker_acc']:.3f} "
        f"status={f['status_acc']:.3f}  (gold={a['gold']} pred={a['pred']} "
        f"matched={a['matched']})"
    )
    q = c["quantities"]
    lines.append(
        f"  quantities    P={f['quantity_p']:.3f} R={f['quantity_r']:.3f}  value+bound "
        f"P={f['number_p']:.3f} R={f['number_r']:.3f}  (gold={q['gold']} pred={q['pred']} "
        f"matched={q['matched']} correct={q['correct']})"
    )
    t = c["times"]
    lines.append(
        f"  times         P={f['time_p']:.3f} R={f['time_r']:.3f}  date_acc={f['date_acc']:.3f}"
        f"  (gold={t['gold']} pred={t['pred']} matched={t['matched']} correct={t['correct']})"
    )
    e = c["events"]
    lines.append(
        f"  events        P={f['event_p']:.3f} R={f['event_r']:.3f} F1={f['event_f1']:.3f}"
        f"  (gold={e['gold']} pred={e['pred']} correct={e['correct']})"
    )
    return "\n".join(lines)


# --------------------------------------------------------------------------- matching


def _overlap(a: Sequence[int] | None, b: Sequence[int] | None) -> int:
    if not a or not b:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(
    gold: Sequence[Sequence[int] | None], pred: Sequence[Sequence[int] | None]
) -> list[tuple[int, int]]:
    """One-to-one matching of overlapping spans, greedy by overlap size.

    Args:
        gold: gold ``[start, end)`` spans (None never matches).
        pred: predicted spans.

    Returns:
        ``(gold_index, pred_index)`` pairs; ties break towards earlier gold, then earlier pred.
    """
    pairs = []
    for gi, g in enumerate(gold):
        if not g:
            continue
        for pi, p in enumerate(pred):
            ov = _overlap(g, p)
            if ov > 0:
                pairs.append((-ov, gi, pi))
    return sorted(greedy_pairs(pairs))


def greedy_pairs(candidates: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs from ``(cost, a, b)`` candidates, cheapest first.

    Each ``a`` and each ``b`` is used at most once; pass ``-overlap`` as the cost to pair by
    largest overlap. Ties break towards smaller ``a``, then smaller ``b``.
    """
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for _cost, a, b in sorted(candidates):
        if a in used_a or b in used_b:
            continue
        used_a.add(a)
        used_b.add(b)
        out.append((a, b))
    return out


def _match(
    gold: list[Record], pred: list[Record], gold_key: str, pred_key: str
) -> tuple[Counts, list[tuple[Record, Record]], list[Record]]:
    """Match and count; returns counts (without ``correct``), required pairs, missed gold."""
    pairs = match_spans([g.get(gold_key) for g in gold], [p.get(pred_key) for p in pred])
    optional_pred = sum(1 for gi, _ in pairs if gold[gi].get("optional"))
    required = [g for g in gold if not g.get("optional")]
    kept = [(gold[gi], pred[pi]) for gi, pi in pairs if not gold[gi].get("optional")]
    matched_ids = {id(g) for g, _ in kept}
    missed = [g for g in required if id(g) not in matched_ids]
    counts = Counts(gold=len(required), pred=len(pred) - optional_pred, matched=len(kept))
    return counts, kept, missed


# --------------------------------------------------------------------------- names


def norm_name(name: str | None) -> str:
    """Casefold, drop parenthesised notes and punctuation, squeeze spaces."""
    if not name:
        return ""
    name = _PAREN.sub(" ", name).replace("’", "'")
    name = name.replace("'s ", " ")
    return " ".join(_NON_WORD.sub(" ", name.casefold()).split())


def _actor_names(pred: Mapping[str, list[Record]]) -> dict[str, str]:
    return {a["id"]: a.get("name") or "" for a in pred.get("actor", []) if a.get("id")}


def _pred_name(actor_id: str | None, name: str | None, actors: Mapping[str, str]) -> str:
    if name:
        return name
    if actor_id:
        # Prefer the actor record's name; the id's slug ("org:nato" -> "nato") is a fallback.
        return actors.get(actor_id) or actor_id.split(":", 1)[-1].replace("-", " ")
    return ""


def _aliases(gold_name: str, gold: Mapping[str, Any], extra: Iterable[str] = ()) -> set[str]:
    names = {norm_name(gold_name)} | {norm_name(x) for x in extra}
    for canonical, aliases in (gold.get("actors") or {}).items():
        if norm_name(canonical) == norm_name(gold_name):
            names |= {norm_name(a) for a in aliases}
    names.discard("")
    return names


def speaker_matches(
    pred_name: str | None,
    gold_name: str | None,
    accept: Iterable[str] = (),
    gold: Mapping[str, Any] | None = None,
) -> bool:
    """Whether a predicted speaker name agrees with the gold speaker (rule in the module doc).

    Args:
        pred_name: the predicted speaker's name (or None).
        gold_name: the gold canonical speaker name (None for unsourced hearsay).
        accept: further names the gold entry accepts (``speaker_accept``).
        gold: the gold file, whose ``actors`` aliases are also accepted.

    Returns:
        True when the names agree.
    """
    p = norm_name(pred_name)
    g = norm_name(gold_name)
    if not g:
        return not p
    if not p:
        return False
    if p in _aliases(gold_name or "", gold or {}, accept):
        return True
    last = g.split()[-1]
    return last in p.split()


def names_agree(
    pred_names: Iterable[str], gold_names: Iterable[str], gold: Mapping[str, Any] | None = None
) -> bool:
    """Whether two actor lists agree: both empty, or every gold actor has a predicted match.

    Args:
        pred_names: names of the predicted actors (actor record names or id slugs).
        gold_names: gold canonical names.
        gold: the gold file, whose ``actors`` aliases are accepted.
    """
    pred_list = [n for n in pred_names if n]
    gold_list = [n for n in gold_names if n]
    if not gold_list:
        return not pred_list
    return all(any(speaker_matches(p, g, gold=gold) for p in pred_list) for g in gold_list)


# --------------------------------------------------------------------------- layers


def _values_equal(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)
    except (TypeError, ValueError):
        return False


def score_attributions(
    pred: Mapping[str, list[Record]], gold: Mapping[str, Any]
) -> AttributionScore:
    """Score the ``attribution`` layer (see the module doc).

    Args:
        pred: predicted records by type (:func:`by_type`).
        gold: the gold file.
    """
    actors = _actor_names(pred)
    counts, pairs, missed = _match(
        gold.get("attributions", []), pred.get("attribution", []), "content", "content"
    )
    score = AttributionScore(spans=counts)
    for g, p in pairs:
        name = _pred_name(p.get("speaker"), p.get("speaker_name"), actors)
        if speaker_matches(name, g.get("speaker"), g.get("speaker_accept", ()), gold):
            score.speaker_correct += 1
        else:
            score.errors.append(f"speaker {g.get('id')}: gold={g.get('speaker')!r} pred={name!r}")
        accept = {g.get("status")} | set(g.get("status_accept", ()))
        if p.get("status") in accept:
            score.status_correct += 1
        else:
            score.errors.append(
                f"status {g.get('id')}: gold={g.get('status')!r} pred={p.get('status')!r}"
            )
    score.errors += [f"missed {g.get('id')}: {g.get('content_text', '')[:60]!r}" for g in missed]
    # predictions that overlap no gold attribution (optional ones included) are false alarms
    spans = [g.get("content") for g in gold.get("attributions", [])]
    for p in pred.get("attribution", []):
        if not any(_overlap(s, p.get("content")) > 0 for s in spans):
            score.errors.append(f"false alarm {p.get('id')}: cue_lemma={p.get('cue_lemma')!r}")
    return score


def score_quantities(pred: Mapping[str, list[Record]], gold: Mapping[str, Any]) -> Counts:
    """Score the ``quantity`` layer: ``correct`` = value equal and bound accepted."""
    counts, pairs, _missed = _match(
        gold.get("quantities", []), pred.get("quantity", []), "span", "span"
    )
    for g, p in pairs:
        if quantity_correct(p, g):
            counts.correct += 1
    return counts


def quantity_correct(pred: Record, gold: Record) -> bool:
    """Whether a predicted quantity has the gold value and an accepted bound.

    A gold range (``low`` and ``high`` both set, e.g. "between 1,500 and 3,000") is right when
    the predicted ``low`` and ``high`` are equal to gold's; its ``value`` and ``bound`` are then
    checked only where gold gives a value. Otherwise the values must be equal (both null for
    vague amounts such as "thousands") and the predicted ``bound`` must be gold's ``bound`` or
    one of its ``bound_accept``.
    """
    bounds = {gold.get("bound")} | set(gold.get("bound_accept", ()))
    if gold.get("low") is not None and gold.get("high") is not None:
        if not (
            _values_equal(pred.get("low"), gold["low"])
            and _values_equal(pred.get("high"), gold["high"])
        ):
            return False
        if gold.get("value") is None:
            return True
    return _values_equal(pred.get("value"), gold.get("value")) and pred.get("bound") in bounds


def score_times(pred: Mapping[str, list[Record]], gold: Mapping[str, Any]) -> Counts:
    """Score the ``time`` layer: ``correct`` = start, end and granularity all equal."""
    counts, pairs, _missed = _match(gold.get("times", []), pred.get("time", []), "span", "span")
    for g, p in pairs:
        if all(p.get(k) == g.get(k) for k in ("start", "end", "granularity")):
            counts.correct += 1
    return counts


def _paragraph_spans(text: str) -> list[list[int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append([pos, pos + len(line)])
        pos += len(line) + 1
    return spans


def score_events(
    pred: Mapping[str, list[Record]], gold: Mapping[str, Any], text: str | None = None
) -> Counts:
    """Score the ``event`` layer.

    A gold event's region is its ``sentence`` span, else the paragraph numbered ``line`` in
    ``text`` (needed for ``line``). A predicted event counts as correct for a gold event when
    the type is equal, its trigger ``span`` (else its ``sentence``) overlaps the region, and
    actors and recipients agree (:func:`names_agree`). Matching is one-to-one, in gold order.
    ``matched`` counts gold events with a same-type prediction in the region.
    """
    actors = _actor_names(pred)
    paragraphs = _paragraph_spans(text) if text is not None else []
    gold_events = gold.get("events", []) or []
    preds = list(pred.get("event", []))
    counts = Counts(gold=sum(1 for g in gold_events if not g.get("optional")), pred=len(preds))
    used: set[int] = set()

    def region(g: Record) -> list[int] | None:
        if g.get("sentence"):
            return g["sentence"]
        line = g.get("line")
        if isinstance(line, int) and 0 <= line < len(paragraphs):
            return paragraphs[line]
        return None

    # Required gold first, so that an optional one never takes a prediction from them.
    order = sorted(range(len(gold_events)), key=lambda i: bool(gold_events[i].get("optional")))
    for gi in order:
        g = gold_events[gi]
        reg = region(g)
        if reg is None:
            continue
        best, same_type = None, None
        for pi, p in enumerate(preds):
            if pi in used or p.get("event") != g.get("event"):
                continue
            if _overlap(reg, p.get("span") or p.get("sentence")) <= 0:
                continue
            same_type = pi if same_type is None else same_type
            p_act = [_pred_name(a, None, actors) for a in p.get("actor") or []]
            p_rec = [_pred_name(a, None, actors) for a in p.get("recipient") or []]
            if names_agree(p_act, g.get("actor") or [], gold) and names_agree(
                p_rec, g.get("recipient") or [], gold
            ):
                best = pi
                break
        hit = best if best is not None else same_type
        if hit is None:
            continue
        used.add(hit)
        if g.get("optional"):
            counts.pred -= 1
            continue
        counts.matched += 1
        if best is not None:
            counts.correct += 1
    return counts


def score(
    records: Mapping[str, list[Record]] | Iterable[Record],
    gold: Mapping[str, Any],
    text: str | None = None,
) -> Scores:
    """Score one article's predicted records against its gold file, layer by layer.

    Args:
        records: the pipeline's ``layers`` dict or a flat list of contract dicts.
        gold: the gold file (:func:`load_gold`).
        text: the article text; needed only for gold events located by ``line``.

    Returns:
        The per-layer :class:`Scores` (``.figures()`` for the headline numbers).
    """
    pred = by_type(records)
    return Scores(
        attributions=score_attributions(pred, gold),
        quantities=score_quantities(pred, gold),
        times=score_times(pred, gold),
        events=score_events(pred, gold, text),
    )


def total(scores: Iterable[Scores]) -> Scores:
    """Micro-average several articles' scores (sums of the counts)."""
    out: Scores | None = None
    for s in scores:
        out = s if out is None else out + s
    return out if out is not None else Scores(articles=0)


# --------------------------------------------------------------------------- running


def extract_layers(text: str, meta: Mapping[str, Any]) -> dict[str, list[Record]]:
    """Run the real newsledger pipeline on one text.

    Args:
        text: article text (normalised by :class:`newsledger.article.Article` first).
        meta: ``Article.meta()``-style metadata (``id``, ``published``, ...).

    Returns:
        The predicted ``layers`` dict.
    """
    from newsledger.article import Article
    from newsledger.nlp import build_pipeline, parse_article

    art = Article(
        text=text,
        id=str(meta.get("id") or ""),
        outlet=meta.get("outlet"),
        published=meta.get("published"),
        title=meta.get("title"),
    )
    return dict(parse_article(build_pipeline(), art.text, art.meta())._.newsledger or {})


def gold_article(
    gold: Mapping[str, Any], corpus: Mapping[str, Mapping[str, Any]] | None = None
) -> tuple[str, dict[str, Any]]:
    """The text and metadata a gold file refers to.

    Args:
        gold: the gold file. Its ``article`` names either ``file`` (resolved by the caller)
            or the corpus ``id``.
        corpus: stories by id (e.g. from the VOA demo JSON Lines).

    Returns:
        ``(text, meta)``; ``text`` is the normalised article text.
    """
    from newsledger.article import Article

    info = gold.get("article", {})
    story = (corpus or {}).get(str(info.get("id")), {})
    if "text" not in story:
        raise KeyError(f"article {info.get('id')!r} not found in the corpus")
    art = Article(
        text=story["text"],
        id=str(info.get("id")),
        outlet=info.get("outlet"),
        published=info.get("published"),
        title=story.get("title"),
    )
    return art.text, art.meta()


def load_corpus(path: str | Path) -> dict[str, dict[str, Any]]:
    """Stories of a JSON Lines corpus by id."""
    out = {}
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                story = json.loads(line)
                out[str(story["id"])] = story
    return out
