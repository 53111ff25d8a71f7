/** One measured round: requests, latency, and the CPU the app and PostgreSQL spent on them. */
import autocannon from 'autocannon';
import { cpuMsOfTrees, rssMiBOfTree } from './proc';
import type { HttpScenario } from './scenarios';

export interface Round {
  /** Answers received. */
  requests: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU of the serving process tree (next-server, or the benchmark itself for raw pg). */
  appCpuMs: number;
  /** CPU of every process of the PostgreSQL cluster. */
  dbCpuMs: number;
  /** Answers with another status than the scenario expects, by status. */
  unexpected: Record<string, number>;
}

export interface Probes {
  /** The postmaster, or null when the database's processes cannot be seen from here. */
  postmasterPid: number | null;
}

export function dbCpuMs(probes: Probes): number {
  return probes.postmasterPid === null ? Number.NaN : (cpuMsOfTrees([probes.postmasterPid])[0] ?? Number.NaN);
}

export async function httpRound(
  server: { url: string; pid: number },
  scenario: HttpScenario,
  seconds: number,
  probes: Probes,
): Promise<Round> {
  const [appBefore = 0] = cpuMsOfTrees([server.pid]);
  const dbBefore = dbCpuMs(probes);
  const result = await autocannon({
    url: server.url,
    connections: scenario.connections,
    duration: seconds,
    requests: scenario.requests,
  });
  const [appAfter = 0] = cpuMsOfTrees([server.pid]);
  const dbAfter = dbCpuMs(probes);
  const unexpected: Record<string, number> = {};
  let requests = 0;
  for (const [status, stats] of Object.entries(result.statusCodeStats ?? {})) {
    const count = stats.count ?? 0;
    requests += count;
    if (Number(status) !== scenario.expectedStatus) unexpected[status] = count;
  }
  if (result.errors > 0) unexpected.errors = result.errors;
  return {
    requests,
    seconds: result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    appCpuMs: appAfter - appBefore,
    dbCpuMs: dbAfter - dbBefore,
    unexpected,
  };
}

/** The largest resident size of the app while `work` runs, sampled every 200 ms. */
export async function peakRssMiB(pid: number, work: Promise<unknown>): Promise<number> {
  let peak = rssMiBOfTree(pid);
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMiBOfTree(pid));
  }, 200);
  try {
    await work;
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, rssMiBOfTree(pid));
}
