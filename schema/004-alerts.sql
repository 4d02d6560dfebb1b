-- topicd schema 4: alert rules' states, their history, and the outbox of
-- notifications not yet delivered (DESIGN section 5, issue 7).
--
-- An alert is one rule (an [alert NAME] section) on one watched item
-- ("term:mamba", "topic:LLM"). Its state changes, its history and the
-- notifications they cause are written in one transaction; delivery
-- comes after, from the outbox, so a failed or slow delivery never loses
-- a state change and a crash never sends one twice from memory.

-- status: inactive, pending, firing, resolved (Prometheus's states).
-- streak / calm: qualifying / calm days in a row; day, qual_day and
-- calm_day: the last day evaluated and counted (days since 1970-01-01);
-- since, started, notified: Unix times (status entered, firing began,
-- last notice). count, papers, expected, p: the last evaluation.
CREATE TABLE alert_state (
	rule		TEXT NOT NULL,
	item		TEXT NOT NULL,
	status		TEXT NOT NULL CHECK (status IN ('inactive', 'pending',
			    'firing', 'resolved')),
	streak		INTEGER NOT NULL,
	calm		INTEGER NOT NULL,
	day		INTEGER,
	qual_day	INTEGER,
	calm_day	INTEGER,
	since		INTEGER NOT NULL,
	started		INTEGER NOT NULL,
	notified	INTEGER NOT NULL,
	count		INTEGER NOT NULL,
	papers		INTEGER NOT NULL,
	expected	REAL NOT NULL,
	p		REAL NOT NULL,
	PRIMARY KEY (rule, item)
) WITHOUT ROWID;

-- Every state change and repeat: event is pending, inactive, firing,
-- repeat or resolved; day is the digest day it was judged on.
CREATE TABLE alert_history (
	id		INTEGER PRIMARY KEY,
	rule		TEXT NOT NULL,
	item		TEXT NOT NULL,
	at		INTEGER NOT NULL,
	day		INTEGER NOT NULL,
	event		TEXT NOT NULL CHECK (event IN ('pending', 'inactive',
			    'firing', 'repeat', 'resolved')),
	count		INTEGER NOT NULL,
	papers		INTEGER NOT NULL,
	expected	REAL NOT NULL,
	p		REAL NOT NULL
);
CREATE INDEX alert_history_rule ON alert_history (rule, id);

-- One row a notification and delivery channel. payload: the
-- Alertmanager-style JSON; text and subject: the plain-text rendering
-- (for mail). status: pending until sent, or failed after its retries;
-- next_try: when a pending row is due (also a lease while in flight).
CREATE TABLE alert_outbox (
	id		INTEGER PRIMARY KEY,
	rule		TEXT NOT NULL,
	channel		TEXT NOT NULL CHECK (channel IN ('exec', 'webhook',
			    'file', 'mail')),
	created		INTEGER NOT NULL,
	payload		TEXT NOT NULL,
	text		TEXT NOT NULL,
	subject		TEXT NOT NULL,
	status		TEXT NOT NULL DEFAULT 'pending' CHECK (status IN
			    ('pending', 'sent', 'failed')),
	attempts	INTEGER NOT NULL DEFAULT 0,
	next_try	INTEGER NOT NULL,
	last_error	TEXT,
	done		INTEGER
);
CREATE INDEX alert_outbox_due ON alert_outbox (status, next_try);
