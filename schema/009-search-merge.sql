-- topicd schema 9: the full-text index merges in idle time, not at commit.
-- Applied once, in a transaction, when PRAGMA user_version is below 9.
-- A shipped migration is never edited: change the schema in a new file.
--
-- FTS5's automerge merged index segments at the end of every write
-- transaction, so a snapshot paid for the merges of those before it: on a
-- five-year database (two million papers) a 200-paper day took 313M
-- instructions against 126M into an empty one, 175M of it in the commit's
-- merges; without them 154M (callgrind). With automerge 0 a commit only
-- writes its own segment; topicd merges the index a little at a time when
-- its loop is idle (store_search_merge, 'merge' N), and FTS5's
-- crisismerge (16 segments on a level) still bounds the segments between.
-- Search answers are the same whatever the segments.

INSERT INTO paper_fts (paper_fts, rank) VALUES ('automerge', 0);
