-- The archive: source files, the articles made from them, their sections and blocks, and what the
-- pipeline recorded while cleaning them. Only the importer writes these tables.

CREATE TABLE source_files (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT    NOT NULL UNIQUE,      -- bare file name: the key of seeds/articles.json, so a
                                              -- file keeps its article whichever folder it is read from
    sha256      TEXT    NOT NULL,
    bytes       INTEGER NOT NULL,
    encoding    TEXT    NOT NULL,             -- what the decoder found: utf-8, utf-16le, gb18030 …
    imported_at TEXT    NOT NULL              -- ISO 8601 UTC
);

CREATE TABLE articles (
    id             INTEGER PRIMARY KEY,
    source_file_id INTEGER NOT NULL UNIQUE REFERENCES source_files(id) ON DELETE CASCADE,
    slug           TEXT    NOT NULL UNIQUE,   -- readable, from the metadata file
    title          TEXT    NOT NULL,
    title_derived  INTEGER NOT NULL DEFAULT 0, -- 1 when no metadata gave a title
    source         TEXT,                      -- publication, e.g. 中國科學報
    published      TEXT,                      -- ISO date, as precise as known (2025-03 or 2025-03-10)
    author         TEXT,                      -- reporter or author
    author_note    TEXT,                      -- the source's own 作者為… line
    editor         TEXT,
    url            TEXT,
    script         TEXT    NOT NULL DEFAULT 'zh-Hant',
    summary        TEXT                       -- the lead's first paragraph, for cards and feeds
);
CREATE INDEX articles_by_published ON articles(published DESC, id DESC);  -- the newest-first list

CREATE TABLE sections (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ordinal    INTEGER NOT NULL,              -- 0 = lead
    heading    TEXT,                          -- NULL for the lead
    stable_id  TEXT    NOT NULL UNIQUE,       -- short id that survives re-imports, e.g. s3f9a2c
    slug       TEXT    NOT NULL,              -- readable path segment, unique per article
    UNIQUE (article_id, ordinal),
    UNIQUE (article_id, slug)
);

CREATE TABLE paragraphs (
    id          INTEGER PRIMARY KEY,
    section_id  INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,             -- order within the section
    kind        TEXT    NOT NULL CHECK (kind IN ('paragraph', 'item')),
    item_number INTEGER,                      -- for list items: the source's own number
    stable_id   TEXT    NOT NULL UNIQUE,      -- p + hash of article slug and text; the anchor
    text        TEXT    NOT NULL,
    UNIQUE (section_id, ordinal)
);

CREATE TABLE annotations (
    id           INTEGER PRIMARY KEY,
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    offset       INTEGER NOT NULL,            -- UTF-16 offset in paragraphs.text
    character    TEXT    NOT NULL,
    reading      TEXT    NOT NULL             -- toned pinyin as the source wrote it
);
CREATE INDEX annotations_by_paragraph ON annotations(paragraph_id, offset);

CREATE TABLE repairs (
    id           INTEGER PRIMARY KEY,
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    offset       INTEGER NOT NULL,
    length       INTEGER NOT NULL,
    original     TEXT    NOT NULL,            -- the damaged span as the source held it
    replacement  TEXT    NOT NULL,            -- what the clean text holds there
    confidence   TEXT    NOT NULL CHECK (confidence IN ('certain', 'partial')),
    lost_bytes   INTEGER NOT NULL DEFAULT 0,
    note         TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX repairs_by_paragraph ON repairs(paragraph_id, offset);

CREATE TABLE tags (
    id      INTEGER PRIMARY KEY,
    slug    TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL,                    -- Traditional, as the archive writes it
    kind    TEXT NOT NULL CHECK (kind IN ('topic', 'person', 'organisation', 'place')),
    aliases TEXT NOT NULL DEFAULT ''          -- '|'-separated, both scripts
);

CREATE TABLE section_tags (
    section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (section_id, tag_id)
);
CREATE INDEX section_tags_by_tag ON section_tags(tag_id);
