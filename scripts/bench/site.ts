/**
 * Builds a site into a temporary folder and serves it on loopback, for the
 * page-weight and Lighthouse measurements.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveStatic, type StaticServer } from '../../tests/browser/server.ts';
import { measureNode, type Measured } from './measure.ts';

export interface BuiltSite {
  dir: string;
  build: Measured;
}

/**
 * @example
 * const { dir, build } = buildSite({ CONTENT_DIR: '/tmp/city' });
 */
export function buildSite(env: Record<string, string> = {}): BuiltSite {
  const dir = mkdtempSync(path.join(tmpdir(), 'red-routes-bench-site-'));
  const build = measureNode(['node_modules/astro/bin/astro.mjs', 'build', '--outDir', dir], env);
  if (build.status !== 0) throw new Error(`astro build failed:\n${build.stdout}\n${build.stderr}`);
  return { dir, build };
}

export function serve(dir: string): Promise<StaticServer> {
  return serveStatic({ root: dir });
}
