-- topicd schema 2: full-text search over papers' titles and abstracts.
-- Applied once, in a transaction, when PRAGMA user_version is below 2.
-- A shipped migration is never edited: change the schema in a new file.
--
-- paper_fts is an FTS5 index with paper as its external content (the
-- text is stored once, in paper): rowid = paper.id. Triggers keep it in
-- step with every insert, update and delete of paper, so ingest and
-- topic rebuild fill it without code of their own; the 'rebuild' below
-- indexes the papers stored before this migration. Tokenizer: unicode61
-- with diacritics removed, plus the Porter stemmer, so "models" finds
-- "model".

CREATE VIRTUAL TABLE paper_fts USING fts5(
	title,
	abstract,
	content = 'paper',
	content_rowid = 'id',
	tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER paper_fts_insert AFTER INSERT ON paper BEGIN
	INSERT INTO paper_fts (rowid, title, abstract)
	    VALUES (new.id, new.title, new.abstract);
END;

CREATE TRIGGER paper_fts_delete AFTER DELETE ON paper BEGIN
	INSERT INTO paper_fts (paper_fts, rowid, title, abstract)
	    VALUES ('delete', old.id, old.title, old.abstract);
END;

CREATE TRIGGER paper_fts_update AFTER UPDATE OF title, abstract ON paper BEGIN
	INSERT INTO paper_fts (paper_fts, rowid, title, abstract)
	    VALUES ('delete', old.id, old.title, old.abstract);
	INSERT INTO paper_fts (rowid, title, abstract)
	    VALUES (new.id, new.title, new.abstract);
END;

INSERT INTO paper_fts (paper_fts) VALUES ('rebuild');
