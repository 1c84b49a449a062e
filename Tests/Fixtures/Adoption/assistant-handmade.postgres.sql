-- The assistant server's workflow tables as they were created by hand with psql: no migration
-- tool, String(36) ids, JSON kept in TEXT, no foreign keys, PostgreSQL's own constraint names.
CREATE TABLE captures (
    id VARCHAR(36) PRIMARY KEY,
    filepath VARCHAR(500) NOT NULL,
    "timestamp" TIMESTAMPTZ NOT NULL,
    monitor_index BIGINT NOT NULL DEFAULT 0,
    processing_status TEXT NOT NULL DEFAULT 'pending' CHECK (processing_status IN ('pending', 'processing', 'completed', 'failed')),
    ocr_text TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_captures_timestamp ON captures ("timestamp");
CREATE TABLE patterns (
    id VARCHAR(36) PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    pattern_type TEXT NOT NULL,
    trigger_conditions TEXT NOT NULL,
    actions TEXT NOT NULL,
    frequency_count BIGINT NOT NULL DEFAULT 1 CHECK (frequency_count >= 0),
    is_active BOOLEAN NOT NULL DEFAULT true,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (name, pattern_type)
);
CREATE TABLE pattern_occurrences (
    id VARCHAR(36) PRIMARY KEY,
    pattern_id VARCHAR(36) NOT NULL,
    capture_id VARCHAR(36),
    confidence_score DOUBLE PRECISION NOT NULL DEFAULT 0.5,
    detected_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_occurrences_pattern ON pattern_occurrences (pattern_id);
CREATE TABLE workflow_executions (
    id VARCHAR(36) PRIMARY KEY,
    pattern_id VARCHAR(36) NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    result TEXT,
    user_approved BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT workflow_executions_status_check CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled', 'undone'))
);
