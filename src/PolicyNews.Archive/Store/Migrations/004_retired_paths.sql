-- Readable paths stay valid across re-imports. A section's path segment is spelled from its
-- heading (the toneless pinyin and Latin words: wei-shen-me-deepseek-cheng-gong-le; section-N,
-- after its position, for a heading with neither; lead for the lead), and an article's comes from
-- articles.json, so a re-import that changes a heading or renames an article changes paths that
-- readers have already shared. The importer records every path it retires here; the pages
-- redirect from it to where the text is now.

CREATE TABLE retired_paths (
    article_slug      TEXT    NOT NULL,       -- the article's slug when the path was live
    section_slug      TEXT    NOT NULL,       -- '' for the article page itself
    article_id        INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    section_stable_id TEXT,                   -- the section the path showed; NULL: the article page
                                              -- (also for a section that no longer exists)
    PRIMARY KEY (article_slug, section_slug)
);

-- Section stable ids depend on the article's slug and the heading; renaming an article gives its
-- sections new ids, so /s/{id} permalinks handed out before would break. The old id is kept here,
-- pointing at the section with the same heading (or at the article when there is none).
CREATE TABLE retired_section_ids (
    stable_id         TEXT    PRIMARY KEY,
    article_id        INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    section_stable_id TEXT                    -- NULL: the article page
);
