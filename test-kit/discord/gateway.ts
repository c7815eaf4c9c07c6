/**
 * Discord's gateway v10 (JSON, optionally `compress=zlib-stream`) on the
 * stand-in's port: HELLO, IDENTIFY → READY then GUILD_CREATE, HEARTBEAT →
 * HEARTBEAT_ACK, RESUME → the missed dispatches then RESUMED, INVALID_SESSION
 * for a session it does not know, RECONNECT on demand. Sessions outlive their
 * connection, as Discord's do, so that a client cut off by an outage resumes
 * and receives what was dispatched meanwhile.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { constants as zlibConstants, createDeflate, type Deflate } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayIntentBits, GatewayOpcodes, MessageFlags, type ApplicationFlags, type GatewayReadyDispatchData } from 'discord-api-types/v10';
import { WebSocketServer, type WebSocket } from 'ws';
import type { StandInState } from './state.js';

/** Discord's own interval, used unless a test asks for a shorter one. */
export const DISCORD_HEARTBEAT_MS = 41_250;

/** Dispatches a session keeps for replay on RESUME. */
const REPLAY_LIMIT = 1000;

/** A dispatch (op 0) as sent. */
interface Dispatch {
  op: GatewayOpcodes.Dispatch;
  t: string;
  s: number;
  d: unknown;
}

interface Session {
  id: string;
  intents: number;
  seq: number;
  sent: Dispatch[];
  connection: Connection | null;
}

interface Connection {
  socket: WebSocket;
  session: Session | null;
  /** One deflate context for the connection's life, as zlib-stream requires. */
  deflate: Deflate | null;
  /** Compressed sends in order: each collects the deflate output up to its own flush. */
  compressed: Promise<void>;
  /** The stand-in closed it, so the close code echoed back says nothing about the client's intent. */
  closedByServer: boolean;
}

/** The intent a dispatch needs to reach a session; events absent here always do. */
const requiredIntent: Partial<Record<string, GatewayIntentBits>> = {
  [GatewayDispatchEvents.GuildCreate]: GatewayIntentBits.Guilds,
  [GatewayDispatchEvents.MessageCreate]: GatewayIntentBits.GuildMessages,
};

/** The stand-in's gateway: sessions and their connections. */
export class Gateway {
  readonly #server = new WebSocketServer({ noServer: true });
  readonly #sessions = new Map<string, Session>();
  readonly #connections = new Set<Connection>();
  #away = false;

  constructor(
    private readonly state: StandInState,
    private readonly heartbeatMs: number,
  ) {
    state.on('message', (message) => {
      if (message.flags & MessageFlags.Ephemeral) return; // only the person who asked sees it
      this.dispatch(GatewayDispatchEvents.MessageCreate, { ...state.apiMessage(message), guild_id: state.guild.id });
    });
  }

