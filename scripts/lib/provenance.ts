/**
 * Where a published figure came from: the date, and the commit the
 * measuring script ran on (with a note when the working tree had changes).
 */
import { spawnSync } from 'node:child_process';

/**
 * @example
 * provenance() // '2026-11-29, commit 3b4002d'
 */
export function provenance(): string {
  const git = (...args: string[]) => spawnSync('git', args, { encoding: 'utf8' }).stdout?.trim() ?? '';
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  const dirty = git('status', '--porcelain', '--untracked-files=no') ? ' with uncommitted changes' : '';
  return `${new Date().toISOString().slice(0, 10)}, commit ${commit}${dirty}`;
}
