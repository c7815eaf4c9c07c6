/**
 * Live sockets outlast their credentials otherwise: a graphql-ws socket is
 * authenticated once, at connection_init, and its subscriptions would run
 * for as long as it stays open; an SSE subscription is one HTTP answer that
 * never ends. Every few seconds each distinct credential of the open sockets
 * and streams is checked again in the database, past the lookup cache
 * (one lookup per credential, however many share it), so that what another
 * gateway revoked is seen here too, and those of a revoked token (an
 * owner's deletion revokes its tokens) or an ended session are closed:
 * a socket with 4403, a stream with a last event carrying the refusal;
 * those opened with a role the account (or a token's owner) no longer has
 * are closed too, to be opened again with the new one. Only an answer of
 * the database closes a socket: while it does not answer, sockets stay open.
 */
import type { ServerResponse } from 'node:http';
import { CloseCode, GraphErrorCode, WebSocketCloseCode, type Role } from '@lifestone/lib/graph';
import type { Logger } from '@lifestone/lib/log';
import type { Authenticator, Credentials } from './authenticate.js';

/** An open socket as the re-check sees it. */
export interface CheckedSocket {
  close(code: number, reason: string): void;
}

/** How often the credentials of open sockets are checked again. @default 5000 */
export const REVALIDATE_MS = 5_000;

/** Credentials looked up at once by a re-check: one stalled lookup holds up no more than its own. */
const CHECKS_AT_ONCE = 4;

/** The close code and reason of a socket whose credentials no longer hold (graphql-ws's Forbidden). */
const REVOKED = { code: CloseCode.Forbidden, reason: 'Forbidden: these credentials were revoked or ended; authenticate again' } as const;

/**
 * The close code and reason of a socket whose account's role changed: its
 * subscriptions were authorised, and shared, with the old role. 1012
 * (Service Restart) is one graphql-ws clients reconnect after, getting the
 * new role; the credentials themselves still hold.
 */
export const ROLE_CHANGED = { code: WebSocketCloseCode.ServiceRestart, reason: "This account's role changed: reconnect to continue with the new one" } as const;

/** What a watched socket was authenticated with. */
interface Watched {
  credentials: Credentials;
  /** The role it was opened with; unset: not compared. */
  role?: Role;
}

export class SocketRevalidation {
  private readonly sockets = new Map<CheckedSocket, Watched>();
  private readonly timer: NodeJS.Timeout;
  private running = false;

  constructor(private readonly options: { authenticator: Authenticator; log: Logger; intervalMs?: number }) {
    this.timer = setInterval(() => void this.check(), options.intervalMs ?? REVALIDATE_MS);
    this.timer.unref();
  }

  /** Watches `socket`, authenticated with `credentials` as `role`, until {@link forget}. */
  watch(socket: CheckedSocket, credentials: Credentials, role?: Role): void {
    this.sockets.set(socket, { credentials, role });
  }

  /**
   * Watches an SSE answer (a subscription over HTTP) until it ends; when its
   * credentials no longer hold it gets a last `next` event with the refusal
   * (UNAUTHENTICATED), `complete`, and its end.
   */
  watchEventStream(response: ServerResponse, credentials: Credentials, role?: Role): void {
    const stream: CheckedSocket = {
      close: (code, reason) => {
        if (response.writableEnded) return;
        // The runtime may still write an event it had under way: ignore that write after the end.
        response.on('error', () => {});
        const refusal = JSON.stringify({ errors: [{ message: reason, extensions: { code: code === ROLE_CHANGED.code ? GraphErrorCode.FORBIDDEN : GraphErrorCode.UNAUTHENTICATED } }] });
        response.end(`event: next\ndata: ${refusal}\n\nevent: complete\ndata:\n\n`);
      },
    };
    this.watch(stream, credentials, role);
    response.once('close', () => this.forget(stream));
  }

  forget(socket: CheckedSocket): void {
    this.sockets.delete(socket);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * Checks every distinct credential once, a few at a time, and closes the
   * sockets of those that no longer authenticate. A credential the database
   * does not answer for keeps its last good answer (see Authenticator), or,
   * with none, keeps its sockets until the next check: a stalled database
   * cuts nothing.
   */
  async check(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const byCredential = new Map<string, { credentials: Credentials; sockets: CheckedSocket[] }>();
      for (const [socket, { credentials }] of this.sockets) {
        const key = `${credentials.authorization ?? ''}\n${credentials.cookie ?? ''}`;
        const group = byCredential.get(key);
        if (group) group.sockets.push(socket);
        else byCredential.set(key, { credentials, sockets: [socket] });
      }
      const groups = [...byCredential.values()];
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < groups.length) await this.recheck(groups[next++] as { credentials: Credentials; sockets: CheckedSocket[] });
      };
      await Promise.all(Array.from({ length: Math.min(CHECKS_AT_ONCE, groups.length) }, worker));
    } finally {
      this.running = false;
    }
  }

  private async recheck({ credentials, sockets }: { credentials: Credentials; sockets: CheckedSocket[] }): Promise<void> {
    let authentication;
    try {
      authentication = await this.options.authenticator.authenticate(credentials, { fresh: true });
    } catch (error) {
      this.options.log.warn({ err: error, sockets: sockets.length }, 'checking the credentials of open sockets failed; keeping them until the next check');
      return;
    }
    if (authentication.status === 'authenticated') {
      const { role } = authentication.identity;
      const changed = sockets.filter((socket) => ![undefined, role].includes(this.sockets.get(socket)?.role));
      if (changed.length > 0) this.options.log.info({ sockets: changed.length, role }, 'closing sockets opened with a role the account no longer has');
      for (const socket of changed) {
        this.sockets.delete(socket);
        socket.close(ROLE_CHANGED.code, ROLE_CHANGED.reason);
      }
      return;
    }
    this.options.log.info({ sockets: sockets.length }, 'closing sockets whose credentials were revoked or ended');
    for (const socket of sockets) {
      this.sockets.delete(socket);
      socket.close(REVOKED.code, REVOKED.reason);
    }
  }
}
