-- The import generation: one number that every import run which wrote anything raises, in its own
-- transaction, with the time of that run. The web host keys its output cache and its validators
-- (ETag, Last-Modified) on it, so an import becomes visible without a restart, also one run by the
-- command-line importer in another process (docs/operations.md#caching-and-compression). A run that
-- changes nothing leaves it alone, so re-importing unchanged seeds keeps every cached page and
-- every validator a browser holds.

CREATE TABLE import_generation (
    id         INTEGER PRIMARY KEY CHECK (id = 1),   -- exactly one row
    generation INTEGER NOT NULL,                     -- 0: nothing imported yet
    changed_at TEXT    NOT NULL                      -- UTC, yyyy-MM-ddTHH:mm:ssZ (as source_files.imported_at)
);

-- An archive that already holds articles starts at generation 1, dated by its latest import.
INSERT INTO import_generation (id, generation, changed_at)
SELECT 1,
       CASE WHEN EXISTS (SELECT 1 FROM source_files) THEN 1 ELSE 0 END,
       COALESCE((SELECT max(imported_at) FROM source_files), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
