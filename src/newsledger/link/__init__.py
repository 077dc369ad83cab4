"""Reading across articles: stories, estimate series, contradictions, corroboration, briefs.

Everything here reads the store (records and article metadata), never the raw input files.
"""
