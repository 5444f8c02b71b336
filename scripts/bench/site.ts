/**
 * Builds a site into a temporary folder and serves it on loopback, for the
 * page-weight and Lighthouse measurements.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
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

/**
 * Gzipped size of the built assets whose file name matches, KB.
 *
 * @example
 * assetsGzipKB(dir, /maplibre/i) // 431.2 (map code, worker and style sheet)
 */
export function assetsGzipKB(dir: string, name: RegExp): number {
  const assets = path.join(dir, '_astro');
  const bytes = readdirSync(assets)
    .filter((f) => name.test(f))
    .reduce((sum, f) => sum + gzipSync(readFileSync(path.join(assets, f))).length, 0);
  return bytes / 1024;
}
