/** What Lifestone uses of flying-squid, which ships no types. */
declare module 'flying-squid' {
  import type { EventEmitter } from 'node:events';

  interface SquidPlayer {
    id: number;
    username: string;
    _client: { write(packet: string, fields: object): void };
    op: boolean;
    gameMode: number;
    position: { x: number; y: number; z: number };
  }

  interface SquidClient {
    write(packet: string, fields: object): void;
    end(reason: string): void;
  }

  export interface MCServer extends EventEmitter {
    players: SquidPlayer[];
    log(message: string): void;
    waitForReady(timeoutMs?: number): Promise<boolean>;
    getPlayer(username: string): SquidPlayer | null;
    destroy(): Promise<void>;
    /** The version's data (minecraft-data), its protocol's packet layouts among it. */
    registry: { blocksByName: Record<string, { defaultState: number }>; protocol?: { play?: { toClient?: { types?: Record<string, unknown> } } } };
    /** The overworld, for `setBlock`. */
    overworld: object;
    /** Sets a block by state id, as `/setblock` does, and tells the players in that world. */
    setBlock(world: object, position: { x: number; y: number; z: number }, stateId: number): Promise<void>;
    /** minecraft-protocol's server: one client per connection. */
    _server: {
      socketServer: { address(): { port: number } };
      clients: Record<string, SquidClient>;
      on(event: 'connection', listener: (client: SquidClient) => void): void;
    };
  }

  export function createMCServer(options: Record<string, unknown>): MCServer;
  const squid: { createMCServer: typeof createMCServer };
  export default squid;
}
