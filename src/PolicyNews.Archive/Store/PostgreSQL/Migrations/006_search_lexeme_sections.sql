-- PostgreSQL only: how many sections hold each lexeme of the text forms, so a search can tell that
-- a one- or two-character term has more hits than it counts exactly without counting them. GIN
-- hands over a lexeme's matches only as a whole bitmap, so counting up to 2,001 hits of 技 built
-- the bitmaps of all 96,106 sections holding it and of the 91,740 whose labels do (24 ms of a
-- 26 ms search on 100,497 sections; docs/search.md, "Where one character's time goes").
--
-- Kept by statement triggers on the two index tables, inside the writing transaction, so the
-- numbers are those of the rows a reader's snapshot sees, whatever writes the rows (the importer's
-- COPY, a rebuild, a section's cascaded delete). A lexeme no section holds any more keeps a row
-- of 0. form: the column ('words', 'pairs', 'labels', 'label_pairs') of search_sections, or
-- 'heading_' and the column of search_headings.
CREATE TABLE search_lexeme_sections (
    form     text COLLATE "C" NOT NULL,
    lexeme   text COLLATE "C" NOT NULL,
    sections integer NOT NULL,
    PRIMARY KEY (form, lexeme)
);

-- TG_ARGV[0]: the prefix of the form names; the other arguments: the counted columns. The rows
-- the statement removed (old) count -1 per section, the rows it added (new) +1.
CREATE FUNCTION count_search_lexemes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    forms text := (SELECT string_agg(format('(%L, r.%I)', TG_ARGV[0] || c, c), ', ')
                   FROM unnest(TG_ARGV[1:]) c);
    changes text := concat_ws(' UNION ALL ',
        CASE WHEN TG_OP <> 'INSERT' THEN 'SELECT -1 AS n, r.* FROM removed r' END,
        CASE WHEN TG_OP <> 'DELETE' THEN 'SELECT 1 AS n, r.* FROM added r' END);
BEGIN
    EXECUTE format($sql$
        INSERT INTO search_lexeme_sections AS c (form, lexeme, sections)
        SELECT f.form, u.lexeme, sum(r.n)
        FROM (%s) r
        CROSS JOIN LATERAL (VALUES %s) f(form, vector)
        CROSS JOIN LATERAL unnest(f.vector) u
        GROUP BY f.form, u.lexeme
        ON CONFLICT (form, lexeme) DO UPDATE SET sections = c.sections + EXCLUDED.sections
        $sql$, changes, forms);
    RETURN NULL;
END $$;

CREATE TRIGGER search_sections_added AFTER INSERT ON search_sections REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION count_search_lexemes('', 'words', 'pairs', 'labels', 'label_pairs');
CREATE TRIGGER search_sections_removed AFTER DELETE ON search_sections REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION count_search_lexemes('', 'words', 'pairs', 'labels', 'label_pairs');
CREATE TRIGGER search_sections_changed AFTER UPDATE ON search_sections REFERENCING OLD TABLE AS removed NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION count_search_lexemes('', 'words', 'pairs', 'labels', 'label_pairs');
CREATE TRIGGER search_headings_added AFTER INSERT ON search_headings REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION count_search_lexemes('heading_', 'words', 'pairs');
CREATE TRIGGER search_headings_removed AFTER DELETE ON search_headings REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION count_search_lexemes('heading_', 'words', 'pairs');
CREATE TRIGGER search_headings_changed AFTER UPDATE ON search_headings REFERENCING OLD TABLE AS removed NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION count_search_lexemes('heading_', 'words', 'pairs');

-- The counts recomputed from the rows: fill the table once here (the rows already indexed), and let
-- a check compare (tests/…/PostgresSearchIndexTests).
CREATE VIEW search_lexeme_recount AS
SELECT f.form COLLATE "C" AS form, u.lexeme COLLATE "C" AS lexeme, CAST(count(*) AS integer) AS sections
FROM search_sections r
CROSS JOIN LATERAL (VALUES ('words', r.words), ('pairs', r.pairs), ('labels', r.labels), ('label_pairs', r.label_pairs)) f(form, vector)
CROSS JOIN LATERAL unnest(f.vector) u
GROUP BY f.form, u.lexeme
UNION ALL
SELECT f.form COLLATE "C", u.lexeme COLLATE "C", CAST(count(*) AS integer)
FROM search_headings r
CROSS JOIN LATERAL (VALUES ('heading_words', r.words), ('heading_pairs', r.pairs)) f(form, vector)
CROSS JOIN LATERAL unnest(f.vector) u
GROUP BY f.form, u.lexeme;

INSERT INTO search_lexeme_sections (form, lexeme, sections) SELECT form, lexeme, sections FROM search_lexeme_recount;
