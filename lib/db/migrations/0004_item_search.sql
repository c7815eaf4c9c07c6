-- Up Migration

-- Indexes for searchItems (subgraphs/inventory/sql.ts), beyond those of
-- 0001 (set_name, object_class, spells by name, and the (character_name,
-- item_id) key the results are ordered and paged by).

-- Name substrings (`text`, ILIKE '%...%'): a trigram index when pg_trgm can be
-- had. Without it the search still works, by scanning.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    BEGIN
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'pg_trgm is available but this role may not create it: item names are searched without an index';
    END;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX inventory_items_name_trgm ON inventory_items USING gin (name gin_trgm_ops);
  END IF;
END $$;

CREATE INDEX inventory_items_material ON inventory_items (material) WHERE material IS NOT NULL;
CREATE INDEX inventory_items_armor_level ON inventory_items (armor_level) WHERE armor_level IS NOT NULL;

-- Down Migration

-- pg_trgm stays: other objects may have come to use it.
DROP INDEX IF EXISTS inventory_items_armor_level, inventory_items_material, inventory_items_name_trgm;
