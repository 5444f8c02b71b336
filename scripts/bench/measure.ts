/**
 * Runs a command with this Node, and measures its wall time and peak memory.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RSS = fileURLToPath(new URL('./rss.ts', import.meta.url));

export interface Measured {
  seconds: number;
  peakMB: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * @example
 * measureNode(['scripts/check.ts', '--content', dir]) // { seconds: 1.9, peakMB: 410, … }
 */
export function measureNode(args: string[], env: Record<string, string> = {}): Measured {
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--import', RSS, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${RSS}`.trim(), ...env },
  });
  const seconds = (performance.now() - start) / 1000;
  // The largest figure: a command that starts child Node processes reports each.
  const peaks = [...result.stderr.matchAll(/@@maxrss_kb=(\d+)/g)].map((m) => Number(m[1]));
  return {
    seconds,
    peakMB: peaks.length ? Math.max(...peaks) / 1024 : NaN,
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr.replace(/\n?@@maxrss_kb=\d+\n?/g, ''),
  };
}
