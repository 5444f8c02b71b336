/**
 * The whole build at scale (SCALE: stations, routes and buildings with
 * bodies: checks, pages, search index) beside a bare Astro 7 build of the
 * same Markdown files — the floor any Astro site pays — in the same run.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BuildStep, parseStepSummary } from '../../src/lib/site/build-steps.ts';
import { generateContent } from './generate.ts';
import { measureNode, type Measured } from './measure.ts';
import { buildSite } from './site.ts';

export interface BuildScale {
  stations: number;
  buildings: number;
  routes: number;
  /** Entries with a page of their own: stations, buildings and routes. */
  entries: number;
  /** HTML pages the full build wrote (entry pages, worksheets, plaques, lists…), counted in its output. */
  htmlPages: number;
  /** Medians over the rounds: one run alone swings by a second or more on a shared 2-core machine. */
  full: Pick<Measured, 'seconds' | 'peakMB'>;
  bare: Pick<Measured, 'seconds' | 'peakMB'>;
  /** Every run, in order: rounds alternate full and bare so both see the same machine. */
  runs: { full: Pick<Measured, 'seconds' | 'peakMB'>[]; bare: Pick<Measured, 'seconds' | 'peakMB'>[] };
  /** Seconds per step of the full build whose time was the median, from its log's last line (src/lib/site/build-steps.ts). */
  steps: Partial<Record<BuildStep, number>>;
}

/** HTML files under a directory. */
function countHtml(dir: string): number {
  return readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.html')).length;
}

const COLLECTIONS = ['stations', 'buildings', 'routes'];

/** A minimal Astro project: glob collections over the same files, one page per entry rendering its body. */
function bareProject(contentDir: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'red-routes-bare-'));
  mkdirSync(path.join(dir, 'src/pages/[collection]'), { recursive: true });
  symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'));
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    path.join(dir, 'astro.config.mjs'),
    "import { defineConfig } from 'astro/config';\nimport mdx from '@astrojs/mdx';\nexport default defineConfig({ integrations: [mdx()] });\n",
  );
  writeFileSync(
    path.join(dir, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';\nimport { glob } from 'astro/loaders';\n` +
      `export const collections = {\n${COLLECTIONS.map(
        (c) => `  ${c}: defineCollection({ loader: glob({ pattern: '*.{md,mdx}', base: ${JSON.stringify(path.join(contentDir, c))} }) }),`,
      ).join('\n')}\n};\n`,
  );
  writeFileSync(
    path.join(dir, 'src/pages/[collection]/[id].astro'),
    `---\nimport { getCollection, render } from 'astro:content';\n` +
      `export async function getStaticPaths() {\n  const all = await Promise.all(${JSON.stringify(COLLECTIONS)}.map((c) => getCollection(c)));\n` +
      `  return all.flat().map((entry) => ({ params: { collection: entry.collection, id: entry.id }, props: { entry } }));\n}\n` +
      `const { entry } = Astro.props;\nconst { Content } = await render(entry);\n---\n` +
      `<html lang="zh-CN"><head><meta charset="utf-8" /><title>{entry.data.name ?? entry.data.title}</title></head><body><h1>{entry.data.name ?? entry.data.title}</h1><Content /></body></html>\n`,
  );
  return dir;
}

const SCALE = { stations: 300, routes: 100, extraBuildings: 800 };

/** The middle value (the upper one of an even count). */
function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/**
 * @example
 * benchBuildScale({ rounds: 3 }) // { full: { seconds: 8.1, peakMB: 930 }, bare: { seconds: 2.6, … }, … }
 */
export function benchBuildScale(options: { rounds?: number } = {}): BuildScale {
  const { rounds = 3 } = options;
  const contentDir = generateContent(path.join(tmpdir(), 'red-routes-bench-build'), {
    ...SCALE,
    routeLengthM: 3_000,
    sideM: 12_000,
    bodies: true,
    coverStops: true,
  });
  const bareDir = bareProject(contentDir);
  const fulls: Measured[] = [];
  const bares: Measured[] = [];
  let htmlPages = 0;
  for (let round = 0; round < rounds; round++) {
    const { build, dir } = buildSite({ CONTENT_DIR: contentDir });
    htmlPages = countHtml(dir);
    rmSync(dir, { recursive: true, force: true });
    fulls.push(build);
    const bare = measureNode(['node_modules/astro/bin/astro.mjs', 'build', '--root', bareDir]);
    if (bare.status !== 0) throw new Error(`bare astro build failed:\n${bare.stdout}\n${bare.stderr}`);
    bares.push(bare);
    // Every round starts from an empty output folder, as the full build's fresh one does.
    rmSync(path.join(bareDir, 'dist'), { recursive: true, force: true });
  }
  rmSync(bareDir, { recursive: true, force: true });
  const pick = ({ seconds, peakMB }: Measured) => ({ seconds, peakMB });
  const middle = (runs: Measured[]) => ({ seconds: median(runs.map((r) => r.seconds)), peakMB: median(runs.map((r) => r.peakMB)) });
  const full = middle(fulls);
  const medianFull = fulls.find((r) => r.seconds === full.seconds)!;
  // Each route has a building at either end besides the extra ones.
  const buildings = SCALE.extraBuildings + 2 * SCALE.routes;
  return {
    stations: SCALE.stations,
    buildings,
    routes: SCALE.routes,
    entries: SCALE.stations + buildings + SCALE.routes,
    htmlPages,
    full,
    bare: middle(bares),
    runs: { full: fulls.map(pick), bare: bares.map(pick) },
    steps: parseStepSummary(medianFull.stdout) ?? {},
  };
}
