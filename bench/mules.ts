/**
 * Mules for the benchmarks that search items (bench:suit, bench:scale): each
 * logs in over a real WebSocket and reports its inventory, the simulator's
 * mule gear (about 250 items each: armour of several sets, underclothes,
 * jewellery with ratings, robes).
 */
import WebSocket from 'ws';
import { Inventory, weaponSkills, type GearOwner } from '../simulator/src/gear.js';
import { Random } from '../simulator/src/random.js';

/** The name of mule `index` (0-based). */
export const muleName = (index: number): string => `Mule ${String(index + 1).padStart(3, '0')}`;

/**
 * Sends `mules` mules' `full_inventory` frames to ingest at `pluginUrl` and
 * returns how many items they hold; the sockets stay open until `close`.
 */
export async function reportMuleInventories(pluginUrl: string, secret: string, mules: number): Promise<{ items: number; close: () => void }> {
  const random = new Random(7);
  let items = 0;
  const sockets: WebSocket[] = [];
  for (let index = 0; index < mules; index++) {
    const owner: GearOwner = {
      index, level: 275, weaponSkill: random.pick(weaponSkills), element: 'slash', primarySet: random.int(0, 9), secondarySet: random.int(0, 9),
      swordAndBoard: random.chance(0.2), armorStyle: random.int(0, 2), mule: true,
    };
    const inventory = new Inventory(owner, new Random(1_000 + index)).items();
    items += inventory.length;
    const socket = new WebSocket(pluginUrl, { headers: { 'x-plugin-secret': secret } });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.send(JSON.stringify({ type: 'full_inventory', character_name: muleName(index), timestamp: new Date().toISOString(), items: inventory }));
    sockets.push(socket);
  }
  return { items, close: () => sockets.forEach((socket) => socket.close()) };
}
