"""Reading across articles: stories, estimate series, contradictions, corroboration, briefs.

Everything here reads the store (records and article metadata), never the raw input files.
The story functions are the Python API that the ``stories`` command calls:
:func:`link_articles` groups articles into stories, :func:`list_stories`, :func:`story_articles`
and :func:`story_of` read them.
"""

from newsledger.link.cluster import Params, link_articles
from newsledger.link.stories import list_stories, story_articles, story_of

__all__ = ["Params", "link_articles", "list_stories", "story_articles", "story_of"]
