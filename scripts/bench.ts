/**
 * npm run bench — measurements too slow or heavy for tests. Prints a
 * Markdown report and writes it to docs/benchmarks.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { benchChecker } from './bench/checker.ts';

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()}`;
const f = (n: number, digits = 2) => n.toFixed(digits);

console.error('checker: generating 10,000 stations and 1,000 routes of 5 km …');
const c = benchChecker();
const lines = [
  '# Benchmarks',
  '',
  `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}; machine: ${machine}.`,
  '',
  '## Checker at city scale',
  '',
  `${c.stations.toLocaleString('en')} stations over 100 km × 100 km, ${c.routes.toLocaleString('en')} routes of 5 km (GeoJSON tracks), ${c.samples.toLocaleString('en')} samples at ≤ 10 m.`,
  '',
  '| measure | value | target |',
  '| --- | --- | --- |',
  `| \`npm run check\` wall time (load + check + report) | ${f(c.cliSeconds)} s | ≤ 3 s |`,
  `| \`npm run check\` peak memory | ${f(c.cliPeakMB, 0)} MB | < 1 GB |`,
  `| route and region checks alone (in-process) | ${f(c.checkSeconds)} s | |`,
  `| brute force: every sample against every station | ${f(c.bruteSeconds)} s | |`,
  `| speed-up of the checks over brute force | ${f(c.speedup, 0)}× | ≥ 30× |`,
  `| same routes with gaps as brute force | ${c.gapsAgree ? 'yes' : '**no**'} | yes |`,
  '',
];
const report = lines.join('\n');
console.log(report);
mkdirSync('docs', { recursive: true });
writeFileSync('docs/benchmarks.md', report);
