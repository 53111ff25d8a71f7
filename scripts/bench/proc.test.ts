import { describe, expect, it } from 'vitest';
import { parseProcStat, parseRssKiB, ticksOfTree, treeOf } from './proc';

// Fields after the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime …
const line = (pid: number, name: string, ppid: number, utime: number, stime: number, cutime = 0, cstime = 0) =>
  `${pid} (${name}) S ${ppid} 1 1 0 -1 4194304 10 0 0 0 ${utime} ${stime} ${cutime} ${cstime} 20 0 1 0 100 1000 50\n`;

describe('parseProcStat', () => {
  it('reads the parent and the CPU ticks', () => {
    expect(parseProcStat(line(42, 'node', 7, 120, 30, 5, 1))).toEqual({
      pid: 42,
      ppid: 7,
      ownTicks: 150,
      reapedChildrenTicks: 6,
    });
  });

  it('counts fields from the last parenthesis, whatever the command name holds', () => {
    const stat = parseProcStat(line(9, 'postgres: bench (42) idle) S 3', 1, 4, 2));
    expect(stat).toMatchObject({ pid: 9, ppid: 1, ownTicks: 6 });
  });

  it('refuses a line it cannot read', () => {
    expect(() => parseProcStat('12 (x) S')).toThrow(/malformed/);
  });
});

describe('process trees', () => {
  const table = [
    parseProcStat(line(1, 'init', 0, 1000, 1000)),
    parseProcStat(line(10, 'postgres', 1, 100, 20, 300, 40)),
    parseProcStat(line(11, 'postgres: walwriter', 10, 5, 5)),
    parseProcStat(line(12, 'postgres: bench', 10, 50, 10)),
    parseProcStat(line(13, 'postgres: parallel worker', 12, 7, 3)),
    parseProcStat(line(20, 'next-server', 1, 900, 100)),
  ];

  it('holds the root and everything below it, and nothing else', () => {
    expect(
      treeOf(table, 10)
        .map((stat) => stat.pid)
        .sort(),
    ).toEqual([10, 11, 12, 13]);
    expect(treeOf(table, 99)).toEqual([]);
  });

  it('sums own and reaped-children ticks, so exited backends still count', () => {
    expect(ticksOfTree(table, 10)).toBe(100 + 20 + 300 + 40 + 10 + 60 + 10);
  });
});

describe('parseRssKiB', () => {
  it('reads VmRSS, and 0 for a process without one (a kernel thread)', () => {
    expect(parseRssKiB('Name:\tnode\nVmPeak:\t  9000 kB\nVmRSS:\t    2076 kB\nThreads:\t11\n')).toBe(2076);
    expect(parseRssKiB('Name:\tkthreadd\n')).toBe(0);
  });
});
