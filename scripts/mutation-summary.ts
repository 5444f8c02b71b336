/**
 * After `stryker run` (npm run mutation): the mutation score per module group
 * from reports/mutation/mutation.json, with the surviving mutants judged
 * equivalent (tests/mutation-equivalent.json: file, mutator, original code,
 * replacement and why no test can tell them apart) left out of the adjusted
 * score and listed with their reason. Writes the block between the
 * `mutation` markers of docs/benchmarks.md with the date and commit, and
 * exits 1 when geometry + checker + coordinates score below 90 %.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { provenance } from './lib/provenance.ts';

interface Mutant {
  id: string;
  mutatorName: string;
  testsCompleted?: number;
  coveredBy?: string[];
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}

interface Equivalent {
  file: string;
  mutator: string;
  original: string;
  replacement: string;
  reason: string;
}

const GOAL = 90;
const GROUPS: { name: string; test: RegExp; goal: boolean }[] = [
  { name: 'geometry (`src/lib/geo/`)', test: /^src\/lib\/geo\/(?!check\.ts$|coords\.ts$)/, goal: true },
  { name: 'checker (`src/lib/geo/check.ts`)', test: /^src\/lib\/geo\/check\.ts$/, goal: true },
  { name: 'coordinates (`src/lib/geo/coords.ts`)', test: /^src\/lib\/geo\/coords\.ts$/, goal: true },
  { name: 'district picture (`src/lib/district/`)', test: /^src\/lib\/district\//, goal: false },
  { name: 'content loading (`content/load.ts`, `tracks.ts`, `frontmatter.ts`)', test: /^src\/lib\/content\/(load|tracks|frontmatter)\.ts$/, goal: false },
];
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** The source text a mutant replaced, on one line. */
function originalOf(source: string, m: Mutant): string {
  const lines = source.split('\n');
  const { start, end } = m.location;
  const text =
    start.line === end.line
      ? lines[start.line - 1].slice(start.column - 1, end.column - 1)
      : [lines[start.line - 1].slice(start.column - 1), ...lines.slice(start.line, end.line - 1), lines[end.line - 1].slice(0, end.column - 1)].join('\n');
  return text.replace(/\s+/g, ' ').trim();
}

interface Count {
  detected: number;
  undetected: number;
  equivalent: number;
  /** Covered by tests, yet Stryker ran none of them for the mutant (reported "Survived" with 0 tests). */
  unrun: number;
}

/** A "survivor" for which Stryker's Vitest runner completed no test although tests cover it. */
const unrun = (m: Mutant) => m.status === 'Survived' && !m.testsCompleted && (m.coveredBy?.length ?? 0) > 0;

// Several reports may be given (`node scripts/mutation-summary.ts full.json rerun.json`):
// a mutant's result comes from the last report that tested it, so a rerun of
// a few lines (e.g. with --coverageAnalysis all) updates those mutants only.
const reportFiles = process.argv.slice(2).length ? process.argv.slice(2) : ['reports/mutation/mutation.json'];
const report = { files: {} as Record<string, { source: string; mutants: Mutant[] }> };
const keyOf = (m: Mutant) => `${m.location.start.line}:${m.location.start.column}:${m.mutatorName}:${m.replacement ?? ''}`;
for (const reportFile of reportFiles) {
  for (const [file, entry] of Object.entries(JSON.parse(readFileSync(reportFile, 'utf8')).files as typeof report.files)) {
    const known = report.files[file];
    if (!known || known.source !== entry.source) {
      report.files[file] = { source: entry.source, mutants: [...entry.mutants] };
      continue;
    }
    const fresh = new Map(entry.mutants.map((m) => [keyOf(m), m]));
    known.mutants = known.mutants.map((m) => fresh.get(keyOf(m)) ?? m);
  }
}
const equivalents = JSON.parse(readFileSync('tests/mutation-equivalent.json', 'utf8')).mutants as Equivalent[];
const used = new Set<Equivalent>();
const counts = new Map<string, Count>();
const survivors: string[] = [];
const judged: string[] = [];
const notRun: string[] = [];

for (const [file, { source, mutants }] of Object.entries(report.files)) {
  const group = GROUPS.find((g) => g.test.test(file));
  if (!group) continue;
  const count = counts.get(group.name) ?? { detected: 0, undetected: 0, equivalent: 0, unrun: 0 };
  counts.set(group.name, count);
  for (const m of mutants) {
    if (DETECTED.has(m.status)) count.detected++;
    if (!UNDETECTED.has(m.status)) continue;
    const original = originalOf(source, m);
    const replacement = (m.replacement ?? '').replace(/\s+/g, ' ').trim();
    if (unrun(m)) {
      count.unrun++;
      notRun.push(`- \`${file}:${m.location.start.line}\` ${m.mutatorName}: \`${original.slice(0, 80)}\` → \`${replacement.slice(0, 80)}\` (${m.coveredBy!.length} covering tests)`);
      continue;
    }
    const eq = equivalents.find((e) => e.file === file && e.mutator === m.mutatorName && e.original === original && e.replacement === replacement);
    const where = `\`${file}:${m.location.start.line}\` ${m.mutatorName}: \`${original.slice(0, 80)}\` → \`${replacement.slice(0, 80)}\``;
    if (eq) {
      count.equivalent++;
      used.add(eq);
      judged.push(`- ${where}. ${eq.reason}`);
    } else {
      count.undetected++;
      survivors.push(`- ${where} (${m.status})`);
    }
  }
}

