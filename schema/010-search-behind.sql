-- topicd schema 10: the full-text index may lag the papers, never be wrong.
-- Applied once, in a transaction, when PRAGMA user_version is below 10.
-- A shipped migration is never edited: change the schema in a new file.
--
-- Until now every write transaction indexed its new papers just before it
-- committed (005), so each snapshot the daemon stored waited for FTS5.
-- search_state.indexed_to is the highest paper id the index holds: every
-- paper with an id up to it is indexed, none above it is. The papers above
-- it are indexed in id order by store_search_catch_up, which raises
-- indexed_to in the same transaction as the rows it indexes: in the
-- writer's own transaction before it commits (topic ingest, backfill,
-- rebuild: the index is whole when they exit), or in a transaction of its
-- own when topicd is idle, a second or so after a snapshot (and at start,
-- which catches up after a crash). topic search says how many papers the
-- index lacks.
--
-- The delete and update triggers touch the index only for papers it holds
-- (FTS5 must be told the very values it indexed). Deleting the paper
-- indexed_to names lowers it to the next indexed id below, so that the
-- paper indexed_to names always exists and a new one, which SQLite gives
-- max(id) + 1, is never taken for indexed. One trigger does both, in
-- that order: SQLite does not promise an order between triggers.

CREATE TABLE search_state (
	indexed_to	INTEGER NOT NULL
);
INSERT INTO search_state SELECT coalesce(max(id), 0) FROM paper;

DROP TRIGGER paper_fts_delete;
DROP TRIGGER paper_fts_update;

CREATE TRIGGER paper_fts_delete AFTER DELETE ON paper
WHEN old.id <= (SELECT indexed_to FROM search_state) BEGIN
	INSERT INTO paper_fts (paper_fts, rowid, title, abstract)
	    VALUES ('delete', old.id, old.title, old.abstract);
	UPDATE search_state SET indexed_to =
	    (SELECT coalesce(max(id), 0) FROM paper WHERE id < old.id)
	    WHERE indexed_to = old.id;
END;

CREATE TRIGGER paper_fts_update AFTER UPDATE OF title, abstract ON paper
WHEN old.id <= (SELECT indexed_to FROM search_state) BEGIN
	INSERT INTO paper_fts (paper_fts, rowid, title, abstract)
	    VALUES ('delete', old.id, old.title, old.abstract);
	INSERT INTO paper_fts (rowid, title, abstract)
	    VALUES (new.id, new.title, new.abstract);
END;