  /** Takes an HTTP upgrade; refused with 503 while the stand-in is away, as an unreachable gateway is. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.#away) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.#server.handleUpgrade(request, socket, head, (ws) => this.#accept(ws, new URL(request.url ?? '/', 'http://stand-in').searchParams));
  }

  /** Sends an event to every session, or keeps it for replay where the session is disconnected. */
  dispatch(event: string, data: unknown): void {
    for (const session of this.#sessions.values()) this.#dispatchTo(session, event, data);
  }

  /** Asks every connected client to reconnect and resume (op 7). */
  reconnect(): void {
    for (const connection of this.#connections) this.#send(connection, { op: GatewayOpcodes.Reconnect, d: null });
  }

  /** Forgets every session; connected clients get INVALID_SESSION (op 9, not resumable) when `notify`, and must IDENTIFY again. */
  invalidateSessions(notify: boolean): void {
    if (notify) for (const session of this.#sessions.values()) if (session.connection) this.#invalidSession(session.connection);
    this.#sessions.clear();
  }

  /** Closes every connection with `closeCode` and refuses new ones until `comeBack`. */
  goAway(closeCode: number): void {
    this.#away = true;
    for (const connection of this.#connections) this.#close(connection, closeCode, 'the gateway is going away');
  }

  comeBack(): void {
    this.#away = false;
  }

  close(): void {
    for (const connection of this.#connections) connection.socket.terminate();
    this.#server.close();
  }

  #accept(socket: WebSocket, query: URLSearchParams): void {
    const connection: Connection = { socket, session: null, deflate: null, compressed: Promise.resolve(), closedByServer: false };
    this.#connections.add(connection);
    this.state.counters.connections += 1;
    this.state.changed();
    socket.on('close', (code) => {
      this.#connections.delete(connection);
      connection.deflate?.close();
      const session = connection.session;
      if (!session || session.connection !== connection) return;
      session.connection = null;
      // A client closing with 1000 or 1001 ends its session on Discord; other codes keep it resumable.
      if (!connection.closedByServer && (code === 1000 || code === 1001)) this.#sessions.delete(session.id);
    });
    if (query.get('v') !== '10') return this.#close(connection, GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
    if (query.get('encoding') !== 'json') return this.#close(connection, GatewayCloseCodes.DecodeError, 'the stand-in speaks JSON only');
    const compress = query.get('compress');
    if (compress === 'zlib-stream') connection.deflate = createDeflate();
    else if (compress !== null) return this.#close(connection, GatewayCloseCodes.DecodeError, `unknown compression ${compress}`);
    socket.on('message', (data) => this.#receive(connection, String(data)));
    this.#send(connection, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.heartbeatMs } });
  }

  #receive(connection: Connection, text: string): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      payload = JSON.parse(text) as typeof payload;
    } catch {
      return this.#close(connection, GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
    }
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.state.counters.heartbeats += 1;
        this.#send(connection, { op: GatewayOpcodes.HeartbeatAck, d: null });
        this.state.changed();
        return;
      case GatewayOpcodes.Identify:
        return this.#identify(connection, payload.d as { token?: string; intents?: number; shard?: [number, number] });
      case GatewayOpcodes.Resume:
        return this.#resume(connection, payload.d as { token?: string; session_id?: string; seq?: number });
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.RequestGuildMembers:
      case GatewayOpcodes.VoiceStateUpdate:
        if (!connection.session) this.#close(connection, GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
        return;
      default:
        return this.#close(connection, GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
    }
  }

  #identify(connection: Connection, identify: { token?: string; intents?: number; shard?: [number, number] }): void {
    if (connection.session) return this.#close(connection, GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
    if (identify.token !== this.state.token) return this.#close(connection, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
    const session: Session = { id: randomBytes(16).toString('hex'), intents: identify.intents ?? 0, seq: 0, sent: [], connection };
    this.#sessions.set(session.id, session);
    connection.session = session;
    this.state.counters.identifies += 1;
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: this.state.bot,
      guilds: [{ id: this.state.guild.id, unavailable: true }],
      session_id: session.id,
      resume_gateway_url: this.state.gatewayUrl,
      shard: identify.shard ?? [0, 1],
      application: { id: this.state.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
    };
    this.#dispatchTo(session, GatewayDispatchEvents.Ready, ready);
    this.#dispatchTo(session, GatewayDispatchEvents.GuildCreate, this.state.apiGuild());
    this.state.changed();
  }

  #resume(connection: Connection, resume: { token?: string; session_id?: string; seq?: number }): void {
    if (connection.session) return this.#close(connection, GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
    if (resume.token !== this.state.token) return this.#close(connection, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
    const session = this.#sessions.get(resume.session_id ?? '');
    if (!session) return this.#invalidSession(connection);
    const seq = resume.seq ?? 0;
    if (seq > session.seq) return this.#close(connection, GatewayCloseCodes.InvalidSeq, 'Invalid seq.');
    if (session.connection) session.connection.socket.terminate();
    session.connection = connection;
    connection.session = session;
    this.state.counters.resumes += 1;
    for (const dispatch of session.sent) if (dispatch.s > seq) this.#send(connection, dispatch);
    this.#dispatchTo(session, GatewayDispatchEvents.Resumed, null);
    this.state.changed();
  }

  #invalidSession(connection: Connection): void {
    this.state.counters.invalidSessions += 1;
    connection.session = null;
    this.#send(connection, { op: GatewayOpcodes.InvalidSession, d: false });
    this.state.changed();
  }

  #dispatchTo(session: Session, event: string, data: unknown): void {
    const intent = requiredIntent[event];
    if (intent !== undefined && (session.intents & intent) === 0) return;
    session.seq += 1;
    const dispatch: Dispatch = { op: GatewayOpcodes.Dispatch, t: event, s: session.seq, d: data };
    session.sent.push(dispatch);
    if (session.sent.length > REPLAY_LIMIT) session.sent.shift();
    if (session.connection) this.#send(session.connection, dispatch);
  }

  #send(connection: Connection, payload: { op: GatewayOpcodes; d: unknown; s?: number; t?: string }): void {
    const text = JSON.stringify({ s: null, t: null, ...payload });
    const { deflate, socket } = connection;
    if (!deflate) {
      socket.send(text);
      return;
    }
    // zlib-stream: one deflate context for the connection, each payload ending in a sync flush (00 00 ff ff).
    connection.compressed = connection.compressed.then(
      () =>
        new Promise<void>((resolve) => {
          const chunks: Buffer[] = [];
          const collect = (chunk: Buffer) => chunks.push(chunk);
          deflate.on('data', collect);
          deflate.write(text);
          deflate.flush(zlibConstants.Z_SYNC_FLUSH, () => {
            deflate.off('data', collect);
            if (socket.readyState === socket.OPEN) socket.send(Buffer.concat(chunks));
            resolve();
          });
        }),
    );
  }

  #close(connection: Connection, code: number, reason: string): void {
    connection.closedByServer = true;
    connection.socket.close(code, reason);
  }
}
