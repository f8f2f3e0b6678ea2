-- The archive listing's facet counts over the whole archive, kept by the importer (issue 13:
-- "counts from indexed queries or counters kept by the importer"). Unfiltered, the tag-kind count
-- (COUNT(DISTINCT article_id) over every article_tags row) and the tag count read every link:
-- 1.04 s for the first render of home at 100,000 articles. Each import that writes refreshes this
-- table in its transaction (Store/FacetCounts.cs), and ListingStore reads a facet from here whenever
-- the rest of the selection is empty. Filled by the next import: until then (an archive migrated in
-- place) the table is empty and the listing counts as before.
CREATE TABLE facet_counts (
    facet       TEXT    NOT NULL,   -- source, type, year, tag, kind (FacetCounts.Name)
    value_key   TEXT    NOT NULL,
    value_label TEXT    NOT NULL,
    value_kind  TEXT,               -- a tag's kind
    articles    INTEGER NOT NULL,
    PRIMARY KEY (facet, value_key)
) WITHOUT ROWID;
