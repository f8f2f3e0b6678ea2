-- Tag matching, second version (docs/data-pipeline.md, "seeds/tags.json"): terms are compared
-- folded (scripts and variants), the longest match of any tag's term wins, and a tag may list
-- contexts its terms do not count in ("exclude": 兩會 does not count inside 省兩會). The
-- exclusions are kept here, '|'-separated like aliases, because the importer retags sections from
-- the stored tags whenever an article is rewritten.
--
-- NULL marks a row written by the first version. The importer's tag sync sees such a row as
-- changed, rewrites it and retags every section, so an existing archive is retagged under the new
-- rules by its next import of tags.json, even when neither the taxonomy nor an article changed.
ALTER TABLE tags ADD COLUMN excludes TEXT;
