-- Up Migration

-- The assistant's SQL tool connects as lifestone_assistant_readonly itself
-- (agent/src/sql/login.ts sets its password at start), rather than switching
-- a privileged connection to it with SET ROLE: a statement that got past the
-- parser and ran RESET ROLE would be back to a user who may read everything.
-- Its own limits bound what one statement may build: memory for sorts and
-- hashes, temporary files, time.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lifestone_assistant_readonly') THEN
    BEGIN
      ALTER ROLE lifestone_assistant_readonly LOGIN CONNECTION LIMIT 32;
      ALTER ROLE lifestone_assistant_readonly SET work_mem = '16MB';
      ALTER ROLE lifestone_assistant_readonly SET temp_file_limit = '256MB';
      ALTER ROLE lifestone_assistant_readonly SET statement_timeout = '10s';
      ALTER ROLE lifestone_assistant_readonly SET search_path = pg_catalog, public;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'this user may not alter lifestone_assistant_readonly: the assistant''s SQL tool stays unavailable until an administrator runs 0008_assistant_login.sql';
    END;
  END IF;
END $$;

-- Down Migration

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lifestone_assistant_readonly') THEN
    ALTER ROLE lifestone_assistant_readonly NOLOGIN;
    ALTER ROLE lifestone_assistant_readonly RESET ALL;
  END IF;
END $$;
