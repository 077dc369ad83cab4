"""Helpers the attribution tests share: run a text and find attributions by their content."""

from __future__ import annotations

from typing import Any


def _attrs(run: Any, text: str) -> tuple[str, list[dict[str, Any]], dict[str, dict[str, Any]]]:
    doc, layers = run(text)
    actors = {a["id"]: a for a in layers.get("actor", [])}
    return doc.text, layers.get("attribution", []), actors


def _span(text: str, span: list[int] | None) -> str | None:
    return None if span is None else text[span[0] : span[1]]


def _by_content(text: str, attrs: list[dict[str, Any]], needle: str) -> dict[str, Any]:
    hits = [a for a in attrs if needle in text[a["content"][0] : a["content"][1]]]
    assert hits, f"no attribution whose content holds {needle!r}"
    return min(hits, key=lambda a: a["content"][1] - a["content"][0])
