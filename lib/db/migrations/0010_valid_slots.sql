-- Up Migration

-- The slots the game says an item may be worn in (protocol `valid_slots`),
-- which the suitbuilder prefers to deriving them from coverage.
ALTER TABLE inventory_items ADD COLUMN valid_slots text[];

-- Down Migration

ALTER TABLE inventory_items DROP COLUMN valid_slots;
