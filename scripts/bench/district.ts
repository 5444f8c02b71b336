/**
 * The district picture's figures (issue 11): the report with vacuums and
 * `--suggest` for the whole district (13 街镇 from OpenStreetMap and the
 * sourced stations), and the same at city scale (10,000 generated stations
 * over a 100 km square split into 100 sub-regions). Each is timed as
 * `npm run check` in a child process (wall time and peak memory), beside
 * in-process timings of the parts the pages call.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCheck } from '../../src/lib/geo/check.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { createSitePlanner } from '../../src/lib/district/siting.ts';
import { METRES_PER_DEGREE } from '../../src/lib/geo/distance.ts';
import { writeDistrictContent } from './district-content.ts';
import { generateContent } from './generate.ts';
import { measureNode } from './measure.ts';

export interface DistrictRun {
  stations: number;
  regions: number;
  vacuums: number;
  /** Size of the vacuums' outlines in the JSON report, bytes. */
  vacuumBytes: number;
  report: { seconds: number; peakMB: number };
  suggest: { seconds: number; peakMB: number; k: number; coveredBefore: number; coveredAfter: number };
  /** In-process: `runCheck` alone, and the suggestions the pages ask for. */
  checkSeconds: number;
  plannerSeconds: number;
  plannerCalls: string;
}

export interface DistrictBench {
  district: DistrictRun;
  city: DistrictRun;
}

/** One content directory, measured as the pages and the command line use it. */
function measureContent(dir: string, k: number, pageCalls: (planner: ReturnType<typeof createSitePlanner>, ids: string[]) => string): DistrictRun {
  const json = path.join(dir, '..', `${path.basename(dir)}-report.json`);
  const report = measureNode(['scripts/check.ts', '--content', dir, '--json', json]);
  if (report.status !== 0 && report.status !== 1) throw new Error(`npm run check failed:\n${report.stderr}`);
  const suggest = measureNode(['scripts/check.ts', '--content', dir, '--suggest', String(k)]);
  if (suggest.status !== 0 && suggest.status !== 1) throw new Error(`npm run check --suggest failed:\n${suggest.stderr}`);
  const shares = [...suggest.stdout.matchAll(/覆盖率 ([\d.]+)% → ([\d.]+)%/g)];

  const content = loadContent(dir);
  let start = performance.now();
  const result = runCheck(content);
  const checkSeconds = (performance.now() - start) / 1000;
  start = performance.now();
  const calls = pageCalls(createSitePlanner(content), content.regions.map((r) => r.id));
  const plannerSeconds = (performance.now() - start) / 1000;
  const vacuums = result.regions.flatMap((r) => r.vacuums);
  return {
    stations: content.stations.length,
    regions: content.regions.length,
    vacuums: vacuums.length,
    vacuumBytes: JSON.stringify(vacuums.map((v) => v.geometry)).length,
    report: { seconds: report.seconds, peakMB: report.peakMB },
    suggest: {
      seconds: suggest.seconds,
      peakMB: suggest.peakMB,
      k,
      coveredBefore: Number(shares[0]?.[1] ?? NaN),
      coveredAfter: Number(shares.at(-1)?.[2] ?? NaN),
    },
    checkSeconds,
    plannerSeconds,
    plannerCalls: calls,
  };
}

/** A 100 km square (`city`) and its 10 × 10 sub-regions, on the generator's own square. */
function writeCityRegions(dir: string, centre: [number, number], sideM: number): void {
  mkdirSync(path.join(dir, 'regions'), { recursive: true });
  const mPerLng = METRES_PER_DEGREE * Math.cos((centre[1] * Math.PI) / 180);
  const at = (x: number, y: number) => [+(centre[0] + x / mPerLng).toFixed(6), +(centre[1] + y / METRES_PER_DEGREE).toFixed(6)];
  const square = (x0: number, y0: number, side: number) => [[at(x0, y0), at(x0 + side, y0), at(x0 + side, y0 + side), at(x0, y0 + side), at(x0, y0)]];
  const write = (id: string, name: string, coordinates: number[][][], parent?: string) =>
    writeFileSync(
      path.join(dir, 'regions', `${id}.geojson`),
      JSON.stringify({ type: 'Feature', properties: { name, ...(parent ? { parent } : {}) }, geometry: { type: 'Polygon', coordinates } }),
    );
  write('city', '生成的城市', square(-sideM / 2, -sideM / 2, sideM));
  const cell = sideM / 10;
  for (let i = 0; i < 10; i++) {
    for (let j = 0; j < 10; j++) write(`part-${i}-${j}`, `生成的分区 ${i}-${j}`, square(-sideM / 2 + i * cell, -sideM / 2 + j * cell, cell), 'city');
  }
}

