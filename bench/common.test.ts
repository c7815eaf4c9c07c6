import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { cpuReading, cpuSecondsBetween } from './common.js';

/** utime + stime and the parent of a process, from its /proc stat file. */
function stat(pid: number): { seconds: number; parent: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return { seconds: (Number(fields[11]) + Number(fields[12])) / 100, parent: Number(fields[1]) };
}

describe.runIf(process.platform === 'linux')('CPU readings', () => {
  it("count a PostgreSQL backend that ended between two readings, through its postmaster's reaped total", async () => {
    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    const backend = (client as unknown as { processID: number }).processID;
    const postmaster = stat(backend).parent;
    const from = cpuReading();
    await client.query("SELECT count(*) FROM generate_series(1, 1000000) AS g WHERE md5(g::text) LIKE 'a%'");
    const used = stat(backend).seconds - (from.processes.get(backend)?.seconds ?? 0);
    await client.end();
    // Gone from /proc once the postmaster has waited for it (a zombie still has its folder).
    for (let waited = 0; existsSync(`/proc/${backend}`) && waited < 5_000; waited += 20) await sleep(20);
    expect(existsSync(`/proc/${backend}`)).toBe(false);
    const to = cpuReading();
    expect(to.processes.has(backend)).toBe(false);

    expect(used).toBeGreaterThan(0.1);
    // Other backends ending meanwhile only add to the postmaster's total; without it, this read about 0.
    expect(cpuSecondsBetween(from, to, [postmaster, backend])).toBeGreaterThanOrEqual(used * 0.9);
  });
});
