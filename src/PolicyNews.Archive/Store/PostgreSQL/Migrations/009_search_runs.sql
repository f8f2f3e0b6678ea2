-- PostgreSQL only: each section's runs of Han characters as plain text, kept in the row, to check a
-- phrase of four characters or more and an exclusion without reading a tsvector.
--
-- GIN keeps no positions, so such a phrase was answered by reading every candidate's pairs tsvector
-- (kilobytes, compressed, kept out of line in TOAST) for its positions, and an exclusion by reading
-- its forms to see that the term is not there. Counting 2,001 hits of 各方面都给予 read 10,580 buffers
-- in 30 ms, where its pairs alone, in any order (GIN, no row checked), took 7 ms (docs/search.md,
-- "Built: runs").
--
-- runs: every run of consecutive Han characters of the words forms of the heading, the body and the
-- labels (a run is what the pairs form pairs up: punctuation, a Latin word or another field ends it),
-- each after a space. A phrase of Han characters is in a section exactly when `runs LIKE '%phrase%'`;
-- stored as MAIN, so it stays in the row rather than in TOAST.
--
-- The importer makes it in C# (Search/PostgresSearchIndex.Runs); this function fills the rows already
-- indexed from their words and labels forms, and the tests hold the two equal. Like migration 007's
-- triples, they can differ only where PostgreSQL drops positions (after the 256th of a lexeme, past
-- position 16,383), where the pairs' phrase check itself fails.
CREATE FUNCTION search_runs(words tsvector, labels tsvector) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    WITH form AS (
        SELECT 0 AS field, words AS vector
        UNION ALL
        SELECT 1, labels),
    han AS (
        SELECT f.field, u.lexeme, p.position
        FROM form f, unnest(f.vector) u, unnest(u.positions) p(position)
        -- One Han character (Chinese/Han.IsCharacter), as in migration 007.
        WHERE u.lexeme ~ '^[\u3005\u3007\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\U00020000-\U0003FFFF]$'),
    placed AS (
        SELECT field, lexeme, position, lag(position) OVER (PARTITION BY field ORDER BY position) AS previous FROM han)
    SELECT COALESCE(string_agg(CASE WHEN previous = position - 1 THEN '' ELSE ' ' END || lexeme, '' ORDER BY field, position), '')
    FROM placed
$$;

-- Filled as a generated column, rewriting the table once, then a plain column (as in 007).
ALTER TABLE search_sections
    ADD COLUMN runs text COLLATE "C" NOT NULL GENERATED ALWAYS AS (search_runs(words, labels)) STORED,
    ALTER COLUMN runs SET STORAGE MAIN;
ALTER TABLE search_sections ALTER COLUMN runs DROP EXPRESSION;
