-- A schema as Alembic creates it from SQLAlchemy models: SERIAL keys, Integer (integer),
-- Numeric, SmallInteger, Enum as a named CHECK, server defaults, a composite primary key and a
-- composite foreign key, a native enum type, a partial and an expression index, comments, a
-- view, and Alembic's own version table.
CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
INSERT INTO alembic_version VALUES ('1f2e3d4c5b6a');
CREATE TYPE run_state AS ENUM ('queued', 'running', 'done');
CREATE TABLE experiments (
    experiment_id SERIAL NOT NULL,
    name VARCHAR(256) NOT NULL,
    lifecycle_stage VARCHAR(32) DEFAULT 'active',
    budget NUMERIC(10, 2),
    priority SMALLINT DEFAULT '0',
    state run_state NOT NULL DEFAULT 'queued',
    CONSTRAINT experiment_pk PRIMARY KEY (experiment_id),
    CONSTRAINT experiments_lifecycle_stage CHECK (lifecycle_stage IN ('active', 'deleted')),
    UNIQUE (name)
);
COMMENT ON TABLE experiments IS 'Groups of runs';
CREATE TABLE runs (
    run_uuid VARCHAR(32) NOT NULL,
    experiment_id INTEGER NOT NULL,
    attempt INTEGER NOT NULL DEFAULT 1,
    status VARCHAR(9),
    start_time BIGINT,
    CONSTRAINT run_pk PRIMARY KEY (run_uuid),
    CONSTRAINT runs_experiment_id_fkey FOREIGN KEY (experiment_id) REFERENCES experiments (experiment_id) ON DELETE CASCADE,
    CONSTRAINT status CHECK (status IN ('SCHEDULED', 'FAILED', 'FINISHED', 'RUNNING', 'KILLED')),
    UNIQUE (run_uuid, attempt)
);
CREATE TABLE tags (
    key VARCHAR(250) NOT NULL,
    value VARCHAR(5000),
    run_uuid VARCHAR(32) NOT NULL,
    attempt INTEGER NOT NULL,
    CONSTRAINT tag_pk PRIMARY KEY (key, run_uuid),
    CONSTRAINT fk_tags_run FOREIGN KEY (run_uuid, attempt) REFERENCES runs (run_uuid, attempt) ON UPDATE CASCADE
);
COMMENT ON COLUMN tags.value IS 'The tag''s value';
CREATE INDEX index_runs_active ON runs (experiment_id) WHERE status = 'RUNNING';
CREATE INDEX index_tags_lower_key ON tags (lower(key));
CREATE INDEX index_runs_start ON runs (experiment_id, start_time);
CREATE VIEW running AS SELECT run_uuid FROM runs WHERE status = 'RUNNING';
