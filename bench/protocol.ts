import { cpus } from 'node:os';
import { parseFrame } from '@lifestone/lib/protocol';

/**
 * Parser throughput on one core (`npm run bench:protocol`): frames per second
 * for typical frames, against JSON.parse alone on the same text as the
 * baseline. Ingest needs 20,000 frames/s on 2 cores for everything it does.
 */

const receivedAt = new Date();
const position = { ew: 33.4, ns: -12.75, z: 0.05, heading: 270.5, landblock: '0xA9B40019' };
const envelope = { character_name: 'Thorn Oakheart', timestamp: '2024-05-01T11:59:58.500Z', session_id: 'login-7' };
const item = (id: number) => ({
  id,
  name: `Fire Tachi ${id}`,
  object_class: 'MeleeWeapon',
  container_id: 0,
  equipped_slot: null,
  value: 25_000,
  burden: 350,
  material: 'Steel',
  spells: ['Blood Drinker VIII', 'Epic Heart Seeker'],
  tinks: 9,
  workmanship: 8.25,
  wield_requirements: [{ skill: 'Heavy Weapons', level: 375 }],
  ratings: { damage: 3 },
  icon: 0x6001,
});

const frames: Array<[name: string, wire: object, iterations: number]> = [
  [
    'telemetry',
    {
      type: 'telemetry',
      ...envelope,
      ...position,
      kills: 42,
      deaths: 1,
      rares_found: 2,
      prismatic_taper_count: 350,
      kills_per_hour: 120.5,
      onlinetime: '01:02:03',
      vt_state: 'Combat',
      mem_mb: 512.5,
      cpu_pct: 7.5,
      latency_ms: 80,
    },
    200_000,
  ],
  ['telemetry, numbers as strings', { type: 'telemetry', ...envelope, ew: '33.4', ns: '-12.75', z: '0.05', kills: '42' }, 200_000],
  ['vitals', { type: 'vitals', ...envelope, health_pct: 88.5, stamina_pct: 100, mana_pct: 12, vitae_pct: 0 }, 200_000],
  ['full_inventory of 200 items', { type: 'full_inventory', ...envelope, items: Array.from({ length: 200 }, (_, i) => item(i)) }, 1_000],
];

function perSecond(iterations: number, run: () => void): number {
  for (let i = 0; i < iterations / 10; i++) run();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) run();
  return (iterations * 1e9) / Number(process.hrtime.bigint() - start);
}

const cpu = cpus();
console.log(`Node ${process.version}, ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}; one core`);
for (const [name, wire, iterations] of frames) {
  const text = JSON.stringify(wire);
  const baseline = perSecond(iterations, () => JSON.parse(text));
  const parser = perSecond(iterations, () => {
    if (!parseFrame(text, receivedAt).ok) throw new Error(`${name} was refused`);
  });
  const format = (rate: number) => `${Math.round(rate).toLocaleString('en-US')}/s`.padStart(12);
  console.log(`${name.padEnd(30)} parseFrame ${format(parser)}   JSON.parse alone ${format(baseline)}   (${(baseline / parser).toFixed(1)}x the cost)`);
}
