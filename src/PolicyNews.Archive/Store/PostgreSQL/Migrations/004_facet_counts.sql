-- SQLite's 011_facet_counts: the facet counts over the whole archive, refreshed by every import
-- that writes (Store/FacetCounts.cs); empty until the next import.
CREATE TABLE facet_counts (
    facet       text COLLATE "C" NOT NULL,
    value_key   text COLLATE "C" NOT NULL,
    value_label text COLLATE "C" NOT NULL,
    value_kind  text COLLATE "C",
    articles    bigint NOT NULL,
    PRIMARY KEY (facet, value_key)
);
