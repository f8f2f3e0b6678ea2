-- The break token "¦" is no lexeme any more, as in FTS5: its unicode61 tokenizer reads the symbol as
-- a separator, leaving no token and no position, so a phrase of lone characters or a closeness
-- crosses punctuation there, and PostgreSQL, which kept "¦" as a lexeme at a position of its own,
-- found other sections (docs/search.md, "Known limits" until 2026-12-04). With the breaks gone,
-- neighbouring lexemes no longer always overlap: the last pair before punctuation and the first
-- after it are neighbours too. So the neighbour forms join only overlapping pairs (exactly where
-- FTS5's phrase of the two would match), and the runs are chains of overlapping pairs, read from
-- the pairs forms (the words form no longer says where punctuation stood).
--
-- The functions below say what Search/PostgresSearchIndex makes in C# (PostgresSearchTests holds the
-- two equal). Rows indexed before this migration keep their break lexemes until the archive's index
-- is made again: run the importer's `reindex` once (docs/postgresql.md).

CREATE OR REPLACE FUNCTION search_triples(pairs tsvector) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    WITH han AS (
        SELECT u.lexeme, p.position, p.weight
        FROM unnest(pairs) u, unnest(u.positions, u.weights) p(position, weight)
        -- Two Han characters (Chinese/Han.IsCharacter): a Latin word of two letters is no pair.
        WHERE u.lexeme ~ '^[\u3005\u3007\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\U00020000-\U0003FFFF]{2}$')
    SELECT COALESCE(string_agg(format('''%s'':%s%s', a.lexeme || right(b.lexeme, 1), a.position, a.weight), ' ')::tsvector, '')
    FROM han a JOIN han b ON b.position = a.position + 1 AND left(b.lexeme, 1) = right(a.lexeme, 1)
$$;

CREATE OR REPLACE FUNCTION search_pinyin_triples(pinyin_pairs tsvector) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    WITH pair AS (
        SELECT u.lexeme, p.position, p.weight
        FROM unnest(pinyin_pairs) u, unnest(u.positions, u.weights) p(position, weight)
        WHERE u.lexeme LIKE '%\_%')
    SELECT COALESCE(string_agg(format('''%s'':%s%s', a.lexeme || '_' || split_part(b.lexeme, '_', 2), a.position, a.weight), ' ')::tsvector, '')
    FROM pair a JOIN pair b ON b.position = a.position + 1 AND split_part(b.lexeme, '_', 1) = split_part(a.lexeme, '_', 2)
$$;

-- Now over the pairs forms: dropped and made again, as its arguments change names.
DROP FUNCTION search_runs(tsvector, tsvector);
CREATE FUNCTION search_runs(pairs tsvector, label_pairs tsvector) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    WITH form AS (
        SELECT 0 AS field, pairs AS vector
        UNION ALL
        SELECT 1, label_pairs),
    han AS (
        SELECT f.field, u.lexeme, p.position
        FROM form f, unnest(f.vector) u, unnest(u.positions) p(position)
        -- A pair of Han characters, or a lone one.
        WHERE u.lexeme ~ '^[\u3005\u3007\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\U00020000-\U0003FFFF]{1,2}$'),
    placed AS (
        SELECT field, lexeme, position,
               lag(lexeme) OVER w AS previous, lag(position) OVER w AS previous_position
        FROM han WINDOW w AS (PARTITION BY field ORDER BY position))
    SELECT COALESCE(string_agg(
        CASE WHEN length(lexeme) = 2 AND length(previous) = 2 AND previous_position = position - 1
                  AND left(lexeme, 1) = right(previous, 1)
             THEN right(lexeme, 1) ELSE ' ' || lexeme END, '' ORDER BY field, position), '')
    FROM placed
$$;
