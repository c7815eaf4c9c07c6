-- Up Migration

-- The role the assistant's read-only SQL tool (agent/src/sql) runs its
-- statements as, with SET LOCAL ROLE inside a READ ONLY transaction: SELECT
-- on the telemetry tables and nothing else. NOLOGIN: nobody connects as it;
-- the service's own connection switches to it for one statement.
--
-- Roles belong to the whole cluster while grants belong to each database (and
-- tests clone many databases from one template, migrations run side by side),
-- so the role is created only when missing, and the grants are made here in
-- every database this migration runs in. A database user who may not create
-- roles still migrates: the tool then answers SQL_UNAVAILABLE.
--
-- Time series are partitioned (0001): PostgreSQL checks privileges on the
-- table a query names, so SELECT on the parent covers every partition created
-- later, while the partitions themselves stay unreadable by name. TimescaleDB
-- copies a hypertable's grants to its chunks.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lifestone_assistant_readonly') THEN
    BEGIN
      CREATE ROLE lifestone_assistant_readonly NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS;
    EXCEPTION
      WHEN duplicate_object OR unique_violation THEN
        NULL; -- another database's migration created it a moment ago
      WHEN insufficient_privilege THEN
        RAISE NOTICE 'this user may not create roles: the assistant''s SQL tool stays unavailable until an administrator creates lifestone_assistant_readonly and reruns the grants of 0005_assistant_readonly.sql';
        RETURN;
    END;
  END IF;

  -- The service's user must be allowed to SET ROLE to it (a superuser always is).
  IF NOT pg_has_role(current_user, 'lifestone_assistant_readonly', 'MEMBER') THEN
    BEGIN
      EXECUTE format('GRANT lifestone_assistant_readonly TO %I', current_user);
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE '% may not be granted lifestone_assistant_readonly: the assistant''s SQL tool stays unavailable until an administrator grants it', current_user;
    END;
  END IF;

  GRANT USAGE ON SCHEMA public TO lifestone_assistant_readonly;
  -- Keep in step with TELEMETRY_TABLES in agent/src/sql/allowlist.ts (a test compares them).
  GRANT SELECT ON
    live_characters, telemetry_events, vitals_events, chat_messages, spawn_events, rare_events, portals,
    character_stats, quests, equipment_effects,
    inventory_items, inventory_item_spells, inventory_item_requirements, inventory_item_ratings, inventory_snapshots,
    combat_sessions, combat_lifetime_monsters, combat_lifetime_elements, counter_sessions, character_counters,
    nearby_objects, dungeon_maps, server_status
  TO lifestone_assistant_readonly;
END $$;

-- Down Migration

-- The role stays: other databases of the cluster may use it.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lifestone_assistant_readonly') THEN
    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM lifestone_assistant_readonly;
    REVOKE USAGE ON SCHEMA public FROM lifestone_assistant_readonly;
  END IF;
END $$;
