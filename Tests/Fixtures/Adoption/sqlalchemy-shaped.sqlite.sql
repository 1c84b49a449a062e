-- A SQLite schema as SQLAlchemy (and Alembic) create it: tables that are not STRICT, declared
-- types (VARCHAR(n), DATETIME, BOOLEAN, NUMERIC), Enum as a named CHECK, server defaults, an
-- unnamed column CHECK, UNIQUE in CREATE TABLE, a composite key, foreign keys with and without
-- names, and Alembic's version table.
CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
INSERT INTO alembic_version VALUES ('ae1027a6acf');
CREATE TABLE users (
    id INTEGER NOT NULL,
    email VARCHAR(320) NOT NULL,
    display_name VARCHAR(100),
    is_admin BOOLEAN DEFAULT 0 NOT NULL,
    role VARCHAR(6) DEFAULT 'member' NOT NULL,
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
    balance NUMERIC(10, 2),
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT uq_users_email UNIQUE (email),
    CONSTRAINT userrole CHECK (role IN ('member', 'admin'))
);
CREATE TABLE notes (
    id INTEGER NOT NULL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title VARCHAR(200) NOT NULL,
    body TEXT,
    stars INTEGER DEFAULT 0 NOT NULL CHECK (stars >= 0),
    "metadata" JSON
);
CREATE INDEX ix_notes_user_id ON notes (user_id);
CREATE TABLE note_tags (
    note_id INTEGER NOT NULL,
    tag VARCHAR(50) NOT NULL,
    PRIMARY KEY (note_id, tag),
    CONSTRAINT fk_note_tags_note FOREIGN KEY (note_id) REFERENCES notes (id)
);
CREATE INDEX ix_note_tags_tag_desc ON note_tags (tag DESC);
CREATE TRIGGER notes_touch AFTER UPDATE ON notes BEGIN SELECT 1; END;
-- A DATETIME without a default: read as timestamp here, but a STRICT TEXT column in the
-- database the pulled file creates, which reads back as text (docs/adopting.md).
ALTER TABLE users ADD COLUMN last_login DATETIME;
