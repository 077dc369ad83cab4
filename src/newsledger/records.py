"""Typed contract records (see ``docs/records.md``).

Extractors yield these small dataclasses; :func:`to_dict` turns one into the contract's JSON
object. Spans are ``[start, end)`` code-point offsets into ``Article.text``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

Span = list[int]  # [start, end), msgpack- and JSON-friendly

Layers = dict[str, list[dict[str, Any]]]
"""One article's records as contract dicts, by record type (``"attribution"`` -> [...])."""


@dataclass(slots=True)
class Record:
    """Base of every contract record."""

    type: ClassVar[str] = "record"
    id: str

    def to_dict(self, article_id: str, extractor: str) -> dict[str, Any]:
        """Contract JSON object with ``type``, ``article`` and ``extractor`` added."""
        out: dict[str, Any] = {"type": self.type, "id": self.id, "article": article_id}
        for name in _field_names(type(self)):
            out[name] = getattr(self, name)
        out["extractor"] = extractor
        return out


# record class -> its field names but "id", in declaration order: ``dataclasses.fields`` builds
# the tuple anew on every call, and to_dict runs once per record
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls) if f.name != "id")
    return names


@dataclass(slots=True)
class Actor(Record):
    """A canonical actor: a country, person, organisation, group, media outlet or document."""

    type: ClassVar[str] = "actor"
    name: str = ""
    kind: str = "org"  # country|person|org|group|media|document
    code: str | None = None


@dataclass(slots=True)
class Entity(Record):
    """A mention of an actor in the text."""

    type: ClassVar[str] = "entity"
    span: Span = field(default_factory=list)
    text: str = ""
    label: str = ""
    actor: str | None = None


@dataclass(slots=True)
class Attribution(Record):
    """Who said what, and how the report frames it."""

    type: ClassVar[str] = "attribution"
    kind: str = "indirect"  # direct|mixed|indirect|unsourced
    content: Span = field(default_factory=list)
    cue: Span | None = None
    cue_lemma: str | None = None
    source: Span | None = None
    speaker: str | None = None
    speaker_name: str | None = None
    resolved_by: str | None = None  # explicit|pronoun|description|continuation
    status: str = "stated"
    within: str | None = None


@dataclass(slots=True)
class Quantity(Record):
    """A number the text asserts."""

    type: ClassVar[str] = "quantity"
    span: Span = field(default_factory=list)
    text: str = ""
    value: float | int | None = None
    low: float | int | None = None
    high: float | int | None = None
    bound: str = "="
    unit: str | None = None
    of: str | None = None
    attribution: str | None = None
    change: str | None = None  # "up"/"down" when the number is the size of a change ("rose 64")
    # What is measured (docs/records.md): counted noun lemma, the actor qualifying it, what
    # happened to it (verb/event lemma), negation, "<counted> <happened>", place and time id.
    counted: str | None = None
    qualifier: str | None = None
    happened: str | None = None
    negated: bool = False
    measure: str | None = None
    place: str | None = None
    time: str | None = None


@dataclass(slots=True)
class Time(Record):
    """A date the text refers to, resolved against the publication date."""

    type: ClassVar[str] = "time"
    span: Span = field(default_factory=list)
    text: str = ""
    start: str | None = None
    end: str | None = None
    granularity: str = "day"  # day|week|month|year|approximate


@dataclass(slots=True)
class Event(Record):
    """A PLOVER event."""

    type: ClassVar[str] = "event"
    span: Span = field(default_factory=list)
    sentence: Span = field(default_factory=list)
    event: str = ""
    mode: str | None = None
    actor: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)
    location: dict[str, Any] | None = None
    time: str | None = None
    status: str = "stated"
    attribution: str | None = None


RECORD_TYPES: tuple[type[Record], ...] = (Actor, Entity, Attribution, Quantity, Time, Event)


def iter_records(layers: Layers) -> Iterator[dict[str, Any]]:
    """Records of all layers in contract order: actors, entities, attributions, ..."""
    for kind in ("actor", "entity", "attribution", "quantity", "time", "event"):
        yield from layers.get(kind, [])
