"""Named schema migrations, applied in order and recorded in the ``migrations`` table.

A migration is never edited once released: a change to the schema is a new named migration.

The same named migrations run on every backend. A migration is one portable script (SQL that
SQLite and PostgreSQL both accept; on PostgreSQL ``BLOB`` becomes ``BYTEA``, ``REAL`` becomes
``DOUBLE PRECISION`` and ``INTEGER PRIMARY KEY`` an identity column, see
``newsledger.store.postgres.pg_ddl``), or a dict with one script per dialect
(``{"sqlite": ..., "postgresql": ...}``) where the two must differ, as for full-text search.
"""

from __future__ import annotations

Migration = str | dict[str, str]

MIGRATIONS: list[tuple[str, Migration]] = [
    (
        "0001_initial",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL,
            url TEXT,
            path TEXT,
            outlet TEXT,
            title TEXT,
            published TEXT,
            lang TEXT NOT NULL DEFAULT 'en',
            text TEXT NOT NULL,
            pipeline TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE TABLE actors (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            code TEXT
        );
        CREATE TABLE records (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            type TEXT NOT NULL,
            extractor TEXT NOT NULL,
            start INTEGER,
            "end" INTEGER,
            data TEXT NOT NULL,
            PRIMARY KEY (article_id, type, id)
        );
        CREATE INDEX records_type ON records(type);
        """,
    ),
    (
        "0002_fulltext",
        {
            "sqlite": """
            CREATE VIRTUAL TABLE articles_fts USING fts5(
                title, text, content='articles', content_rowid='rowid'
            );
            CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
                INSERT INTO articles_fts(rowid, title, text)
                VALUES (new.rowid, new.title, new.text);
            END;
            CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
                INSERT INTO articles_fts(articles_fts, rowid, title, text)
                VALUES ('delete', old.rowid, old.title, old.text);
            END;
            CREATE TRIGGER articles_fts_au AFTER UPDATE ON articles BEGIN
                INSERT INTO articles_fts(articles_fts, rowid, title, text)
                VALUES ('delete', old.rowid, old.title, old.text);
                INSERT INTO articles_fts(rowid, title, text)
                VALUES (new.rowid, new.title, new.text);
            END;
            """,
            # PostgreSQL's own full-text search. Like FTS5's external-content table, the
            # documents live beside the articles (a stored tsvector: ranking reads it instead
            # of parsing every matching text again) and triggers keep them in step.
            "postgresql": """
            CREATE TABLE articles_fts (
                article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                doc TSVECTOR NOT NULL
            );
            CREATE INDEX articles_fts_doc ON articles_fts USING GIN (doc);
            CREATE FUNCTION articles_fts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO articles_fts(article_id, doc)
                VALUES (NEW.id, to_tsvector('english', coalesce(NEW.title, '') || ' ' || NEW.text))
                ON CONFLICT (article_id) DO UPDATE SET doc = excluded.doc;
                RETURN NULL;
            END
            $$;
            CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles
                FOR EACH ROW EXECUTE FUNCTION articles_fts_sync();
            CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles
                FOR EACH ROW
                WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.text IS DISTINCT FROM NEW.text)
                EXECUTE FUNCTION articles_fts_sync();
            """,
        },
    ),
    (
        "0003_record_lookups",
        """
        -- Denormalised keys the query commands filter on (speaker, status, unit, event type).
        ALTER TABLE records ADD COLUMN key1 TEXT;
        ALTER TABLE records ADD COLUMN key2 TEXT;
        CREATE INDEX records_keys ON records(type, key1, key2);
        CREATE TABLE record_actors (
            article_id TEXT NOT NULL,
            record_type TEXT NOT NULL,
            record_id TEXT NOT NULL,
            actor_id TEXT NOT NULL,
            role TEXT NOT NULL,
            PRIMARY KEY (article_id, record_type, record_id, actor_id, role),
            FOREIGN KEY (article_id) REFERENCES articles(id) ON DELETE CASCADE
        );
        CREATE INDEX record_actors_actor ON record_actors(actor_id);
        """,
    ),
    (
        "0010_stories",
        """
        -- Stories (link/): each article belongs to at most one story; ids never change.
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE story_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story_id TEXT NOT NULL REFERENCES stories(id),
            score REAL,
            joined_at TEXT NOT NULL
        );
        CREATE INDEX story_articles_story ON story_articles(story_id);
        """,
    ),
]
