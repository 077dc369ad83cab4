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
    (
        "0011_article_embeddings",
        """
        -- Sentence embeddings of title + lede (link/embed.py), reused while the text is unchanged.
        CREATE TABLE article_embeddings (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            model TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            dim INTEGER NOT NULL,
            vector BLOB NOT NULL
        );
        """,
    ),
    (
        "0012_story_state",
        """
        -- What online linking needs of each story without rereading its articles: the sum of its
        -- articles' embeddings (float32), its actor bag (JSON id -> mentions) and its date range.
        CREATE TABLE story_state (
            story_id TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
            model TEXT NOT NULL,
            n INTEGER NOT NULL,
            vector BLOB NOT NULL,
            actors TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL
        );
        CREATE INDEX story_state_last ON story_state(last_seen);
        """,
    ),
    (
        "0020_syndication",
        """
        -- Wire copies and syndicated duplicates (link/syndication.py): each article's MinHash
        -- signature, and for a near-identical later article the earlier one it copies.
        CREATE TABLE article_minhash (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            sha256 TEXT NOT NULL,
            signature BLOB NOT NULL
        );
        CREATE TABLE duplicates (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            original_id TEXT NOT NULL,
            similarity REAL NOT NULL,
            detected_at TEXT NOT NULL
        );
        CREATE INDEX duplicates_original ON duplicates(original_id);
        """,
    ),
    (
        "0030_watch",
        """
        -- Watched sources and the items seen in them (monitor/): a restarted watcher goes on here.
        CREATE TABLE watch_sources (
            source TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            last_fetch TEXT,
            last_status TEXT,
            last_error TEXT,
            new_items INTEGER NOT NULL DEFAULT 0,
            total_items INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0,
            next_poll TEXT
        );
        CREATE TABLE watch_items (
            url TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            article_id TEXT,
            etag TEXT,
            last_modified TEXT,
            sha256 TEXT,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL
        );
        CREATE INDEX watch_items_sha ON watch_items(sha256);
        """,
    ),
    (
        "0031_article_versions",
        """
        -- Earlier texts of an article and their records; articles/records hold the latest.
        CREATE TABLE article_versions (
            article_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            url TEXT,
            path TEXT,
            outlet TEXT,
            title TEXT,
            published TEXT,
            text TEXT NOT NULL,
            pipeline TEXT NOT NULL,
            ingested_at TEXT NOT NULL,
            replaced_at TEXT NOT NULL,
            PRIMARY KEY (article_id, version)
        );
        CREATE TABLE version_records (
            article_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            type TEXT NOT NULL,
            id TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (article_id, version, type, id)
        );
        """,
    ),
    (
        "0032_alerts",
        """
        -- Alert rules and what each has delivered (state: baseline, pending, delivered).
        CREATE TABLE alerts (
            name TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            value TEXT,
            story TEXT,
            target TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE alert_deliveries (
            alert TEXT NOT NULL,
            key TEXT NOT NULL,
            state TEXT NOT NULL,
            payload TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (alert, key)
        );
        """,
    ),
    (
        "0060_record_order",
        {
            # The listing order (newest article first, then article, then position) as one
            # index over the records themselves: a page of 50 is an index walk that stops after
            # 50 rows instead of a sort of every record of the type joined to its article.
            # SQLite sorts NULLs first ascending, so DESC puts undated articles last as the
            # queries ask; PostgreSQL needs it said.
            "sqlite": """
            ALTER TABLE records ADD COLUMN published TEXT;
            UPDATE records SET published =
                (SELECT a.published FROM articles a WHERE a.id = records.article_id);
            CREATE INDEX records_order ON records(type, published DESC, article_id, start, id);
            """,
            "postgresql": """
            ALTER TABLE records ADD COLUMN published TEXT;
            UPDATE records SET published =
                (SELECT a.published FROM articles a WHERE a.id = records.article_id);
            CREATE INDEX records_order
                ON records(type, published DESC NULLS LAST, article_id, start NULLS FIRST, id);
            """,
        },
    ),
]
