import { readdir, readFile } from 'node:fs/promises';

/** A process of this machine as `/proc/<pid>/stat` shows it. */
export interface ProcessEntry {
  pid: number;
  /** Its parent's pid. */
  parent: number;
  /** Its process group. */
  group: number;
}

/** Every process of this machine (Linux `/proc`); one that ends while it is read is left out. */
export async function processes(): Promise<ProcessEntry[]> {
  const found: ProcessEntry[] = [];
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    if (!stat) continue;
    // After the command, in parentheses (which may hold spaces and parentheses): state, parent, group.
    const [, parent, group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    found.push({ pid: Number(entry), parent: Number(parent), group: Number(group) });
  }
  return found;
}

/** `pid`'s command line, its arguments joined by spaces; empty for a process that has exited (or not yet been reaped). */
export async function commandLine(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ').trim();
}
