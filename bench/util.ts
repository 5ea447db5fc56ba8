// Small helpers shared by the benchmarks: the docker CLI, timing, statistics and CPU accounting.
// Everything a benchmark creates is named dne-bench-* and labelled dne.bench=1.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const BENCH_LABEL = 'dne.bench=1';
export const BENCH_PREFIX = 'dne-bench-';
export const BENCH_IMAGE = 'dne-busybox:local';
export const SOCKET_PATH = '/var/run/docker.sock';

/** Runs a program with an argument array (never a shell) and returns its trimmed stdout. */
export async function sh(cmd: string, args: readonly string[]): Promise<string> {
  const { stdout } = await execFileAsync(cmd, [...args], { maxBuffer: 512 * 1024 * 1024 });
  return stdout.trim();
}

export const docker = (...args: string[]): Promise<string> => sh('docker', args);

export const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export const now = (): number => performance.now();

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Nearest-rank percentile. */
export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] as number;
}

export interface Sample {
  /** Wall-clock ms per iteration. */
  ms: number[];
  /** CPU ms this node process used per iteration (user + system). */
  nodeCpuMs: number[];
  /** CPU ms dockerd used per iteration: its total over all iterations ÷ iterations (ticks are 10 ms). */
  dockerdCpuMsPerIter: number;
}

export interface Summary {
  median: number;
  p90: number;
  min: number;
  n: number;
  nodeCpuMedian: number;
  dockerdCpuMean: number;
}

export function summarize(s: Sample): Summary {
  return {
    median: median(s.ms),
    p90: percentile(s.ms, 90),
    min: Math.min(...s.ms),
    n: s.ms.length,
    nodeCpuMedian: median(s.nodeCpuMs),
    dockerdCpuMean: s.dockerdCpuMsPerIter,
  };
}

const CLK_TCK = 100;

function dockerdPid(): number | undefined {
  try {
    const pid = Number(readFileSync('/var/run/docker.pid', 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

const DOCKERD_PID = dockerdPid();

/** dockerd's total CPU time in ms (utime + stime from /proc/<pid>/stat), read-only. */
function dockerdCpuMs(): number | undefined {
  if (DOCKERD_PID === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${DOCKERD_PID}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLK_TCK;
  } catch {
    return undefined;
  }
}

/** Warms up, then times `iterations` sequential runs of `fn`. */
export async function measure(fn: () => Promise<unknown>, warmup: number, iterations: number): Promise<Sample> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: Sample = { ms: [], nodeCpuMs: [], dockerdCpuMsPerIter: NaN };
  const d0 = dockerdCpuMs();
  for (let i = 0; i < iterations; i++) {
    const c0 = process.cpuUsage();
    const t0 = now();
    await fn();
    out.ms.push(now() - t0);
    const c = process.cpuUsage(c0);
    out.nodeCpuMs.push((c.user + c.system) / 1000);
  }
  const d1 = dockerdCpuMs();
  if (d0 !== undefined && d1 !== undefined) out.dockerdCpuMsPerIter = (d1 - d0) / iterations;
  return out;
}

export const fmt = (ms: number, digits = 1): string => (Number.isFinite(ms) ? ms.toFixed(digits) : 'n/a');
