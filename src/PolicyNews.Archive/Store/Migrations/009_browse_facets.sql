-- Paged, faceted browsing (issue 13): the archive listing filters by source, document type, date,
-- tag and tag kind, and shows for each facet how many articles the rest of the selection leaves.
-- Every count and page is an indexed query; none reads article rows beyond its page. EXPLAIN QUERY
-- PLAN on a generated archive of 10,000 articles: page 1 scans articles_by_published and stops after
-- the page; a source or type filter (with dates) searches its own index; counts and the source, type
-- and year facets read covering indexes; unfiltered tag and kind counts read article_tags alone.

-- The document type from articles.json (Store/ArticleTypes.cs); an archive imported before it
-- holds news reports until its next import of articles.json says otherwise.
ALTER TABLE articles ADD COLUMN type TEXT NOT NULL DEFAULT 'news'
    CHECK (type IN ('news', 'commentary', 'policy-document', 'speech', 'interview'));

-- A filter on source or type reads its own index in newest-first order and stops after the page.
-- The trailing column makes each index cover the other facets' counts under that filter (types of
-- one source, sources of one type, years of either), so counting reads no article row.
CREATE INDEX articles_by_source ON articles(source, published DESC, id DESC, type);
CREATE INDEX articles_by_type ON articles(type, published DESC, id DESC, source);

-- Tags belong to sections; browsing filters and counts articles. This table is the union of an
-- article's section tags, kept by the importer (TagWriter.Link) for every article whose links it
-- touches, so no request joins section_tags with sections to find an article's tags.
CREATE TABLE article_tags (
    tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (tag_id, article_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_by_article ON article_tags(article_id, tag_id);

INSERT INTO article_tags (tag_id, article_id)
SELECT DISTINCT st.tag_id, s.article_id
FROM section_tags st JOIN sections s ON s.id = st.section_id;
