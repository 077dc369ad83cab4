"""Calendar arithmetic for the times extractor: no spaCy here, only dates.

Every function takes the publication date (a ``datetime.date``) and returns inclusive
``(start, end)`` date pairs. Weeks run Monday to Sunday. The ``reading`` argument says which
occurrence of an underspecified date ("Friday", "in August", "March 15") the text means:

- ``"past"``: the most recent one not after publication (the default reading in news);
- ``"future"``: the next one strictly after publication ("will meet on Thursday");
- ``"present"``: the next one on or after publication ("the summit begins Thursday");
- ``"nearest"``: whichever is closer to publication (ties go to the past).
"""

from __future__ import annotations

import calendar
import json
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

DateRange = tuple[date, date]


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The times vocabulary (``data/times/lexicon.json``), loaded once."""
    path = resources.files("newsledger") / "data" / "times" / "lexicon.json"
    return json.loads(path.read_text(encoding="utf-8"))


def parse_iso(value: str | None) -> date | None:
    """``date`` from ``YYYY-MM-DD`` (a longer ISO timestamp is cut to its date); None if bad."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def month_end(year: int, month: int) -> date:
    """Last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def month_range(year: int, month: int) -> DateRange:
    """First and last day of a month."""
    return date(year, month, 1), month_end(year, month)


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """``(year, month)`` shifted by ``delta`` months."""
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


def week_range(day: date) -> DateRange:
    """The Monday-to-Sunday week holding ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def year_range(year: int) -> DateRange:
    """January 1 to December 31."""
    return date(year, 1, 1), date(year, 12, 31)


def quarter_range(year: int, quarter: int) -> DateRange:
    """The three months of a calendar quarter (1-4)."""
    first = 3 * (quarter - 1) + 1
    return date(year, first, 1), month_end(year, first + 2)


