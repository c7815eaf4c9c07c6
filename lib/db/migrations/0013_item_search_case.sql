-- Up Migration

-- searchItems matches class, material, set and spells without regard to case
-- (subgraphs/inventory/sql.ts compares lower(column) = lower($n)): indexes on
-- the lowered values keep those conditions indexed, as 0001's and 0004's
-- indexes on the values themselves did for exact matches.
CREATE INDEX inventory_items_class_lower ON inventory_items (lower(object_class));
CREATE INDEX inventory_items_material_lower ON inventory_items (lower(material)) WHERE material IS NOT NULL;
CREATE INDEX inventory_items_set_lower ON inventory_items (lower(set_name)) WHERE set_name IS NOT NULL;
CREATE INDEX inventory_item_spells_spell_lower ON inventory_item_spells (lower(spell));

-- Down Migration

DROP INDEX IF EXISTS inventory_items_class_lower, inventory_items_material_lower, inventory_items_set_lower, inventory_item_spells_spell_lower;
