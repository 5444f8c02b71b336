/**
 * Careless and hostile edits of the sample content, generated: a few hundred
 * seeded mutations (fields deleted, types swapped, numbers out of range,
 * markup and control characters, broken YAML and bytes). Whatever the edit,
 * the checker must answer with located problems, never crash, and print
 * nothing that could act as a workflow command.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsyaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/lib/check.ts';
import { loadContent } from '../../src/lib/content.ts';
import { formatProblems } from '../../src/lib/report.ts';

const MUTATIONS = 300;

const dir = mkdtempSync(path.join(tmpdir(), 'fuzz-content-'));
cpSync('content', dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Entry files of the copy, relative to it. */
const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.mdx?$/.test(f))
  .sort();

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALUES: unknown[] = [
  null,
  0,
  -1,
  1e308,
  -999,
  95,
  'NaN',
  '',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  '\u0000\u001b[2J\n::error file=evil.md::forged',
  '::add-mask::secret',
  [],
  {},
  [1, 2],
  [[0, 0], [179, 89]],
  { lng: 500, lat: -100 },
  true,
  '121.4',
  'x'.repeat(2000),
  '../../../../etc/passwd',
];

type Mutation = { name: string; apply: (text: string, pick: <T>(list: readonly T[]) => T, rnd: () => number) => string };

/** Mutations of the parsed frontmatter, written back as YAML. */
function onData(name: string, change: (data: Record<string, unknown>, paths: string[][], pick: <T>(l: readonly T[]) => T) => void): Mutation {
  return {
    name,
    apply: (text, pick) => {
      const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
      if (!match) return text;
      const data = (jsyaml.load(match[1], { schema: jsyaml.CORE_SCHEMA }) ?? {}) as Record<string, unknown>;
      change(data, pathsOf(data), pick);
      return `---\n${jsyaml.dump(data, { schema: jsyaml.CORE_SCHEMA })}---\n${match[2]}`;
    },
  };
}

function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (!value || typeof value !== 'object') return [prefix];
  const children = Object.keys(value).flatMap((k) => pathsOf((value as Record<string, unknown>)[k], [...prefix, k]));
  return prefix.length ? [prefix, ...children] : children;
}

function setAt(data: Record<string, unknown>, at: string[], value: unknown, remove = false): void {
  let node = data as Record<string, unknown>;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string, unknown>;
  if (remove) delete node[at.at(-1)!];
  else node[at.at(-1)!] = value;
}

const MUTATORS: Mutation[] = [
  onData('delete a field', (data, paths, pick) => paths.length && setAt(data, pick(paths), undefined, true)),
  onData('swap a value', (data, paths, pick) => paths.length && setAt(data, pick(paths), pick(VALUES))),
  onData('add an unknown field', (data, _paths, pick) => {
    data[pick(['nmae', 'locaton', 'x\n::error::key', '\u001b[31mred', 'stops ', '<b>'])] = pick(VALUES);
  }),
  onData('scale a number', (data, paths, pick) => {
    const numbers = paths.filter((p) => typeof p.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], data) === 'number');
    if (numbers.length) setAt(data, pick(numbers), pick([1000, -1000, 1e9, 0.000001, -0]) * 121);
  }),
  { name: 'truncate the file', apply: (text, _pick, rnd) => text.slice(0, Math.floor(rnd() * text.length)) },
  { name: 'drop the closing fence', apply: (text) => text.replace(/\n---\n/, '\n') },
  { name: 'indent a line with a tab', apply: (text, _pick, rnd) => lineEdit(text, rnd, (line) => `\t${line}`) },
  { name: 'duplicate a line', apply: (text, _pick, rnd) => lineEdit(text, rnd, (line) => `${line}\n${line}`) },
  { name: 'insert an alias', apply: (text) => text.replace(/^---\n/, '---\nx: &a [1, 2]\ny: *a\nz: *nope\n') },
  { name: 'insert markup in the body', apply: (text) => `${text}\n<script>alert(1)</script>\n[x](javascript:alert(1))\n` },
];

function lineEdit(text: string, rnd: () => number, edit: (line: string) => string): string {
  const lines = text.split('\n');
  const i = Math.floor(rnd() * lines.length);
  lines[i] = edit(lines[i]);
  return lines.join('\n');
}

describe('generated mutations of the sample content', { timeout: 180_000 }, () => {
  it(`answers each of ${MUTATIONS} with located problems, no crash and no forged command`, () => {
    const rnd = random(14);
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
    let withErrors = 0;
    for (let i = 0; i < MUTATIONS; i++) {
      const file = pick(files);
      const mutation = pick(MUTATORS);
      const original = readFileSync(path.join(dir, file));
      const mutated = mutation.apply(original.toString('utf8'), pick, rnd);
      // Now and then, bytes that are not UTF-8 (a GBK save).
      writeFileSync(path.join(dir, file), i % 25 === 0 ? Buffer.concat([Buffer.from(mutated), Buffer.from([0xb0, 0xd9])]) : mutated);
      const label = `#${i} ${mutation.name} in ${file}`;
      let report;
      try {
        report = runCheck(loadContent(dir));
      } finally {
        writeFileSync(path.join(dir, file), original);
      }
      const problems = [...report.errors, ...report.warnings];
      for (const p of problems) {
        expect(p.file, label).toMatch(/^(stations|buildings|figures|classics|routes|regions)\//);
        expect(p.message.length * p.hint.length, label).toBeGreaterThan(0);
      }
      const printed = formatProblems(report.errors, report.warnings);
      expect(printed.split('\n').filter((line) => line.trimStart().startsWith('::')), label).toEqual([]);
      expect(printed, label).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
      if (report.errors.length > 0) withErrors++;
    }
    // Most edits break something; if none did, the mutations were not reaching the checker.
    expect(withErrors).toBeGreaterThan(MUTATIONS / 3);
  });
});
