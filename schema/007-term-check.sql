-- topicd schema 7: term's kind check without an IN list.
-- Applied once, in a transaction, when PRAGMA user_version is below 7.
-- A shipped migration is never edited: change the schema in a new file.
--
-- SQLite evaluates CHECK (kind IN (1, 2, 3)) by building a temporary
-- b-tree of the three values for every row it writes: about 42,000
-- instructions a new term, 30% of an archive's ingest (callgrind). The
-- same rule as a range costs two comparisons. Same columns, same ids,
-- same meaning as in 001-initial.sql.

CREATE TABLE term_new (
	id		INTEGER PRIMARY KEY,
	key		TEXT NOT NULL UNIQUE,
	kind		INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 3),
	display		TEXT NOT NULL,
	display_n	INTEGER NOT NULL DEFAULT 0
);
INSERT INTO term_new (id, key, kind, display, display_n)
    SELECT id, key, kind, display, display_n FROM term ORDER BY id;
DROP TABLE term;
ALTER TABLE term_new RENAME TO term;
