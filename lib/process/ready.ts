/**
 * What a service process tells the process that started it once it serves,
 * when that process gave it an IPC channel (Node's `child_process.fork`, or
 * `spawn` with an `'ipc'` stdio entry): the address it listens on. A
 * supervisor that starts services on port 0 learns their ports this way,
 * with no window in which another process can take a port it chose.
 */
export interface ReadyMessage {
  type: 'lifestone:ready';
  /** Which service: `ingest`, `gateway`, `subgraph-telemetry`, ... */
  service: string;
  /** The URL it serves (`http://host:port/...`). */
  url: string;
}

/** Sends {@link ReadyMessage} to the parent process, if it is listening on an IPC channel; does nothing otherwise. */
export function announceReady(service: string, url: string): void {
  if (!process.send || !process.connected) return;
  const message: ReadyMessage = { type: 'lifestone:ready', service, url };
  process.send(message);
}

/** Whether `message`, received from a child process, is its {@link ReadyMessage}. */
export function isReadyMessage(message: unknown): message is ReadyMessage {
  const candidate = message as Partial<ReadyMessage> | null;
  return typeof candidate === 'object' && candidate !== null && candidate.type === 'lifestone:ready' && typeof candidate.url === 'string' && typeof candidate.service === 'string';
}
