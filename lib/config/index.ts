/**
 * Every setting Lifestone reads from the environment, in one table.
 *
 * docs/configuration.md's table is checked against `settings` by a test, so
 * a variable added here without documentation fails the build.
 */
import { defaultSubgraphUrl, subgraphManifest } from './services.js';

export { SUBGRAPHS, SUBGRAPH_NAMES, defaultSubgraphUrl, isSubgraphName, subgraphDatabaseUrl, subgraphManifest, type SubgraphManifest, type SubgraphName } from './services.js';

export interface Setting {
  /** Environment variable name. */
  env: string;
  /** Default as a person would write it; `undefined` means "not set". */
  default: string | undefined;
  /** What it changes, for the README and for `--help`. */
  description: string;
}

export const settings = [
  { env: 'LIFESTONE_DATA_DIR', default: './.lifestone', description: 'Data folder of the embedded PostgreSQL and generated demo credentials.' },
  { env: 'LIFESTONE_HOST', default: '127.0.0.1', description: 'Address every service listens on.' },
  { env: 'DATABASE_URL', default: undefined, description: 'PostgreSQL to use; unset starts the embedded PostgreSQL in the data folder.' },
  { env: 'DATABASE_READ_URL', default: undefined, description: 'A read replica of `DATABASE_URL` the subgraphs that only read (telemetry, inventory, combat) query, under `npm run start:subgraph` and in containers; unset: they query `DATABASE_URL`. Queries then lag the live feeds by the replica\'s delay.' },
  { env: 'REDIS_URL', default: undefined, description: 'Redis pubsub (e.g. `redis://127.0.0.1:6379`); takes precedence over NATS.' },
  { env: 'NATS_URL', default: undefined, description: 'NATS pubsub with JetStream (e.g. `nats://127.0.0.1:4222`); unset with `REDIS_URL` unset uses the in-memory pubsub (one process only).' },
  { env: 'LIFESTONE_INGEST_PORT', default: '4100', description: 'Port of the ingest service (`/ws/position`, `/healthz`, `/metrics`).' },
  { env: 'LIFESTONE_PLUGIN_SECRET', default: undefined, description: 'Shared secret plugins present (`X-Plugin-Secret` or `?secret=`), for a fleet that trusts all its clients: such a plugin may write as any character. Unset takes only plugins with a plugin key (`X-Plugin-Key` or `?key=`), except under `npm start`, which generates a secret and prints it.' },
  { env: 'LIFESTONE_MAX_FRAME_BYTES', default: '1048576', description: 'Largest accepted WebSocket frame; larger frames get `FRAME_TOO_LARGE`, and one over twice this closes the connection (1009) before its bytes are read.' },
  { env: 'LIFESTONE_RATE_LIMIT', default: '20', description: 'Frames per second a plugin connection may sustain; beyond it frames get `RATE_LIMITED`.' },
  { env: 'LIFESTONE_RATE_BURST', default: '100', description: 'Frames a plugin connection may send at once above the sustained rate.' },
  { env: 'LIFESTONE_RATE_LIMIT_BYTES', default: '262144', description: 'Bytes per second a plugin connection may sustain; beyond it frames get `RATE_LIMITED`.' },
  { env: 'LIFESTONE_RATE_BURST_BYTES', default: '2097152', description: 'Bytes a plugin connection may send at once above the sustained byte rate (at least `LIFESTONE_MAX_FRAME_BYTES`).' },
  { env: 'LIFESTONE_MAX_PLUGIN_CONNECTIONS', default: '20000', description: 'Plugin connections open at once with the shared plugin secret; more are refused at the upgrade with HTTP 503. Plugins with a plugin key count apart and are never locked out by it.' },
  { env: 'LIFESTONE_MAX_PLUGIN_KEY_CONNECTIONS', default: '100', description: 'Plugin connections open at once with one plugin key; more are refused at the upgrade with HTTP 503. Each key counts apart.' },
  { env: 'LIFESTONE_REFUSAL_ALLOWANCE', default: '50', description: 'Refused frames a plugin connection may have at once, earned back at as many per `LIFESTONE_REFUSAL_WINDOW_MS`; the refusal that finds none left closes the connection with code 4429.' },
  { env: 'LIFESTONE_REFUSAL_WINDOW_MS', default: '10000', description: 'The time over which a connection earns back its whole `LIFESTONE_REFUSAL_ALLOWANCE` (50 per 10 s: a connection refused at most 5 frames a second stays open).' },
  { env: 'LIFESTONE_PLUGIN_KEY_CHECK_MS', default: '5000', description: 'How often ingest reads the plugin keys of its open connections again, closing those of a revoked key (4403) should the pubsub not have told it sooner.' },
  { env: 'LIFESTONE_QUEUE_MAX', default: '50000', description: 'Accepted events held in memory before ingest stops reading sockets (backpressure).' },
  { env: 'LIFESTONE_PUBLISH_OUTBOX_MAX', default: '50000', description: 'Messages ingest holds for the pubsub while it is away (publishing never holds up writes); past it the oldest are dropped, counted in `lifestone_publish_dropped_total`.' },
  { env: 'LIFESTONE_INGEST_LEDGER_FILE', default: undefined, description: 'A small file of this ingest instance\'s own (one per instance) where it keeps how many live events (published when accepted) it has not stored yet; the next start counts what a crash left in `lifestone_events_published_not_stored_total{reason="crashed"}` (see docs/operations.md). Unset: not kept, except under `npm start` (`ingest.ledger` in the data folder).' },
  { env: 'LIFESTONE_WRITER_LANES', default: '3', description: 'Database connections writing batches side by side, as many again for inventories, plus one for rows characters share; a character always uses the same ones, so its events keep their order.' },
  { env: 'LIFESTONE_BATCH_MAX', default: '5000', description: 'Most events written in one database transaction.' },
  { env: 'LIFESTONE_BATCH_WAIT_MS', default: '20', description: 'Longest time an accepted event waits for its batch to fill.' },
  { env: 'LIFESTONE_LIVE_WRITE_MS', default: '0', description: "How often a character's live row (latest position, state and vitals) is written at most; 0 writes it with every batch." },
  { env: 'LIFESTONE_DECODE_THREADS', default: '2', description: 'Threads that parse, validate and serialise plugin frames beside ingest\'s main thread (one connection\'s frames always take the same one); `0` does it on the main thread.' },
  { env: 'LIFESTONE_GATHER_MS', default: '10', description: 'How long ingest lets plugin frames gather before it hands them on together, to a decode thread and, once accepted, to the pubsub. A message costs about as much to pass as the frames in it: at 4,000 characters, whose frames arrive one by one, 10 ms took ingest from 113 to 87 µs of CPU per event, the subgraphs and the gateway from 0.40 to 0.34 cores, for 10-20 ms more at the median. `0` hands on what one turn of the event loop read.' },
  { env: 'LIFESTONE_MAINTENANCE_INTERVAL_MS', default: '60000', description: 'How often partitions are created ahead and expired rows and partitions dropped.' },
  { env: 'LIFESTONE_DEATH_ALERT_COOLDOWN_MS', default: '300000', description: "Least time between two `DEATH` alerts of one character (vitae from none to some, or the session's deaths counter rising)." },
  { env: 'LIFESTONE_IDLE_ALERT_MS', default: '300000', description: 'How long a character must be idle (its automation reports `Idle`, or it neither moved nor killed) without a break for an `IDLE` alert; `IDLE_ENDED` follows when it is active again.' },
  { env: 'LIFESTONE_OFFLINE_ALERT_MS', default: '600000', description: 'How long a character must be silent, its plugin not closed cleanly (a logout closes it cleanly), for an `OFFLINE` alert.' },
  { env: 'LIFESTONE_VORTEX_PATTERN', default: 'whirlwind of vortexes', description: 'Regular expression (case-insensitive) a chat line must match for a `VORTEX` alert.' },
  { env: 'LIFESTONE_PORT', default: '4000', description: 'Port of the gateway: `/graphql` (HTTP, SSE, graphql-ws, the playground), the dashboard at `/`, `/healthz`, `/metrics`.' },
  { env: 'LIFESTONE_TELEMETRY_PORT', default: String(subgraphManifest('telemetry').defaultPort), description: 'Port of the telemetry subgraph (reachable only with the gateway\'s signature).' },
  { env: 'LIFESTONE_INVENTORY_PORT', default: String(subgraphManifest('inventory').defaultPort), description: 'Port of the inventory subgraph.' },
  { env: 'LIFESTONE_COMBAT_PORT', default: String(subgraphManifest('combat').defaultPort), description: 'Port of the combat subgraph.' },
  { env: 'LIFESTONE_ASSISTANT_PORT', default: String(subgraphManifest('assistant').defaultPort), description: 'Port of the assistant subgraph.' },
  { env: 'LIFESTONE_ACCOUNTS_PORT', default: String(subgraphManifest('accounts').defaultPort), description: 'Port of the accounts subgraph.' },
  { env: 'LIFESTONE_TELEMETRY_URL', default: defaultSubgraphUrl('telemetry'), description: 'Where the gateway finds the telemetry subgraph.' },
  { env: 'LIFESTONE_INVENTORY_URL', default: defaultSubgraphUrl('inventory'), description: 'Where the gateway finds the inventory subgraph.' },
  { env: 'LIFESTONE_COMBAT_URL', default: defaultSubgraphUrl('combat'), description: 'Where the gateway finds the combat subgraph.' },
  { env: 'LIFESTONE_ASSISTANT_URL', default: defaultSubgraphUrl('assistant'), description: 'Where the gateway finds the assistant subgraph.' },
  { env: 'LIFESTONE_ACCOUNTS_URL', default: defaultSubgraphUrl('accounts'), description: 'Where the gateway finds the accounts subgraph.' },
  { env: 'LIFESTONE_INTERNAL_SECRET', default: undefined, description: 'Key of the identity header the gateway signs and subgraphs check. Required outside `npm start`, which generates one per data folder.' },
  { env: 'LIFESTONE_SESSION_SECRET', default: undefined, description: 'Key of the session cookie. Required outside `npm start`, which generates one per data folder.' },
  { env: 'LIFESTONE_ADMIN_PASSWORD', default: undefined, description: 'Password of the first admin, `admin`, set when the account is created; unset generates one and prints it once.' },
  { env: 'LIFESTONE_CORS_ORIGINS', default: undefined, description: 'Web origins (comma-separated, e.g. `https://tools.example.org`) whose pages may call `/graphql` from a browser with the caller\'s credentials; unset: none, only pages the gateway serves itself (the dashboard, the playground).' },
  { env: 'LIFESTONE_MAP_IMAGE', default: undefined, description: "A PNG, JPEG or WebP map of Dereth covering -101.95..101.95 on both axes, shown under the dashboard's map: the telemetry subgraph reads it, the gateway serves it at `/map/image`; unset: the grid alone." },
  { env: 'LIFESTONE_POSITIONS_TICK_MS', default: '250', description: 'Least time between two batches of the `positions` subscription: a batch of every position that changed goes out as soon as one changed and the last batch is this old.' },
  { env: 'LIFESTONE_SUBGRAPH_STATEMENT_TIMEOUT_MS', default: '5000', description: 'Longest one database statement of a subgraph may run (PostgreSQL\'s `statement_timeout` on the subgraphs\' connections); past it the field is answered `QUERY_TIMEOUT` and the subgraph serves on.' },
  { env: 'LIFESTONE_MAX_DEPTH', default: '12', description: 'Deepest query the gateway runs.' },
  { env: 'LIFESTONE_MAX_COST', default: '50000', description: 'Highest estimated cost of a query the gateway runs (a list counts its `first` times its fields).' },
  { env: 'LIFESTONE_MAX_ALIASES', default: '15', description: 'Most aliases in one query.' },
  { env: 'LIFESTONE_MAX_TOKENS', default: '2000', description: 'Most tokens (names, punctuation, values) in one GraphQL document; parsing stops at the limit.' },
  { env: 'LIFESTONE_MAX_DIRECTIVES', default: '50', description: 'Most directives in one operation.' },
  { env: 'LIFESTONE_ANONYMOUS_MAX_BODY_BYTES', default: '8192', description: 'Largest request body the gateway reads from a caller without valid credentials (enough to sign in); larger ones are answered 413.' },
  { env: 'LIFESTONE_MAX_SUBSCRIPTIONS_PER_SOCKET', default: '100', description: 'Subscriptions one graphql-ws connection to the gateway may run at once; one more is refused with `TOO_MANY_SUBSCRIPTIONS`.' },
  { env: 'LIFESTONE_MAX_SUBSCRIPTIONS_PER_CALLER', default: '200', description: 'Subscriptions one account (all its sessions) or one API token may run at once over all its connections and SSE streams; one more is refused with `TOO_MANY_SUBSCRIPTIONS`.' },
  { env: 'LIFESTONE_MAX_UNSENT_BYTES', default: '8388608', description: "Bytes a subscriber's graphql-ws connection or SSE stream may hold unsent; past it its subscriptions end with `SUBSCRIBER_TOO_SLOW` (the client subscribes again), and a connection still that far behind 10 s later is cut." },
  { env: 'LIFESTONE_SUBSCRIBER_STALL_MS', default: '30000', description: 'How long a subscriber with 1,000 values waiting may take none before its subscription ends with `SUBSCRIBER_TOO_SLOW` (in the gateway and in each subgraph). One that still takes values is late, not ended, up to 20,000 waiting.' },
  { env: 'LIFESTONE_KEEP_ALIVE_MS', default: '12000', description: 'How often the gateway and each subgraph ping their graphql-ws connections; one that has not answered a ping by the next is closed with 1013 Try Again Later, after what it was sent, so that a client that fell this far behind learns it and connects again (one that is gone is cut 30 s later).' },
  { env: 'LIFESTONE_TRUSTED_PROXIES', default: '0', description: 'Proxies (load balancers) in front of the gateway whose `X-Forwarded-For` entries it believes when throttling sign-ins by address; 0 uses the connecting address.' },
  { env: 'LIFESTONE_METRICS_TOKEN', default: undefined, description: 'Bearer token a Prometheus scraper must send to read `/metrics` on the gateway, ingest and the subgraphs; unset: `/metrics` is open to whoever reaches the port (keep it on a private network or loopback).' },
  { env: 'LIFESTONE_GRAPHQL_URL', default: 'http://127.0.0.1:4000/graphql', description: 'The graph `npm run mcp` (the MCP tools over stdio) and `npm run start:discord` query: the gateway\'s `/graphql`.' },
  { env: 'LIFESTONE_DISCORD_TOKEN', default: undefined, description: "The Discord bot's token (Developer Portal, Bot, Reset Token). Set, `npm start` starts the bot; it posts to channel routes and answers slash commands." },
  { env: 'LIFESTONE_DISCORD_ROUTES', default: undefined, description: 'Which alerts go to which channel: `rare.great=<channel id>,rare.common=<id>,death=<id>,idle=<id>,vortex=<id>,offline=<id>` (`rare` for both tiers; `idle` carries idle and active-again).' },
  { env: 'LIFESTONE_DISCORD_WEBHOOKS', default: undefined, description: 'The same keys with webhook URLs (`death=https://discord.com/api/webhooks/<id>/<token>`), posted without the bot; set alone, `npm start` starts the bot for them.' },
  { env: 'LIFESTONE_DISCORD_GUILD_ID', default: undefined, description: 'The server (guild) whose slash commands the bot registers (instant); unset registers them globally (Discord takes up to an hour).' },
  { env: 'LIFESTONE_DISCORD_API_TOKEN', default: undefined, description: 'API token (`ls_...`, the viewer role is enough) the bot queries the graph with. Unset under `npm start`: one is created and kept in the data folder.' },
  { env: 'LIFESTONE_DISCORD_API_URL', default: 'https://discord.com/api', description: "Discord's REST base (discord.js `rest.api`); the tests point it at a stand-in on loopback." },
  { env: 'LIFESTONE_DISCORD_BURST', default: '5', description: 'Messages one route posts per minute; alerts beyond that wait for the minute to pass and go out as one summary.' },
  { env: 'LIFESTONE_PUBLIC_URL', default: 'http://127.0.0.1:4000', description: "Where people reach the dashboard; the bot's posts link to it, focused on the character (`/?character=<name>`)." },
  { env: 'LIFESTONE_API_TOKEN', default: undefined, description: 'API token (`ls_...`) `npm run mcp` queries the graph with; required there.' },
  { env: 'LIFESTONE_GAME_SERVERS', default: undefined, description: 'Game servers whose status ingest checks, as `Name=url` separated by commas: `http(s)://` (a 2xx answer is up; a JSON `players` count is read) or `tcp://host:port` (up when a connection opens). Unset: none (under `npm start`, the simulated server).' },
  { env: 'LIFESTONE_SERVER_CHECK_INTERVAL_MS', default: '60000', description: 'How often each game server is checked.' },
  { env: 'LIFESTONE_LLM_PROVIDER', default: undefined, description: "The assistant's model service: `anthropic` (the Messages API) or `openai` (any OpenAI-compatible chat completions API: OpenAI, Ollama, llama.cpp, vLLM). Unset: the assistant reports that it is not configured and refuses questions with `ASSISTANT_NOT_CONFIGURED`." },
  { env: 'LIFESTONE_LLM_URL', default: undefined, description: 'Base URL of the model service. Unset: `https://api.anthropic.com` for `anthropic`; required for `openai` (e.g. `http://127.0.0.1:11434/v1` for Ollama).' },
  { env: 'LIFESTONE_LLM_API_KEY', default: undefined, description: 'API key of the model service: sent as `x-api-key` to `anthropic` (required there) and as `Authorization: Bearer` to `openai` (local servers need none).' },
  { env: 'LIFESTONE_LLM_MODEL', default: undefined, description: 'The model the assistant uses, as its service names it (e.g. `claude-sonnet-4-5`, `llama3.1`); required with a provider.' },
  { env: 'LIFESTONE_LLM_MAX_TOKENS', default: '4096', description: 'Most tokens the model may write in one turn of an answer.' },
  { env: 'LIFESTONE_ASSISTANT_ASKS_PER_HOUR', default: '60', description: 'Questions each person or API token may ask the assistant in any hour; more are refused with `RATE_LIMITED`, saying when to retry.' },
  { env: 'LIFESTONE_ASSISTANT_TIMEOUT_MS', default: '120000', description: 'Longest one answer may take, tool calls included; past it the answer ends with `ASSISTANT_TIMEOUT`.' },
  { env: 'LIFESTONE_ASSISTANT_AUDIT_LOG', default: undefined, description: "JSONL file the assistant appends every question, tool call (with its result's size) and answer to, with user, session and trace id. Unset: none, except under `npm start`: `assistant-audit.jsonl` in the data folder." },
  { env: 'LIFESTONE_ASSISTANT_API_TOKEN', default: undefined, description: "API token (`ls_...`, the viewer role is enough) the assistant's tools query the graph with. Unset: the assistant is not configured, except under `npm start`, which creates one and keeps it in the data folder." },
  { env: 'LIFESTONE_ASSISTANT_DATABASE_URL', default: undefined, description: "PostgreSQL URL logging in as `lifestone_assistant_readonly` with its password, for the assistant's read-only SQL tool. Unset: the service sets a random password for the role at start (its `DATABASE_URL` user must be a superuser or have CREATEROLE) and logs in with it." },
  { env: 'LIFESTONE_ASSISTANT_GATEWAY_URL', default: 'http://127.0.0.1:4000/graphql', description: "Where the assistant's tools query the graph: the gateway's `/graphql`." },
  { env: 'LIFESTONE_SIM_CHARACTERS', default: '60', description: 'Characters the built-in simulator drives under `npm start`; 0 turns it off.' },
  { env: 'LIFESTONE_SIM_SEED', default: '1', description: 'Seed of the built-in simulator; the same seed gives the same characters. What they do continues from start to start: `npm start` counts its runs in the data folder (`simulator-run`).' },
  { env: 'LIFESTONE_SIM_SESSION_MINUTES', default: '45', description: 'Mean minutes a character of the built-in simulator plays before it leaves: by a logout (a clean close), or, two sessions in five, by losing its game (no close, so an `OFFLINE` alert follows after `LIFESTONE_OFFLINE_ALERT_MS`); it comes back 5-45 minutes later. 0: characters never leave.' },
  { env: 'LIFESTONE_SIM_STUCK_JOURNEYS', default: '20', description: 'One journey in this many of the built-in simulator gets stuck as it sets off: the character runs back and forth over 5 m, its automation still navigating, for 6-15 minutes (Stuck in the Issues window). 0: never.' },
  { env: 'LIFESTONE_SIM_KILLS_PER_RARE', default: '400', description: 'The built-in simulator drops a rare on one kill in this many (the game: about 3000), so that a demo fleet of 60 shows rares within minutes.' },
  { env: 'LIFESTONE_MINECRAFT_SERVERS', default: undefined, description: 'Minecraft servers the bridge watches, as `name=host:port` separated by commas (e.g. `survival=play.example.org:25565`); a spectator bot joins each in offline mode and reports its players. Set, `npm start` runs the bridge too (`npm run start:minecraft` runs it alone). Malformed: refused at start with the expected form (`npm start` runs everything else).' },
  { env: 'LIFESTONE_MINECRAFT_BOT_NAME', default: 'LifestoneEye', description: "The Minecraft bridge's player name (3 to 16 letters, digits or `_`); give it the right to `/gamemode spectator` and `/tp` (operator) for an invisible bot that can follow players." },
  { env: 'LIFESTONE_MINECRAFT_INGEST_URL', default: undefined, description: "Ingest's plugin endpoint the Minecraft bridge connects to; unset: `ws://127.0.0.1:<LIFESTONE_INGEST_PORT>/ws/position`." },
  { env: 'LIFESTONE_MINECRAFT_PLUGIN_KEY', default: undefined, description: 'Plugin key (`lsp_...`) the Minecraft bridge presents to ingest; unset: it presents `LIFESTONE_PLUGIN_SECRET`. It opens one connection per player, so a key needs `LIFESTONE_MAX_PLUGIN_KEY_CONNECTIONS` above the busiest server\'s player count.' },
  { env: 'LIFESTONE_MINECRAFT_DEMO', default: '0', description: "`1`: `npm start` also starts a small Minecraft world (flying-squid, in memory, on a free loopback port) with three wandering players, and the bridge reports them as the server `demo`; `0`: no demo world." },
  { env: 'LIFESTONE_MINECRAFT_STATUS_PORT', default: undefined, description: "Port on which `npm run start:minecraft` serves each server's status (`GET /status/<name>`: 200 with the players while its bot is in the world, 503 otherwise) for ingest's `LIFESTONE_GAME_SERVERS` (`survival=http://<bridge host>:<port>/status/survival`); unset: none. `npm start` serves and watches them by itself." },
  { env: 'LIFESTONE_MINECRAFT_STATUS_HOST', default: '127.0.0.1', description: 'Address the status pages of `LIFESTONE_MINECRAFT_STATUS_PORT` listen on (`0.0.0.0`: every interface, for an ingest on another host).' },
  { env: 'OTEL_EXPORTER_OTLP_ENDPOINT', default: undefined, description: 'OpenTelemetry collector to export traces to over OTLP/HTTP (JSON bodies), e.g. `http://127.0.0.1:4318` (`/v1/traces` is added). Set, ingest, the gateway and the subgraphs trace (docs/operations.md); unset: no tracing code is loaded. The other `OTEL_EXPORTER_OTLP_*` variables (`_TRACES_ENDPOINT`, `_TIMEOUT`, `_COMPRESSION`, ...) apply as the OpenTelemetry SDK reads them.' },
  { env: 'OTEL_EXPORTER_OTLP_HEADERS', default: undefined, description: 'Headers sent with every export, as `key=value` separated by commas (e.g. `authorization=Bearer <token>` for a hosted collector).' },
  { env: 'OTEL_SERVICE_NAME', default: undefined, description: "The `service.name` of every span this process exports; unset: each service's own, `lifestone-ingest`, `lifestone-gateway`, `lifestone-<subgraph>` (`OTEL_RESOURCE_ATTRIBUTES` adds others)." },
  { env: 'OTEL_TRACES_SAMPLER', default: 'parentbased_always_on', description: "Which traces are kept: `always_on`, `always_off`, `traceidratio` or their `parentbased_` forms (a subgraph then follows the gateway's choice). At fleet rates set `parentbased_traceidratio` on ingest: a frame's trace is kept by its id." },
  { env: 'OTEL_TRACES_SAMPLER_ARG', default: '1', description: 'The ratio of traces `traceidratio` keeps, 0 to 1 (e.g. `0.01`).' },
  { env: 'LIFESTONE_LOG_LEVEL', default: 'info', description: 'pino log level: `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`.' },
] as const satisfies readonly Setting[];

export type SettingName = (typeof settings)[number]['env'];

type Env = Record<string, string | undefined>;

/** The value of a setting: the environment's if set and non-empty, else its default. */
export function setting(name: SettingName, env: Env = process.env): string | undefined {
  const value = env[name];
  if (value !== undefined && value !== '') return value;
  return settings.find((s) => s.env === name)?.default;
}

/** A setting that must parse as a non-negative integer; a clear error otherwise. */
export function integerSetting(name: SettingName, env: Env = process.env): number {
  const raw = setting(name, env);
  const value = Number(raw);
  if (raw === undefined || !Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/**
 * How a secret is shown to the operator at start: its value only on a
 * terminal; in logs (a service manager, a container) only where it is kept,
 * so that log collection never holds it. `kept` says where, e.g. "the file
 * .lifestone/plugin-secret" or "LIFESTONE_PLUGIN_SECRET".
 */
export function secretForBanner(value: string, kept: string, terminal: boolean = process.stdout.isTTY === true): string {
  return terminal ? `${value}  (kept in ${kept})` : `kept in ${kept} (shown on a terminal only)`;
}
