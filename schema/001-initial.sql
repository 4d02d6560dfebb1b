-- topicd schema 1: sources, snapshots, papers, terms and per-day counts.
-- Applied once, in a transaction, when PRAGMA user_version is below 1.
-- A shipped migration is never edited: change the schema in a new file.
--
-- Days are integers, days since 1970-01-01 (2025-03-14 is 20161). Times
-- are Unix seconds.
--
-- What is kept at which resolution (DESIGN section 6). Five years of
-- daily arXiv-size digests are about two million papers and, per day,
-- thousands of distinct words and tens of thousands of distinct phrases,
-- most of which occur once and never again. So:
--  - every paper once (paper), every sighting of it (appearance);
--  - every word is a term; a phrase becomes a term only when a second
--    paper uses it (until then it is a 64-bit hash in phrase_once, kept
--    for the phrase horizon, 35 days by default; when it is promoted, its
--    first paper is counted on that paper's day);
--  - the document frequency of every term on a day is one packed row per
--    (day, source) in day_count, not one row per (term, day): a snapshot
--    writes a few rows whatever its vocabulary, a window is read with a
--    few dozen row reads, and the database grows by a row a day a source.
--  - raw snapshot bytes are kept in snapshot_raw, so every count can be
--    rebuilt from them; retention may delete old rows there and nowhere
--    else.

CREATE TABLE source (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL UNIQUE,
	url		TEXT,
	created		INTEGER NOT NULL
);

CREATE TABLE snapshot (
	id		INTEGER PRIMARY KEY,
	source_id	INTEGER NOT NULL REFERENCES source (id),
	fetched		INTEGER NOT NULL,	-- when it was read or fetched
	day		INTEGER,		-- digest date; NULL for an archive
	hash		TEXT NOT NULL,		-- SHA-256 of the raw bytes
	format		TEXT NOT NULL,
	origin		TEXT,			-- path or URL
	etag		TEXT,			-- HTTP validators of a 200
	last_modified	TEXT,
	entries		INTEGER NOT NULL,	-- papers it lists
	new_papers	INTEGER NOT NULL,	-- papers first seen in it
	UNIQUE (source_id, hash)
);

CREATE TABLE snapshot_raw (
	snapshot_id	INTEGER PRIMARY KEY REFERENCES snapshot (id)
			    ON DELETE CASCADE,
	bytes		BLOB NOT NULL
);

-- key: arXiv id without version, else id:GUID, url:LINK or title:HASH.
-- day: the digest date of the first snapshot that listed it.
CREATE TABLE paper (
	id		INTEGER PRIMARY KEY,
	key		TEXT NOT NULL UNIQUE,
	day		INTEGER NOT NULL,
	source_id	INTEGER NOT NULL REFERENCES source (id),
	snapshot_id	INTEGER NOT NULL REFERENCES snapshot (id),
	title		TEXT NOT NULL,
	abstract	TEXT,
	url		TEXT
);
CREATE INDEX paper_day ON paper (day);

-- Every listing of a paper in a snapshot: exposure, never a count.
CREATE TABLE appearance (
	snapshot_id	INTEGER NOT NULL REFERENCES snapshot (id),
	paper_id	INTEGER NOT NULL REFERENCES paper (id),
	rank		INTEGER,		-- position or upvotes
	PRIMARY KEY (snapshot_id, paper_id)
) WITHOUT ROWID;
CREATE INDEX appearance_paper ON appearance (paper_id);

-- key: as the tokenizer writes it ("larg languag model"); kind: 1 word,
-- 2 phrase, 3 topic; display: its commonest written form, display_n how
-- many papers of one snapshot wrote it so.
CREATE TABLE term (
	id		INTEGER PRIMARY KEY,
	key		TEXT NOT NULL UNIQUE,
	kind		INTEGER NOT NULL CHECK (kind IN (1, 2, 3)),
	display		TEXT NOT NULL,
	display_n	INTEGER NOT NULL DEFAULT 0
);

-- A day is known when it has a row here (papers may be 0): days without
-- one are unknown, never zero.
CREATE TABLE day_total (
	day		INTEGER NOT NULL,
	source_id	INTEGER NOT NULL REFERENCES source (id),
	papers		INTEGER NOT NULL,
	PRIMARY KEY (day, source_id)
) WITHOUT ROWID;

-- counts: (term id, papers) pairs, each a 32-bit little-endian integer,
-- sorted by term id: the document frequency of every term on that day.
CREATE TABLE day_count (
	day		INTEGER NOT NULL,
	source_id	INTEGER NOT NULL REFERENCES source (id),
	counts		BLOB NOT NULL,
	PRIMARY KEY (day, source_id)
) WITHOUT ROWID;

-- hashes: sorted 64-bit little-endian hashes of the keys of phrases seen
-- in exactly one paper of that day, not yet terms.
CREATE TABLE phrase_once (
	day		INTEGER NOT NULL,
	source_id	INTEGER NOT NULL REFERENCES source (id),
	hashes		BLOB NOT NULL,
	PRIMARY KEY (day, source_id)
) WITHOUT ROWID;
