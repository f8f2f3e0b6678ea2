-- SQLite's 009_browse_facets: the document type, the facet indexes and article_tags (the union
-- of an article's section tags, kept by the importer), so browsing counts read indexes only.
ALTER TABLE articles ADD COLUMN type text COLLATE "C" NOT NULL DEFAULT 'news'
    CHECK (type IN ('news', 'commentary', 'policy-document', 'speech', 'interview'));

CREATE INDEX articles_by_source ON articles(source, published DESC, id DESC, type);
CREATE INDEX articles_by_type ON articles(type, published DESC, id DESC, source);

CREATE TABLE article_tags (
    tag_id     bigint NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    article_id bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (tag_id, article_id)
);
CREATE INDEX article_tags_by_article ON article_tags(article_id, tag_id);

INSERT INTO article_tags (tag_id, article_id)
SELECT DISTINCT st.tag_id, s.article_id
FROM section_tags st JOIN sections s ON s.id = st.section_id;
