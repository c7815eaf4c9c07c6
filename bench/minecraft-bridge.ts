/**
 * bench:minecraft's bridge, in a process of its own so that its CPU and
 * memory are its alone: one server, the real protocol 2 transport to ingest.
 * Posts `ready`; on `report` posts its CPU seconds, memory, transport counts
 * and its event loop's delay since the last report; on `close` stops the
 * bridge and posts `closed`.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pluginTransport, startMinecraftBridge } from '@lifestone/minecraft';

const [host = '127.0.0.1', port = '0', ingestUrl = '', secret = ''] = process.argv.slice(2);
const log = { info() {}, warn(fields: object, message: string) { process.stderr.write(`bridge: ${message} ${JSON.stringify(fields)}\n`); } };
const transport = pluginTransport({ url: ingestUrl, secret, log });
const bridge = startMinecraftBridge({ servers: [{ name: 'bench', host, port: Number(port) }], transport, log });
const bot = bridge.bots[0];
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const started = setInterval(() => {
  if (bot?.status !== 'online') return;
  clearInterval(started);
  process.send?.('ready');
}, 50);

/** Of the players reported, how many the bot's client holds an entity of (it sees them), by name or by UUID. */
function seen(): { entities: number; missing: string[] } {
  const client = (bot as unknown as { bot: { players: Record<string, { uuid: string; entity?: unknown }>; entities: Record<string, { uuid?: string }> } | null }).bot;
  if (!client || !bot) return { entities: 0, missing: [] };
  const uuids = new Set(Object.values(client.entities).map((entity) => entity.uuid));
  const missing = bot.reported.filter((name) => !client.players[name]?.entity && !uuids.has(client.players[name]?.uuid));
  return { entities: bot.reported.length - missing.length, missing };
}

process.on('message', (message: unknown) => {
  if (message === 'report') {
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    process.send?.({
      cpuSeconds: (cpu.user + cpu.system) / 1e6, rss: memory.rss, heapUsed: memory.heapUsed, reported: bot?.reported.length ?? 0, transport: transport.stats(),
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6, status: bot?.status, seen: seen(),
    });
    loopDelay.reset();
  } else if (message === 'close') {
    void bridge.stop().then(() => process.send?.('closed', () => process.exit(0)));
  }
});
