-- PostgreSQL only: the pinyin forms counted too (migration 006), so a pinyin search in more sections
-- than the exact limit is not counted. Counting up to 2,001 hits of `touru` read the GIN bitmaps of
-- all five forms it is looked up in and then 2,001 rows: 9 ms of the search's 22 ms in the server,
-- on 100,014 sections (docs/search.md, "Pinyin past the limit without counting").
--
-- One syllable is looked up in `pinyin`, two in `pinyin_pairs`, three in `pinyin_triples` (as one
-- lexeme each, in the usual reading): every section holding it is a hit, so the most sections of
-- these is a floor for the hits. Only search_sections' forms: the heading matches of pinyin are few
-- and cheap to count.

-- The lexemes of each row read with tsvector_to_array, not unnest: unnest builds every lexeme's
-- positions and weights too, which the count does not need (2.5 s against 4.8–9.1 s for the words,
-- pairs and pinyin pairs of 20,000 sections), and the trigger runs inside every import.
CREATE OR REPLACE FUNCTION count_search_lexemes() RETURNS trigger LANGUAGE plpgsql AS $$
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
        CROSS JOIN LATERAL unnest(tsvector_to_array(f.vector)) u(lexeme)
        GROUP BY f.form, u.lexeme
        ON CONFLICT (form, lexeme) DO UPDATE SET sections = c.sections + EXCLUDED.sections
        $sql$, changes, forms);
    RETURN NULL;
END $$;

DROP TRIGGER search_sections_added ON search_sections;
DROP TRIGGER search_sections_removed ON search_sections;
DROP TRIGGER search_sections_changed ON search_sections;

CREATE TRIGGER search_sections_added AFTER INSERT ON search_sections REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION count_search_lexemes('', 'words', 'pairs', 'triples', 'labels', 'label_pairs', 'label_triples',
                                                             'pinyin', 'pinyin_pairs', 'pinyin_triples');
CREATE TRIGGER search_sections_removed AFTER DELETE ON search_sections REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION count_search_lexemes('', 'words', 'pairs', 'triples', 'labels', 'label_pairs', 'label_triples',
                                                             'pinyin', 'pinyin_pairs', 'pinyin_triples');
CREATE TRIGGER search_sections_changed AFTER UPDATE ON search_sections REFERENCING OLD TABLE AS removed NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION count_search_lexemes('', 'words', 'pairs', 'triples', 'labels', 'label_pairs', 'label_triples',
                                                             'pinyin', 'pinyin_pairs', 'pinyin_triples');

CREATE OR REPLACE VIEW search_lexeme_recount AS
SELECT f.form COLLATE "C" AS form, u.lexeme COLLATE "C" AS lexeme, CAST(count(*) AS integer) AS sections
FROM search_sections r
CROSS JOIN LATERAL (VALUES ('words', r.words), ('pairs', r.pairs), ('triples', r.triples),
                           ('labels', r.labels), ('label_pairs', r.label_pairs), ('label_triples', r.label_triples),
                           ('pinyin', r.pinyin), ('pinyin_pairs', r.pinyin_pairs), ('pinyin_triples', r.pinyin_triples)) f(form, vector)
CROSS JOIN LATERAL unnest(f.vector) u
GROUP BY f.form, u.lexeme
UNION ALL
SELECT f.form COLLATE "C", u.lexeme COLLATE "C", CAST(count(*) AS integer)
FROM search_headings r
CROSS JOIN LATERAL (VALUES ('heading_words', r.words), ('heading_pairs', r.pairs), ('heading_triples', r.triples)) f(form, vector)
CROSS JOIN LATERAL unnest(f.vector) u
GROUP BY f.form, u.lexeme;

INSERT INTO search_lexeme_sections (form, lexeme, sections)
SELECT form, lexeme, sections FROM search_lexeme_recount WHERE form LIKE 'pinyin%';
