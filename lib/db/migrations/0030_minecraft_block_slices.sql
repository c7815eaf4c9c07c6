-- Up Migration

-- The Minecraft bridge sends the blocks around a player on the path dungeon
-- maps take (`dungeon_map` frames), one row per 32 x 32 block region of a
-- world. A region's "landblock" is unique only within its world (server and
-- dimension), so the world joins the key; the other game's maps have none
-- (''). A Minecraft region's tiles are merged, not replaced: the bridge
-- sends only what changed.
ALTER TABLE dungeon_maps ADD COLUMN world text NOT NULL DEFAULT '';
ALTER TABLE dungeon_maps DROP CONSTRAINT dungeon_maps_pkey;
ALTER TABLE dungeon_maps ADD PRIMARY KEY (world, landblock);

-- Down Migration

DELETE FROM dungeon_maps WHERE world <> '';
ALTER TABLE dungeon_maps DROP CONSTRAINT dungeon_maps_pkey;
ALTER TABLE dungeon_maps ADD PRIMARY KEY (landblock);
ALTER TABLE dungeon_maps DROP COLUMN world;
