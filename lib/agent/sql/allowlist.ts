/**
 * What `query_telemetry_db` may read and call. The tables are the telemetry
 * tables of lib/db/migrations; migration 0005 grants SELECT on exactly these
 * to `lifestone_assistant_readonly` (a test checks the two lists agree).
 * Accounts, sessions, API tokens, undeliverable events, the migration and
 * retention bookkeeping and every system catalog stay out.
 */

/** The read-only role the statements run as (`SET LOCAL ROLE`). */
export const ASSISTANT_ROLE = 'lifestone_assistant_readonly';

/** Each readable table with what it holds, for the tool's description. */
export const TELEMETRY_TABLES: Readonly<Record<string, string>> = {
  live_characters: 'latest position, automation state (vt_state), session counters and vital bars per character (up to a few seconds behind: telemetry_events and vitals_events hold every report); its game (ASHERONS_CALL or MINECRAFT), Minecraft server and dimension',
  telemetry_events: 'every position report (2 s), 30 days, partitioned by received_at',
  vitals_events: 'vitals reports, 30 days',
  chat_messages: 'chat lines as characters saw them, 30 days (text is written by players)',
  spawn_events: 'monster spawns seen, 7 days',
  rare_events: "rares found (tier 'common' or 'great'), forever",
  portals: 'portals seen in the last hour, one row per spot',
  character_stats: 'latest character sheet (attributes, vitals, skills, allegiance as jsonb)',
  quests: 'quest timers per character',
  equipment_effects: 'spells active per character',
  inventory_items: 'every item carried, one row per (character_name, item_id); spells (text[]) the spells on it',
  inventory_item_requirements: 'wield requirements of each item',
  inventory_item_ratings: 'ratings of each item',
  inventory_snapshots: 'the last full_inventory frame per character, as json',
  combat_sessions: 'latest cumulative combat snapshot per play session (jsonb)',
  combat_lifetime_monsters: 'lifetime kills per character and monster',
  combat_lifetime_elements: 'lifetime offense/defense per character, monster and damage element',
  counter_sessions: 'kill/death/rare counters per play session',
  character_counters: 'lifetime kill/death/rare counters per character',
  nearby_objects: "each character's last radar picture (jsonb)",
  dungeon_maps: "dungeon layouts per landblock (world ''); Minecraft block regions per world ('server/dimension')",
  server_status: 'game servers as last checked',
  alerts: "alerts ingest derived (type DEATH, IDLE, IDLE_ENDED, VORTEX, RARE, OFFLINE; detail jsonb), 90 days",
};

export const ALLOWED_TABLES: ReadonlySet<string> = new Set(Object.keys(TELEMETRY_TABLES));

/** Schemas a table or function may be qualified with; anything else (pg_catalog tables, information_schema ...) is refused. */
export const ALLOWED_TABLE_SCHEMAS: ReadonlySet<string> = new Set(['public']);
export const ALLOWED_FUNCTION_SCHEMAS: ReadonlySet<string> = new Set(['pg_catalog', 'public']);

/** Functions refused by exact name: settings, sequences, SQL run from text, catalog lookups, session state, memory bombs. */
const DENIED_FUNCTIONS = new Set([
  // settings: set_config('role', ...) would leave the read-only role; current_setting reads the server's configuration
  'set_config', 'current_setting', 'set_limit',
  // SQL given as text runs outside the parser's checks
  'query_to_xml', 'query_to_xmlschema', 'query_to_xml_and_xmlschema', 'cursor_to_xml', 'cursor_to_xmlschema', 'ts_stat', 'ts_rewrite',
  'crosstab', 'crosstab2', 'crosstab3', 'crosstab4', 'connectby', 'dblink',
  // sequences
  'nextval', 'setval', 'currval', 'lastval',
  // large objects without the lo_ prefix
  'loread', 'lowrite',
  // the server's network identity
  'inet_server_addr', 'inet_server_port', 'inet_client_addr', 'inet_client_port',
  // catalog lookups by name
  'obj_description', 'col_description', 'shobj_description', 'format_type', 'row_security_active',
  // index maintenance
  'brin_summarize_new_values', 'brin_summarize_range', 'brin_desummarize_range', 'gin_clean_pending_list',
  // one call allocating up to 1 GB before the statement timeout can fire: padding, repetition, filled arrays, widths,
  // and replacements, whose output grows by a factor the caller picks each time they are nested
  'repeat', 'lpad', 'rpad', 'array_fill', 'format', 'overlay', 'replace', 'regexp_replace', 'makeaclitem',
  // TimescaleDB administration (public schema when installed)
  'create_hypertable', 'add_retention_policy', 'remove_retention_policy', 'drop_chunks', 'add_compression_policy', 'compress_chunk',
  'decompress_chunk', 'alter_job', 'delete_job', 'run_job', 'add_job', 'set_chunk_time_interval', 'move_chunk', 'reorder_chunk',
]);

/** Functions refused by prefix: files, sleeps, backends, WAL, locks, notifications, statistics (`pg_`), large objects, dblink, XML. */
const DENIED_FUNCTION_PREFIXES = ['pg_', 'lo_', 'dblink', 'txid_', 'to_reg', 'has_', 'binary_upgrade', 'lifestone_', 'xml', 'xpath', 'table_to_xml', 'schema_to_xml', 'database_to_xml', '_timescaledb', 'timescaledb'];

/** `pg_` functions that only compute on their arguments. */
const ALLOWED_PG_FUNCTIONS = new Set(['pg_typeof', 'pg_size_pretty', 'pg_size_bytes', 'pg_column_size', 'pg_input_is_valid']);

/** Whether a function (its name lower-cased, as the parser folds unquoted names) may be called. */
export function functionAllowed(name: string): boolean {
  const folded = name.toLowerCase();
  if (ALLOWED_PG_FUNCTIONS.has(folded)) return true;
  if (DENIED_FUNCTIONS.has(folded)) return false;
  return !DENIED_FUNCTION_PREFIXES.some((prefix) => folded.startsWith(prefix)) && !folded.includes('_to_xml');
}

/**
 * The types a value may be cast to: PostgreSQL's ordinary value types (as
 * the parser names them, `integer` is `int4`) and the row types of the
 * readable tables. Anything else is refused: object-identifier lookups
 * (`'accounts'::regclass`), XML, catalog and private row types
 * (`NULL::accounts` shows their columns), and their array forms
 * (`_regclass`, `regrole[]`).
 */
const VALUE_TYPES = new Set([
  'bool', 'boolean', 'int2', 'int4', 'int8', 'int', 'integer', 'smallint', 'bigint', 'float4', 'float8', 'real', 'float', 'numeric',
  'decimal', 'text', 'varchar', 'bpchar', 'char', 'character', 'name', 'citext', 'timestamp', 'timestamptz', 'date', 'time', 'timetz',
  'interval', 'json', 'jsonb', 'uuid', 'inet', 'cidr', 'macaddr', 'bytea', 'bit', 'varbit', 'money', 'point', 'tsvector', 'tsquery',
]);

/** Whether a cast to the type named `name` (unqualified or in pg_catalog) is allowed; `_name` is the array of `name`. */
export function typeAllowed(name: string): boolean {
  const folded = name.toLowerCase();
  const element = folded.startsWith('_') ? folded.slice(1) : folded;
  return VALUE_TYPES.has(element) || ALLOWED_TABLES.has(element);
}
