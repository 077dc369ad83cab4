"""Attributions: who said what, and how sure the report is about it.

The extractor (registered as ``newsledger.quotes.v1``) finds candidate attributions in one
linear pass over the parse, from five kinds of evidence, then settles their content, source,
status, kind, speaker and nesting. One module per stage; README.md in this folder maps each rule
of docs/records.md ("How newsledger reads the attribution fields") to its function.

Finding cues and candidates:

- :mod:`.cues`: which word is a cue and which lexicon entry it takes (verbs, two-word and
  light-verb phrases, evidentials);
- :mod:`.verbs`: reports from cue verbs, passives with an agent, "according to", "in" a poll or
  view, hearsay adverbs, evidentials;
- :mod:`.nouns`: reports from noun cues ("her claim that …") and adjective cues ("X is confident
  that …");
- :mod:`.quotations`: quotations next to a cue, continuations, and how quotations decide the
  kind (direct / mixed / indirect); :mod:`.marks` finds the quotation marks;
- :mod:`.labels`: Title Case headlines, transcript labels ("PENCE: Well, …"), colon leads.

Settling each candidate:

- :mod:`.content`: the content span of a cue verb and where the writer's own words start;
- :mod:`.sources`: the source mention (subject, agent, speech tag, …);
- :mod:`.speakers`: the canonical speaker of a source (names, pronouns, descriptions);
- :mod:`.status`: status from the cue, hedges and negation; the cue's span;
- :mod:`.nesting`: de-duplication, ``within``, and what is no report after all.

:mod:`.extractor` runs the stages in order; :mod:`.base` holds what they share (the candidate,
the article context, span helpers); :mod:`.lexicon` loads ``data/quotes/``.
"""

from __future__ import annotations

from newsledger.extract.attribution.extractor import extract_attributions

__all__ = ["extract_attributions"]
