-- Up Migration

-- A login writes a character's whole inventory: about a hundred items, their
-- spells, requirements and ratings, and the frame itself. Two things made
-- that cost more than the rows:
--
-- The item tables' foreign keys checked every spell, requirement and rating
-- row against its item (a lookup and a row lock each), and their cascades
-- deleted a replaced inventory one item at a time. Ingest, their only
-- writer, writes an item and its rows in one transaction and deletes them
-- together (ingest/src/store/inventory.ts).
ALTER TABLE inventory_item_spells DROP CONSTRAINT IF EXISTS inventory_item_spells_character_name_item_id_fkey;
ALTER TABLE inventory_item_requirements DROP CONSTRAINT IF EXISTS inventory_item_requirements_character_name_item_id_fkey;
ALTER TABLE inventory_item_ratings DROP CONSTRAINT IF EXISTS inventory_item_ratings_character_name_item_id_fkey;

-- The last full_inventory frame was jsonb: parsed into a tree and compressed
-- with pglz, about 1.7 ms a frame of 35 kB. As json it is kept as the text
-- ingest wrote (the coerced frame, its keys in order), and with lz4, where
-- the server has it, costs about 0.4 ms.
ALTER TABLE inventory_snapshots ALTER COLUMN frame TYPE json USING frame::json;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE inventory_snapshots ALTER COLUMN frame SET COMPRESSION lz4;
  END IF;
END $$;

-- Down Migration

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression') THEN
    ALTER TABLE inventory_snapshots ALTER COLUMN frame SET COMPRESSION default;
  END IF;
END $$;
ALTER TABLE inventory_snapshots ALTER COLUMN frame TYPE jsonb USING frame::jsonb;
DELETE FROM inventory_item_spells s WHERE NOT EXISTS (SELECT 1 FROM inventory_items i WHERE i.character_name = s.character_name AND i.item_id = s.item_id);
DELETE FROM inventory_item_requirements r WHERE NOT EXISTS (SELECT 1 FROM inventory_items i WHERE i.character_name = r.character_name AND i.item_id = r.item_id);
DELETE FROM inventory_item_ratings r WHERE NOT EXISTS (SELECT 1 FROM inventory_items i WHERE i.character_name = r.character_name AND i.item_id = r.item_id);
ALTER TABLE inventory_item_spells ADD FOREIGN KEY (character_name, item_id) REFERENCES inventory_items ON DELETE CASCADE;
ALTER TABLE inventory_item_requirements ADD FOREIGN KEY (character_name, item_id) REFERENCES inventory_items ON DELETE CASCADE;
ALTER TABLE inventory_item_ratings ADD FOREIGN KEY (character_name, item_id) REFERENCES inventory_items ON DELETE CASCADE;
