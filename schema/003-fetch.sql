-- topicd schema 3: what the daemon needs to fetch politely and report
-- each source's health. (2 is the search index.)

-- One row a fetch attempt: its outcome, for reports and for debugging.
-- outcome: stored, unchanged (same bytes as a stored snapshot),
-- not-modified (HTTP 304), failed (no usable response), parse-error.
CREATE TABLE fetch (
	id		INTEGER PRIMARY KEY,
	source_id	INTEGER NOT NULL REFERENCES source (id),
	started		INTEGER NOT NULL,
	seconds		REAL,
	status		INTEGER,		-- HTTP status, 0 for file://
	outcome		TEXT NOT NULL CHECK (outcome IN ('stored',
			    'unchanged', 'not-modified', 'failed',
			    'parse-error')),
	snapshot_id	INTEGER REFERENCES snapshot (id),
	error		TEXT
);
CREATE INDEX fetch_source ON fetch (source_id, started);

-- The HTTP validators of a source's last 200, for conditional requests.
CREATE TABLE source_state (
	source_id	INTEGER PRIMARY KEY REFERENCES source (id),
	etag		TEXT,
	last_modified	TEXT
);
