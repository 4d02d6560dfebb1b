-- topicd schema 6: day_count and phrase_once become rowid tables.
-- Applied once, in a transaction, when PRAGMA user_version is below 6.
-- A shipped migration is never edited: change the schema in a new file.
--
-- Both tables hold one large blob a row (a day's counts: ~100 KiB on an
-- arXiv-size day). As WITHOUT ROWID tables the blob was part of the
-- b-tree's records, and SQLite reads a record whole, overflow pages and
-- all, to compare its key: finding or inserting one day read the blobs of
-- every row on the search path, so a daily snapshot cost more as years
-- of days piled up. In a rowid table the blob sits in the table's leaf
-- and overflow pages only; the (day, source_id) key lives in its own small
-- unique index, which is searched without touching any blob. Same
-- columns, same meaning as in 001-initial.sql.

CREATE TABLE day_count_new (
	id		INTEGER PRIMARY KEY,
	day		INTEGER NOT NULL,
	source_id	INTEGER NOT NULL REFERENCES source (id),
	counts		BLOB NOT NULL,
	UNIQUE (day, source_id)
);
INSERT INTO day_count_new (day, source_id, counts)
    SELECT day, source_id, counts FROM day_count ORDER BY day, source_id;
DROP TABLE day_count;
ALTER TABLE day_count_new RENAME TO day_count;

CREATE TABLE phrase_once_new (
	id		INTEGER PRIMARY KEY,
	day		INTEGER NOT NULL,
	source_id	INTEGER NOT NULL REFERENCES source (id),
	hashes		BLOB NOT NULL,
	UNIQUE (day, source_id)
);
INSERT INTO phrase_once_new (day, source_id, hashes)
    SELECT day, source_id, hashes FROM phrase_once ORDER BY day, source_id;
DROP TABLE phrase_once;
ALTER TABLE phrase_once_new RENAME TO phrase_once;
