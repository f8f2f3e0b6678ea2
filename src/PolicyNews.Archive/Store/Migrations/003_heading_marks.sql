-- Pinyin annotations and repairs inside section headings. 001 keyed them to paragraphs only, so a
-- heading's own annotations were dropped; these tables mirror annotations and repairs for headings
-- (offsets are UTF-16 offsets into sections.heading). A database migrated from 002 gets rows here
-- when its articles are next rewritten: unchanged source files are skipped by the importer, so
-- rebuild the database (docs/operations.md) to fill them for articles already stored.

CREATE TABLE heading_annotations (
    id         INTEGER PRIMARY KEY,
    section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    offset     INTEGER NOT NULL,
    character  TEXT    NOT NULL,
    reading    TEXT    NOT NULL
);
CREATE INDEX heading_annotations_by_section ON heading_annotations(section_id, offset);

CREATE TABLE heading_repairs (
    id          INTEGER PRIMARY KEY,
    section_id  INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    offset      INTEGER NOT NULL,
    length      INTEGER NOT NULL,
    original    TEXT    NOT NULL,
    replacement TEXT    NOT NULL,
    confidence  TEXT    NOT NULL CHECK (confidence IN ('certain', 'partial')),
    lost_bytes  INTEGER NOT NULL DEFAULT 0,
    note        TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX heading_repairs_by_section ON heading_repairs(section_id, offset);
