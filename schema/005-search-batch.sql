-- topicd schema 5: the full-text index is filled once per transaction.
-- Applied once, in a transaction, when PRAGMA user_version is below 5.
-- A shipped migration is never edited: change the schema in a new file.
--
-- 002's paper_fts_insert indexed each paper as its row was inserted. FTS5
-- writes its pending terms out at every statement's savepoint, so that
-- trigger wrote one small index segment per paper and merged them: 40% of
-- an archive's ingest. The store now indexes the papers a transaction
-- added with one INSERT ... SELECT just before it commits (store_commit in
-- daemon/store.c), so the index still changes with the papers, atomically.
-- The delete and update triggers stay: those are rare.

DROP TRIGGER paper_fts_insert;
