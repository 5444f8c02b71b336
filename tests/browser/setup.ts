/**
 * Vitest globalSetup of the `browser` project: builds the sample site once,
 * serves it on 127.0.0.1 at a free port and hands the address to the tests
 * (`inject('siteUrl')`). Torn down after the last browser test.
 *
 * Environment:
 * - `SITE_DIR=<dir>`: use an already built site, skip the build.
 * - `BASE_PATH=/red-routes/`: build (and serve) the site under a sub-folder,
 *   as for a deployment at https://example.gov.cn/red-routes/.
 * - `CONTENT_DIR=<dir>`: content to build (default: the sample `content/`).
 * - `KEEP_SITE=1`: keep the temporary build directory and print its path.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { normaliseBasePath, serveStatic, type StaticServer } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>/` or `…/<base>/`: the built site's home page. */
    siteUrl: string;
    /** `http://127.0.0.1:<port>` */
    siteOrigin: string;
    /** `/` or e.g. `/red-routes/` */
    basePath: string;
    /** The directory being served. */
    siteDir: string;
    /** Absolute path of the content the site was built from (CONTENT_DIR, else the sample `content/`). */
    contentDir: string;
    /** True when that is the sample content, whose pages the tests name. */
    sampleContent: boolean;
  }
}

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ASTRO_BIN = path.join(REPO, 'node_modules/astro/bin/astro.mjs');
const SAMPLE_CONTENT = path.join(REPO, 'content');
const CONTENT_DIR = path.resolve(REPO, process.env.CONTENT_DIR ?? SAMPLE_CONTENT);

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

/** Runs `astro build --outDir <outDir>`; rejects with the end of its output when it fails. */
async function buildSite(outDir: string, basePath: string): Promise<void> {
  const env = {
    ...process.env,
    BASE_PATH: basePath,
    CONTENT_DIR,
    // The build date decides which sample events are "coming": pinned (2026-12-01),
    // so the tests do not start failing once a sample event's date has passed.
    SOURCE_DATE_EPOCH: process.env.SOURCE_DATE_EPOCH ?? '1796083200',
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
  // process.execPath is the Node running Vitest (Node 24 from node_modules/.bin
  // under `npm test`): the build gets the same one, whatever PATH says.
  const child = spawn(process.execPath, [ASTRO_BIN, 'build', '--outDir', outDir], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) {
    const tail = output.trimEnd().split('\n').slice(-60).join('\n');
    throw new Error(
      `The sample site did not build (astro build exited ${code}), so no browser test can run.\n` +
        `Command: BASE_PATH=${basePath} ${process.execPath} ${ASTRO_BIN} build --outDir ${outDir}\n` +
        `Last lines of its output:\n${tail}`,
    );
  }
  if (process.env.BROWSER_TEST_VERBOSE) console.log(output);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const basePath = normaliseBasePath(process.env.BASE_PATH);
  let siteDir: string;
  let tempDir: string | undefined;

  if (process.env.SITE_DIR) {
    siteDir = path.resolve(process.env.SITE_DIR);
    if (!existsSync(path.join(siteDir, 'index.html'))) {
      throw new Error(`SITE_DIR=${process.env.SITE_DIR}: ${siteDir}/index.html not found. Build first (npm run build) or unset SITE_DIR.`);
    }
    console.log(`[browser] using the built site in ${siteDir} (SITE_DIR), base path ${basePath}`);
  } else {
    tempDir = mkdtempSync(path.join(os.tmpdir(), 'red-routes-site-'));
    siteDir = path.join(tempDir, 'dist');
    const started = performance.now();
    try {
      await buildSite(siteDir, basePath);
    } catch (error) {
      if (!process.env.KEEP_SITE) rmSync(tempDir, { recursive: true, force: true });
      throw error;
    }
    console.log(`[browser] built the sample site in ${seconds(started)} (base path ${basePath}) into ${siteDir}`);
  }

  let server: StaticServer;
  try {
    server = await serveStatic({ root: siteDir, basePath });
  } catch (error) {
    if (tempDir && !process.env.KEEP_SITE) rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
  project.provide('siteUrl', server.url);
  project.provide('siteOrigin', server.origin);
  project.provide('basePath', server.basePath);
  project.provide('siteDir', siteDir);
  project.provide('contentDir', CONTENT_DIR);
  project.provide('sampleContent', CONTENT_DIR === SAMPLE_CONTENT);

  return async () => {
    await server.close();
    if (tempDir) {
      if (process.env.KEEP_SITE) console.log(`[browser] kept the built site in ${siteDir}`);
      else rmSync(tempDir, { recursive: true, force: true });
    }
  };
}
