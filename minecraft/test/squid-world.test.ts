import { once } from 'node:events';
import type { Bot } from 'mineflayer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, joinPlayer, leave, playerEnded, startTestMinecraftServer, walkTo, type TestMinecraftServer } from '@lifestone/test-kit/minecraft';

describe('the flying-squid world of the demo and the tests', () => {
  let minecraft: TestMinecraftServer;
  let alice: Bot;
  let bob: Bot;

  beforeAll(async () => {
    minecraft = await startTestMinecraftServer();
    alice = await joinPlayer(minecraft.port, 'Alice');
    bob = await joinPlayer(minecraft.port, 'Bob');
    await walkTo(bob, alice.entity.position, 3);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([alice, bob].filter(Boolean).map((player) => leave(player)));
    await minecraft?.close();
  });

  it('tells the players nearby of one who teleports, and keeps their connections', async () => {
    // A move of more than 7 blocks at once reaches those nearby as entity_teleport, a packet whose 1.21.2 shape
    // flying-squid 1.12 does not write: it broke their connections, and the bridge's bot teleports to whom it follows.
    const to = { x: Math.floor(alice.entity.position.x) + 12.5, y: Math.floor(bob.entity.position.y), z: Math.floor(alice.entity.position.z) + 0.5 };
    bob.chat(`/tp Bob ${to.x} ${to.y} ${to.z}`);
    // Alice knows Bob's entity by the id the server gave it (flying-squid names its type wrongly on 1.21.4).
    const bobsEntity = minecraft.server.getPlayer('Bob')?.id ?? -1;
    await eventually(() => {
      const seen = alice.entities[bobsEntity]?.position;
      expect(seen && Math.hypot(seen.x - to.x, seen.z - to.z)).toBeLessThan(0.5);
    }, 10_000);
    // The server sends a keep-alive every 4 s: Alice still reads what it writes to her.
    await once(alice._client, 'keep_alive');
    expect(playerEnded(alice)).toBeUndefined();
    expect(playerEnded(bob)).toBeUndefined();
  }, 30_000);
});
