-- Up Migration

-- An item's spells were rows of their own, about 190 a login beside its 120
-- items, each with a primary key and an index on lower(spell) to keep up:
-- 1.1 ms of PostgreSQL CPU a login's inventory. As a column of the item's
-- own row, with one GIN index over the lowered names, 0.15 to 0.4 ms
-- (measured alone, 600 logins written onto 2,000 inventories).
--
-- lifestone_lower_spells lowers the names as lower(spell) did, one SQL
-- expression that the planner inlines: the item search's condition and the
-- index read the same expression (subgraphs/inventory/sql.ts).
CREATE FUNCTION lifestone_lower_spells(spells text[]) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lower(spells::text)::text[] $$;

ALTER TABLE inventory_items ADD COLUMN spells text[] NOT NULL DEFAULT '{}';
UPDATE inventory_items AS i SET spells = s.spells
  FROM (SELECT character_name, item_id, array_agg(spell ORDER BY spell COLLATE "C") AS spells
          FROM inventory_item_spells GROUP BY character_name, item_id) AS s
 WHERE i.character_name = s.character_name AND i.item_id = s.item_id;
CREATE INDEX inventory_items_spells_lower ON inventory_items USING gin (lifestone_lower_spells(spells));
DROP TABLE inventory_item_spells;

-- Down Migration

CREATE TABLE inventory_item_spells (
  character_name text NOT NULL,
  item_id        bigint NOT NULL,
  spell          text NOT NULL,
  PRIMARY KEY (character_name, item_id, spell)
);
INSERT INTO inventory_item_spells (character_name, item_id, spell)
  SELECT DISTINCT character_name, item_id, unnest(spells) FROM inventory_items;
CREATE INDEX inventory_item_spells_spell_lower ON inventory_item_spells (lower(spell));
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lifestone_assistant_readonly') THEN
    GRANT SELECT ON inventory_item_spells TO lifestone_assistant_readonly;
  END IF;
END $$;
DROP INDEX inventory_items_spells_lower;
ALTER TABLE inventory_items DROP COLUMN spells;
DROP FUNCTION lifestone_lower_spells(text[]);