def sub_range(rng: DateRange, part: str) -> DateRange:
    """A part of a period: ``early``/``mid``/``late`` thirds, or ``first_half``/``second_half``."""
    start, end = rng
    days = (end - start).days + 1
    if part == "first_half":
        return start, start + timedelta(days=days // 2 - 1)
    if part == "second_half":
        return start + timedelta(days=days // 2), end
    third = days // 3
    if part == "early":
        return start, start + timedelta(days=max(third, 1) - 1)
    if part == "mid":
        return start + timedelta(days=third), end - timedelta(days=third)
    return end - timedelta(days=max(third, 1) - 1), end


def _pick(candidates: list[DateRange], pub: date, reading: str) -> DateRange:
    """Choose among occurrences (sorted by start) the one the reading asks for."""
    if reading == "future":
        return next(r for r in candidates if r[0] > pub)
    if reading == "present":
        return next(r for r in candidates if r[1] >= pub)
    past = [r for r in candidates if r[0] <= pub]
    best_past = past[-1]
    if reading == "nearest":
        upcoming = next(r for r in candidates if r[0] > pub)
        if (upcoming[0] - pub) < (pub - best_past[1]):
            return upcoming
    return best_past


def resolve_weekday(pub: date, weekday: int, reading: str) -> date:
    """A bare weekday ("on Friday") as a date, by reading (see the module docstring)."""
    days = [pub + timedelta(days=k) for k in range(-7, 8)]
    candidates = [(d, d) for d in days if d.weekday() == weekday]
    return _pick(candidates, pub, reading)[0]


def weekday_in_week(pub: date, weekday: int, weeks: int) -> date:
    """The given weekday in the week ``weeks`` from publication's ("next Friday": weeks=1)."""
    monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=weeks)
    return monday + timedelta(days=weekday)


def last_weekday(pub: date, weekday: int) -> date:
    """The weekday of "last Friday": the most recent one strictly before publication."""
    delta = (pub.weekday() - weekday) % 7 or 7
    return pub - timedelta(days=delta)


def coming_weekday(pub: date, weekday: int) -> date:
    """The weekday of "this coming Friday": the next one strictly after publication."""
    delta = (weekday - pub.weekday()) % 7 or 7
    return pub + timedelta(days=delta)


def resolve_month(pub: date, month: int, reading: str) -> DateRange:
    """A month without a year ("in August"), by reading."""
    candidates = [month_range(pub.year + dy, month) for dy in (-1, 0, 1)]
    if reading == "future":
        # A future month may be the current one ("will vote in October", published Oct 3).
        reading = "present"
    if reading in ("past", "nearest") and month == pub.month:
        return month_range(pub.year, month)
    return _pick(candidates, pub, reading)


def resolve_month_day(pub: date, month: int, day: int, reading: str) -> date | None:
    """A day and month without a year ("March 15"), by reading; None if never valid."""
    candidates = []
    for dy in (-1, 0, 1):
        try:
            d = date(pub.year + dy, month, day)
        except ValueError:  # 29 February in a common year
            continue
        candidates.append((d, d))
    try:
        picked = _pick(candidates, pub, reading)[0]
    except (StopIteration, IndexError):
        return None
    upcoming = next((d for d, _ in candidates if d > pub), None)
    if reading == "past" and upcoming and (pub - picked).days > 180:
        # News style omits the year only for dates of the current year: under a past verb,
        # "March 26" a few weeks ahead beats one almost a year back.
        if (upcoming - pub).days <= 31:
            return upcoming
    return picked


def valid_date(year: int, month: int, day: int) -> date | None:
    """``date`` or None when the day does not exist."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday_date(spec: dict[str, Any], year: int) -> date:
    """The date of a holiday (``lexicon()["holidays"]`` entry) in a year."""
    rule = spec.get("rule")
    if rule == "easter":
        return easter(year)
    if rule == "us_thanksgiving":
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    return date(year, spec["month"], spec["day"])


def resolve_holiday(pub: date, spec: dict[str, Any], reading: str) -> date:
    """A holiday without a year ("at Christmas"), by reading."""
    days = [holiday_date(spec, pub.year + dy) for dy in (-1, 0, 1)]
    return _pick([(d, d) for d in days], pub, reading)[0]


def season_range(year: int, season: str) -> DateRange:
    """Meteorological (northern) season starting in ``year``; winter runs into the next year."""
    first, last = lexicon()["seasons"][season]
    end_year = year + 1 if last < first else year
    return date(year, first, 1), month_end(end_year, last)


def resolve_season(pub: date, season: str, mod: str | None, reading: str) -> DateRange:
    """A season ("this summer", "last winter", "in the spring"): by modifier, else by reading."""
    candidates = [season_range(pub.year + dy, season) for dy in (-2, -1, 0, 1)]
    current = next((r for r in candidates if r[0] <= pub <= r[1]), None)
    if mod == "this":
        if current:
            return current
        if reading == "past":  # "This spring, his company vied ..." in an autumn story
            return [r for r in candidates if r[1] < pub][-1]
        return next(r for r in candidates if r[0] > pub)
    if mod == "last":
        return [r for r in candidates if r[1] < pub][-1]
    if mod == "next":
        return next(r for r in candidates if r[0] > pub)
    if current and reading in ("past", "nearest", "present"):
        return current
    return _pick(candidates, pub, reading)


def shift(pub: date, n: int, unit: str) -> date:
    """``pub`` moved by ``n`` days/weeks/months/years/decades (month ends clamp)."""
    if unit == "day":
        return pub + timedelta(days=n)
    if unit == "week":
        return pub + timedelta(weeks=n)
    if unit == "hour":
        return pub + timedelta(days=round(n / 24))
    months = {"month": n, "quarter": 3 * n, "year": 12 * n, "decade": 120 * n}[unit]
    y, m = add_months(pub.year, pub.month, months)
    return date(y, m, min(pub.day, calendar.monthrange(y, m)[1]))


def calendar_unit(pub: date, unit: str, offset: int) -> DateRange:
    """The calendar week/month/quarter/year/decade ``offset`` units from publication's."""
    if unit == "week":
        return week_range(pub + timedelta(weeks=offset))
    if unit == "month":
        y, m = add_months(pub.year, pub.month, offset)
        return month_range(y, m)
    if unit == "quarter":
        idx = pub.year * 4 + (pub.month - 1) // 3 + offset
        return quarter_range(idx // 4, idx % 4 + 1)
    if unit == "decade":
        first = pub.year - pub.year % 10 + 10 * offset
        return date(first, 1, 1), date(first + 9, 12, 31)
    if unit == "weekend":
        monday = week_range(pub + timedelta(weeks=offset))[0]
        return monday + timedelta(days=5), monday + timedelta(days=6)
    return year_range(pub.year + offset)


def iso(d: date | None) -> str | None:
    """ISO string of a date, or None."""
    return d.isoformat() if d else None
