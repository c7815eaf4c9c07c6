/**
 * bench:minecraft's bridge, in a process of its own so that its CPU and
 * memory are its alone: one server, the real protocol 2 transport to ingest.
 * Posts `ready`; on `report` posts its CPU seconds, memory and transport
 * counts; on `close` stops the bridge and posts `closed`.
 */
import { pluginTransport, startMinecraftBridge } from '@lifestone/minecraft';

const [host = '127.0.0.1', port = '0', ingestUrl = '', secret = ''] = process.argv.slice(2);
const log = { info() {}, warn(fields: object, message: string) { process.stderr.write(`bridge: ${message} ${JSON.stringify(fields)}\n`); } };
const transport = pluginTransport({ url: ingestUrl, secret, log });
const bridge = startMinecraftBridge({ servers: [{ name: 'bench', host, port: Number(port) }], transport, log });
const bot = bridge.bots[0];
const started = setInterval(() => {
  if (bot?.status !== 'online') return;
  clearInterval(started);
  process.send?.('ready');
}, 50);

process.on('message', (message: unknown) => {
  if (message === 'report') {
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    process.send?.({ cpuSeconds: (cpu.user + cpu.system) / 1e6, rss: memory.rss, heapUsed: memory.heapUsed, reported: bot?.reported.length ?? 0, transport: transport.stats() });
  } else if (message === 'close') {
    void bridge.stop().then(() => process.send?.('closed', () => process.exit(0)));
  }
});