export function benchDistrict(): DistrictBench {
  const district = measureContent(writeDistrictContent(path.join(tmpdir(), 'red-routes-bench-district')), 5, (planner, ids) => {
    planner.suggest(5);
    const parts = ids.filter((id) => id !== 'xuhui');
    for (const id of parts) planner.suggest(2, id);
    return `district k = 5, then each of the ${parts.length} 街镇 k = 2`;
  });

  const centre: [number, number] = [121.47, 31.23];
  const sideM = 100_000;
  const cityDir = generateContent(path.join(tmpdir(), 'red-routes-bench-district-city'), { stations: 10_000, routes: 0, routeLengthM: 0, centre, sideM });
  writeCityRegions(cityDir, centre, sideM);
  const city = measureContent(cityDir, 10, (planner) => {
    planner.suggest(10);
    return 'city k = 10';
  });
  return { district, city };
}

const f = (n: number, digits = 2) => n.toFixed(digits);
const verdict = (ok: boolean, miss: string) => (ok ? '✓' : `✗ ${miss}`);
const within = (value: number, limit: number, unit: string) => verdict(value <= limit, `${f(value - limit)} ${unit} over`);

/**
 * The benchmark report's section for the district picture, as Markdown lines.
 *
 * @example
 * districtSection(benchDistrict()) // ['## District picture: vacuums and siting', '', …]
 */
export function districtSection({ district: d, city: c }: DistrictBench, load: string): string[] {
  return [
    '## District picture: vacuums and siting',
    '',
    `Whole district: the district outline and its 13 街镇 (OpenStreetMap, \`tests/fixtures/district/\`), ${d.stations} stations (the 11 sourced party-service sites plus an illustrative centre in each 街镇 without a sourced one; \`scripts/bench/district-content.ts\`). City scale: ${c.stations.toLocaleString('en')} generated stations over a 100 km square, measured as one top-level region and 100 sub-regions of 10 km (\`scripts/bench/generate.ts\`, seeded). \`npm run check\` runs in a child process (wall time and peak resident memory, Node start and content loading included); "in process" times the library calls alone. Load average when measured: ${load}.`,
    '',
    '| measure | district | target | | city | target | |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    `| \`npm run check -- --json\` (report with vacuums) wall time | ${f(d.report.seconds)} s | ≤ 2 s | ${within(d.report.seconds, 2, 's')} | ${f(c.report.seconds)} s | ≤ 10 s | ${within(c.report.seconds, 10, 's')} |`,
    `| same, peak memory | ${f(d.report.peakMB, 0)} MB | | | ${f(c.report.peakMB, 0)} MB | < 1.5 GB | ${verdict(c.report.peakMB < 1536, 'over')} |`,
    `| \`npm run check -- --suggest ${d.suggest.k}\` / \`--suggest ${c.suggest.k}\` wall time | ${f(d.suggest.seconds)} s | ≤ 5 s | ${within(d.suggest.seconds, 5, 's')} | ${f(c.suggest.seconds)} s | ≤ 30 s | ${within(c.suggest.seconds, 30, 's')} |`,
    `| same, peak memory | ${f(d.suggest.peakMB, 0)} MB | | | ${f(c.suggest.peakMB, 0)} MB | < 1.5 GB | ${verdict(c.suggest.peakMB < 1536, 'over')} |`,
    `| covered share before → after the suggestions | ${f(d.suggest.coveredBefore, 1)}% → ${f(d.suggest.coveredAfter, 1)}% | | | ${f(c.suggest.coveredBefore, 1)}% → ${f(c.suggest.coveredAfter, 1)}% | | |`,
    `| regions / vacuums ≥ 10,000 m² | ${d.regions} / ${d.vacuums} | | | ${c.regions} / ${c.vacuums} | | |`,
    `| vacuum outlines in the JSON report (compact) | ${f(d.vacuumBytes / 1024, 0)} KB | a few hundred KB | ${verdict(d.vacuumBytes < 500 * 1024, 'over')} | ${f(c.vacuumBytes / 1024, 0)} KB | | |`,
    `| \`runCheck\` in process | ${f(d.checkSeconds)} s | | | ${f(c.checkSeconds)} s | | |`,
    `| suggestions in process (${d.plannerCalls} / ${c.plannerCalls}) | ${f(d.plannerSeconds)} s | | | ${f(c.plannerSeconds)} s | | |`,
    '',
    'Quality of the suggestions is tested, not benchmarked: `tests/unit/district/siting.test.ts` compares them with an exhaustive search over every set of k ≤ 3 points of a grid (≥ 95 % required).',
    '',
  ];
}
