/**
 * CPU time and memory of process trees, read from /proc: throughput alone is too noisy on a
 * shared machine, while the CPU a request costs the app and the database barely moves with load.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcStat {
  pid: number;
  ppid: number;
  /** Clock ticks this process ran in user and kernel mode. */
  ownTicks: number;
  /** Clock ticks of its children that exited and were waited for. */
  reapedChildrenTicks: number;
}

/**
 * Parses /proc/<pid>/stat. The command name sits in parentheses and may itself hold spaces and
 * parentheses (`postgres: user db (42) idle`), so the fields are counted from the last `)`.
 */
export function parseProcStat(text: string): ProcStat {
  const close = text.lastIndexOf(')');
  const pid = Number.parseInt(text, 10);
  // From the field after the name: state, ppid, …, utime (14th field of the file), stime, cutime, cstime.
  const fields = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const number = (index: number) => {
    const value = Number(fields[index]);
    if (!Number.isFinite(value)) throw new Error(`malformed /proc stat line: ${text}`);
    return value;
  };
  return {
    pid,
    ppid: number(1),
    ownTicks: number(11) + number(12),
    reapedChildrenTicks: number(13) + number(14),
  };
}

/** `pid` and every process below it, from a snapshot of the whole process table. */
export function treeOf(stats: ProcStat[], root: number): ProcStat[] {
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const tree: ProcStat[] = [];
  const pending = stats.filter((stat) => stat.pid === root);
  for (let next = pending.pop(); next; next = pending.pop()) {
    tree.push(next);
    pending.push(...(children.get(next.pid) ?? []));
  }
  return tree;
}

/**
 * Ticks a tree has used so far. A process that exits (a PostgreSQL backend whose connection
 * closed) moves its time into its parent's reaped-children count, so nothing is lost between
 * two readings and nothing is counted twice.
 */
export function ticksOfTree(stats: ProcStat[], root: number): number {
  return treeOf(stats, root).reduce((sum, stat) => sum + stat.ownTicks + stat.reapedChildrenTicks, 0);
}

function readProcessTable(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      stats.push(parseProcStat(readFileSync(`/proc/${entry}/stat`, 'utf8')));
    } catch {
      // The process ended while the table was read.
    }
  }
  return stats;
}

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU milliseconds used so far by each tree, read at one instant. */
export function cpuMsOfTrees(roots: number[]): number[] {
  const table = readProcessTable();
  return roots.map((root) => (ticksOfTree(table, root) * 1000) / TICKS_PER_SECOND);
}

/** `VmRSS` of /proc/<pid>/status, in KiB; 0 when the process is gone. */
export function parseRssKiB(status: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) : 0;
}

/** Resident memory of a tree in MiB. */
export function rssMiBOfTree(root: number): number {
  let kib = 0;
  for (const stat of treeOf(readProcessTable(), root)) {
    try {
      kib += parseRssKiB(readFileSync(`/proc/${stat.pid}/status`, 'utf8'));
    } catch {
      // Ended meanwhile.
    }
  }
  return kib / 1024;
}

/** The parent of a process, e.g. the postmaster of a backend whose pid PostgreSQL told us. */
export function parentOf(pid: number): number | null {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8')).ppid;
  } catch {
    return null;
  }
}

/** Sends `signal` to `root` and every process below it (SIGSTOP pauses a server, SIGCONT resumes it). */
export function signalTree(root: number, signal: NodeJS.Signals): void {
  for (const stat of treeOf(readProcessTable(), root)) {
    try {
      process.kill(stat.pid, signal);
    } catch {
      // Ended meanwhile.
    }
  }
}
