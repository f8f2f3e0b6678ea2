-- PostgreSQL only: each index row carries its section's place in the archive's order (the article's
-- date and id, the section's ordinal), so the ranked page of a search sorts its hits without looking
-- each one's section and article up: 7.5 ms of the 54 ms `其母公 技領域` took to rank its 1,786 hits
-- (docs/search.md, "The ranked page sorts by the row's own keys").
--
-- The importer writes them with the rest of the row (Search/PostgresSearchIndex) and re-indexes
-- every article it writes or whose metadata it changes, so they follow the articles; the tests hold
-- them equal to the sections and articles through every kind of change.

-- The rows already indexed are filled as generated columns, rewriting the table once in its own
-- order, then the columns become plain (as in 007 and 009). An UPDATE instead wrote every row anew
-- at the table's end, out of section order, and every GIN index again: on 100,014 sections 155 s,
-- and pinyin searches past the limit, which walk the newest sections, 4× slower until a CLUSTER.
-- These functions read other tables, so they are not immutable: they only run during this rewrite.
CREATE FUNCTION search_section_published(section bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT a.published FROM sections s JOIN articles a ON a.id = s.article_id WHERE s.id = section
$$;
CREATE FUNCTION search_section_article(section bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
    SELECT article_id FROM sections WHERE id = section
$$;
CREATE FUNCTION search_section_ordinal(section bigint) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
    SELECT ordinal FROM sections WHERE id = section
$$;

ALTER TABLE search_sections
    ADD COLUMN published  text COLLATE "C" GENERATED ALWAYS AS (search_section_published(section_id)) STORED,
    ADD COLUMN article_id bigint           GENERATED ALWAYS AS (search_section_article(section_id)) STORED,
    ADD COLUMN ordinal    integer          GENERATED ALWAYS AS (search_section_ordinal(section_id)) STORED;
ALTER TABLE search_sections
    ALTER COLUMN published DROP EXPRESSION,
    ALTER COLUMN article_id DROP EXPRESSION,
    ALTER COLUMN ordinal DROP EXPRESSION;
DROP FUNCTION search_section_published(bigint), search_section_article(bigint), search_section_ordinal(bigint);

ALTER TABLE search_sections ALTER COLUMN article_id SET NOT NULL, ALTER COLUMN ordinal SET NOT NULL;
