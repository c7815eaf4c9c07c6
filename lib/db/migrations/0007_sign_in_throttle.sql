-- Up Migration

-- Failed sign-ins, counted per account at an address, per address and per
-- account (gateway/src/auth/throttle.ts), shared by every gateway instance.
-- `blocked_until` is when the next attempt under that key is heard again.
CREATE TABLE sign_in_failures (
  scope           text NOT NULL CHECK (scope IN ('account at address', 'address', 'account')),
  key             text NOT NULL,
  failures        integer NOT NULL,
  last_failure_at timestamptz NOT NULL,
  blocked_until   timestamptz,
  PRIMARY KEY (scope, key)
);
INSERT INTO retention_policies VALUES ('sign_in_failures', 'last_failure_at', interval '1 day', 'rows');

-- Down Migration

DELETE FROM retention_policies WHERE table_name = 'sign_in_failures';
DROP TABLE IF EXISTS sign_in_failures;
