-- topicd schema 8: a day's counts may come in two parts.
-- Applied once, in a transaction, when PRAGMA user_version is below 8.
-- A shipped migration is never edited: change the schema in a new file.
--
-- When a second paper makes a phrase a term, its first paper is counted
-- on that paper's own, earlier day. Merging that one count into the
-- day's packed row rewrote the whole row (~100 KiB on an arXiv-size
-- day), for each earlier day touched: on five years of history a tenth of
-- a daily snapshot's time. Such late counts now go to a small second row
-- of the day (part 1); the day's main row (part 0) is written once. A
-- reader sums every row of a day, as it already did across sources. Same
-- meaning as in 001-initial.sql otherwise.

CREATE TABLE day_count_new (
	id		INTEGER PRIMARY KEY,
	day		INTEGER NOT NULL,
	source_id	INTEGER NOT NULL REFERENCES source (id),
	part		INTEGER NOT NULL DEFAULT 0 CHECK (part BETWEEN 0 AND 1),
	counts		BLOB NOT NULL,
	UNIQUE (day, source_id, part)
);
INSERT INTO day_count_new (id, day, source_id, part, counts)
    SELECT id, day, source_id, 0, counts FROM day_count ORDER BY id;
DROP TABLE day_count;
ALTER TABLE day_count_new RENAME TO day_count;