/** The folders the run mutated, with their file counts: a scoped run (`--mutate`) says so in the summary. */
function scopeOf(files: string[]): string {
  const perFolder = new Map<string, number>();
  for (const file of files) {
    const folder = file.slice(0, file.lastIndexOf('/') + 1);
    perFolder.set(folder, (perFolder.get(folder) ?? 0) + 1);
  }
  return [...perFolder].map(([folder, n]) => `\`${folder}\` (${n} file${n === 1 ? '' : 's'})`).join(', ');
}

const pct = (c: Count, adjusted: boolean) => {
  const total = c.detected + c.undetected + (adjusted ? 0 : c.equivalent);
  return total === 0 ? NaN : (100 * c.detected) / total;
};
const sum = (cs: Count[]): Count => ({
  detected: cs.reduce((s, c) => s + c.detected, 0),
  undetected: cs.reduce((s, c) => s + c.undetected, 0),
  equivalent: cs.reduce((s, c) => s + c.equivalent, 0),
  unrun: cs.reduce((s, c) => s + c.unrun, 0),
});
const goalGroups = sum(GROUPS.filter((g) => g.goal).map((g) => counts.get(g.name)).filter((c): c is Count => !!c));
const goalScore = pct(goalGroups, true);
const row = (name: string, c: Count) =>
  `| ${name} | ${c.detected} | ${c.undetected} | ${c.equivalent} | ${c.unrun} | ${pct(c, false).toFixed(2)} % | ${pct(c, true).toFixed(2)} % |`;
// Entries for files this run did not mutate are neither used nor stale.
const stale = equivalents.filter((e) => !used.has(e) && e.file in report.files);

const block = [
  '<!-- mutation:start (written by npm run mutation; do not edit) -->',
  '## Mutation testing',
  '',
  `\`npm run mutation\` (Stryker, Vitest runner, in-process unit tests of \`vitest.mutation.config.ts\`), ${provenance()}${process.env.MUTATION_RUN_COMMIT ? ` (Stryker ran on commit ${process.env.MUTATION_RUN_COMMIT}; this summary was written later)` : ''}${reportFiles.length > 1 ? ` (${reportFiles.length} runs merged: a mutant's result comes from the last run that tested it)` : ''}. Detected: killed or timed out. Undetected: survived or not covered. Not run: see below. Equivalent: survivors judged to behave exactly like the original, listed below with the reason (\`tests/mutation-equivalent.json\`); the adjusted score leaves them out. Goal: ≥ ${GOAL} % adjusted on geometry + checker + coordinates. Mutated in this run: ${scopeOf(Object.keys(report.files))}.`,
  '',
  '| modules | detected | undetected | equivalent | not run | score | adjusted score |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...GROUPS.filter((g) => counts.has(g.name)).map((g) => row(g.name, counts.get(g.name)!)),
  row('**geometry + checker + coordinates**', goalGroups),
  '',
  `Goal ${goalScore >= GOAL ? 'met' : 'missed'}: ${goalScore.toFixed(2)} % ${goalScore >= GOAL ? '≥' : '<'} ${GOAL} %.`,
  '',
  '### Survivors judged equivalent',
  '',
  ...(judged.length ? judged : ['None.']),
  '',
  '### Survivors not yet killed',
  '',
  ...(survivors.length ? survivors : ['None.']),
  '',
  '### Not run: covered, but Stryker ran no test',
  '',
  "Stryker reported these as survived with 0 tests completed although tests cover them; they are left out of both scores. Stryker's Vitest runner before 10.1 did this to every mutant covered only by tests inside a `describe`: it picked a mutant's tests by their names joined with spaces, and Vitest 5 matches names joined with ' > ' (stryker-js#6210; `--coverageAnalysis all` did not help, as the runner collects per-test coverage whatever it is told). Any mutant listed here is a new problem of the runner to look into, not a result.",
  '',
  ...(notRun.length ? notRun : ['None.']),
  ...(stale.length ? ['', `(${stale.length} entries of tests/mutation-equivalent.json matched no survivor this run.)`] : []),
  '<!-- mutation:end -->',
].join('\n');

const doc = 'docs/benchmarks.md';
const text = readFileSync(doc, 'utf8');
const marked = /<!-- mutation:start[\s\S]*?<!-- mutation:end -->/;
writeFileSync(doc, marked.test(text) ? text.replace(marked, block) : `${text.trimEnd()}\n\n${block}\n`);
console.log(block);
if (!(goalScore >= GOAL)) process.exitCode = 1;
