-- Up Migration

-- Indexes for the telemetry subgraph's queries (subgraphs/telemetry/sql.ts),
-- beyond those of 0001: the chat of one channel, newest first
-- (`chat(channel: "Trade")`). Without it a rare channel such as Tell would be
-- found by walking every line of every channel back in time. On a time series
-- (partitions or a hypertable) the index is made on each partition.
CREATE INDEX chat_messages_channel_time ON chat_messages (channel, received_at DESC);

-- Rares of one tier, newest first (`rares(tier: GREAT)`); rares are kept forever.
CREATE INDEX rare_events_tier_time ON rare_events (tier, received_at DESC);

-- Down Migration

DROP INDEX IF EXISTS chat_messages_channel_time, rare_events_tier_time;
