-- Up Migration

-- Since 0013, searchItems compares lower(column) and uses the indexes on the
-- lowered values; those on the values themselves (0001, 0004) serve no query
-- but the filter picker's DISTINCT lists, which read the whole table either
-- way (86-98 ms at 120,000 items, with or without them). Every item a login
-- writes paid for the four: without them a login's inventory (120 items)
-- costs PostgreSQL 3.4 ms of CPU instead of 3.9-4.2 ms.
DROP INDEX IF EXISTS inventory_items_set, inventory_items_class, inventory_items_material, inventory_item_spells_spell;

-- Down Migration

CREATE INDEX inventory_items_set ON inventory_items (set_name) WHERE set_name IS NOT NULL;
CREATE INDEX inventory_items_class ON inventory_items (object_class);
CREATE INDEX inventory_items_material ON inventory_items (material) WHERE material IS NOT NULL;
CREATE INDEX inventory_item_spells_spell ON inventory_item_spells (spell);
