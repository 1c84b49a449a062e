-- strata: 0001_create_notes → 0002_index_and_check_body (postgres, lock-aware)
-- the migration lock, held for the whole run
SELECT pg_advisory_lock(6013557165336382823);
-- each statement waits at most this long for its lock (a live run retries 5 times with backoff)
SET lock_timeout = '2000ms';
CREATE TABLE IF NOT EXISTS "strata_migrations" ("id" text NOT NULL PRIMARY KEY, "position" bigint NOT NULL, "checksum" text NOT NULL, "applied_at" timestamptz NOT NULL DEFAULT now(), "duration_ms" bigint NOT NULL);
CREATE TABLE IF NOT EXISTS "strata_migration_progress" ("id" text NOT NULL PRIMARY KEY, "direction" text NOT NULL, "completed_units" bigint NOT NULL, "total_units" bigint NOT NULL, "plan" text NOT NULL);

-- upgrade 0002_index_and_check_body: index and check body
-- step 1 of 3
BEGIN;
-- add check ck_notes_body on notes
-- ACCESS EXCLUSIVE on notes (reads and writes wait), catalog only
ALTER TABLE "notes" ADD CONSTRAINT "ck_notes_body" CHECK (length(body) > 0) NOT VALID;
DELETE FROM "strata_migration_progress" WHERE "id" = '0002_index_and_check_body';
INSERT INTO "strata_migration_progress" ("id", "direction", "completed_units", "total_units", "plan") VALUES ('0002_index_and_check_body', 'upgrade', 1, 3, '1daf3b69b3d0faf13ed07019e4debfa17436f16df2a119f80859fd17f90bb766');
COMMIT;
-- step 2 of 3
BEGIN;
-- add check ck_notes_body on notes
-- SHARE UPDATE EXCLUSIVE on notes (reads and writes continue), scans the table, in a transaction of its own
ALTER TABLE "notes" VALIDATE CONSTRAINT "ck_notes_body";
DELETE FROM "strata_migration_progress" WHERE "id" = '0002_index_and_check_body';
INSERT INTO "strata_migration_progress" ("id", "direction", "completed_units", "total_units", "plan") VALUES ('0002_index_and_check_body', 'upgrade', 2, 3, '1daf3b69b3d0faf13ed07019e4debfa17436f16df2a119f80859fd17f90bb766');
COMMIT;
-- step 3 of 3, outside a transaction
-- create index ix_notes_body on notes
-- SHARE UPDATE EXCLUSIVE on notes (reads and writes continue), scans the table, outside a transaction
CREATE INDEX CONCURRENTLY "ix_notes_body" ON "notes" ("body");
BEGIN;
INSERT INTO "strata_migrations" ("id", "position", "checksum", "duration_ms") VALUES ('0002_index_and_check_body', 1, '5efe3da093f02cb9154b0ee4e8601c04e36971ce7aebf8894198eb44a2f15c7d', 0);
DELETE FROM "strata_migration_progress" WHERE "id" = '0002_index_and_check_body';
COMMIT;
RESET lock_timeout;
SELECT pg_advisory_unlock(6013557165336382823);
