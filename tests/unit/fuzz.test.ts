/**
 * Fuzzing the checker with the sample content, mutated as a careless or
 * hostile editor would: fields deleted, types swapped, numbers out of range
 * (NaN, ±Infinity, huge), strings with markup, control characters and
 * `::error` lines, odd ids and extensions, bodies with raw HTML and MDX code,
 * broken bytes. The mutations come from a seeded PRNG, so a failure names the
 * seed and iteration that reproduce it (FUZZ_SEED=<n> to try another seed).
 *
 * Asserted: the checker never crashes (in-process, or exit 2 from the CLI);
 * every problem names a file that exists in the content folder; and a site
 * built from sample content full of hostile strings contains nothing a
 * browser could run.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsyaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/lib/geo/check.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { PROBLEM_CODES } from '../../src/lib/content/problems.ts';
import { formatProblems } from '../../src/lib/content/report.ts';
import { executableInSite } from '../helpers/executable.ts';
import { seededRandom } from '../../scripts/lib/random.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The same sequence on every machine, from the seed. */
function prng(seed: number) {
  const next = seededRandom(seed);
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
  };
}
type Rng = ReturnType<typeof prng>;

/** Text that has broken sites before: markup, script URLs, template syntax, control characters, forged CI commands. */
const HOSTILE_TEXT = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</script><script>alert(1)</script>',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '{alert(1)}',
  '<style>*{display:none}</style>',
  '<!--',
  ']]>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '\u202e\u0000\u0007控制字符\u001b[31m红\u001b[0m',
  '\n::error file=content/x.md,line=1::伪造的错误\n::add-mask::secret\n',
  '%0A::warning::编码的换行',
  '\r\n\u2028\u2029',
  '𠜎𠜱👨‍👩‍👧',
];

const WEIRD_VALUES: unknown[] = [
  NaN, Infinity, -Infinity, 1e308, -1e308, 0, -0, 2 ** 53 + 1, -999, 999999, 121.4, 31.2,
  '', ' ', 'x'.repeat(5000), '121.4', '0x79', 'true', 'null', '2021-05-19', 'wgs84', 'GCJ02',
  true, false, null, [], {}, [1, 'a', null], { lng: 'a', lat: NaN }, { nested: { deep: [NaN, {}] } },
  ...HOSTILE_TEXT,
];

const BODY_SNIPPETS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '![](../../../../etc/passwd.png)',
  '![](./missing.png)',
  '![远程](https://example.org/a.png)',
  '{alert(1)}',
  '<div>',
  '</div>',
  'import fs from "node:fs"',
  'export const x = 1',
  '<Foo />',
  '{',
  '<',
  '<!--',
  '```',
  '| a |\n|---|',
  '[^1]',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  ...HOSTILE_TEXT,
];

const ODD_IDS = ['Nie Er', 'nie_er', '聂耳', 'a'.repeat(200), '-', 'x--y', 'UPPER', 'café', 'a.b', 'CON', '%2e%2e', ' lead', 'tab\tid', '\u202eevil'];

interface Workspace {
  dir: string;
  files: Map<string, string>;
}

/** A private copy of the sample content, and its files' original text. */
function workspace(options: { regions: boolean }): Workspace {
  const dir = mkdtempSync(path.join(tmpdir(), 'fuzz-'));
  dirs.push(dir);
  cpSync('content', dir, { recursive: true });
  if (!options.regions) rmSync(path.join(dir, 'regions'), { recursive: true, force: true });
  const files = new Map<string, string>();
  for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const abs = path.join(dir, rel);
    if (/\.(md|mdx|geojson|gpx)$/.test(rel)) files.set(rel, readFileSync(abs, 'utf8'));
  }
  return { dir, files };
}

/** Every path into a value, e.g. `['location', 'lng']`, `['stops', 2]`. */
function paths(value: unknown, prefix: (string | number)[] = [], depth = 0): (string | number)[][] {
  if (depth > 5 || value === null || typeof value !== 'object') return [];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((k) => [[...prefix, k], ...paths((value as Record<string, unknown>)[k], [...prefix, k], depth + 1)]);
}

/** One change to a parsed value: delete a field, swap its type, put a weird value in, or add a field with a hostile name. */
function mutateData(data: Record<string, unknown>, rng: Rng): string {
  const all = paths(data);
  if (all.length === 0) return 'nothing to change';
  const at = rng.pick(all);
  const parent = at.slice(0, -1).reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], data) as Record<
    string | number,
    unknown
  >;
  const key = at[at.length - 1];
  const old = parent[key];
  const kind = rng.int(5);
  if (kind === 4) {
    const key = rng.pick(['nmae', 'x\n::error::key', '\u001b[31mred', 'stops ', '<b>', ...HOSTILE_TEXT]);
    data[key] = rng.pick(WEIRD_VALUES);
    return `add field ${JSON.stringify(key)}`;
  }
  if (kind === 0) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
    return `delete ${at.join('.')}`;
  }
  if (kind === 1) {
    parent[key] = typeof old === 'number' ? String(old) : typeof old === 'string' ? Number(old) || [old] : Array.isArray(old) ? old[0] : [old];
    return `swap type of ${at.join('.')}`;
  }
  const value = rng.pick(WEIRD_VALUES);
  parent[key] = typeof old === 'string' && typeof value === 'string' && rng.next() < 0.5 ? old + value : value;
  return `set ${at.join('.')} = ${JSON.stringify(value)?.slice(0, 40)}`;
}

function mutateEntry(text: string, rng: Rng): { text: string | Buffer; what: string } {
  const [, yaml = '', ...rest] = text.split(/^---[ \t]*$/m);
  const body = rest.join('---');
  const kind = rng.int(6);
  if (kind <= 2) {
    const data = (jsyaml.load(yaml, { schema: jsyaml.CORE_SCHEMA }) ?? {}) as Record<string, unknown>;
    const whats = Array.from({ length: 1 + rng.int(3) }, () => mutateData(data, rng));
    return { text: `---\n${jsyaml.dump(data, { schema: jsyaml.CORE_SCHEMA, lineWidth: -1 })}---${body}`, what: whats.join('; ') };
  }
  if (kind === 3) {
    const lines = body.split('\n');
    const snippet = rng.pick(BODY_SNIPPETS);
    lines.splice(rng.int(lines.length + 1), 0, snippet);
    return { text: `---${yaml}---${lines.join('\n')}`, what: `body += ${JSON.stringify(snippet)}` };
  }
  if (kind === 4) {
    const lines = text.split('\n');
    const i = rng.int(lines.length);
    const op = rng.pick(['delete', 'duplicate', 'tab', 'crlf']);
    if (op === 'delete') lines.splice(i, 1);
    if (op === 'duplicate') lines.splice(i, 0, lines[i]);
    if (op === 'tab') lines[i] = `\t${lines[i]}`;
    return { text: op === 'crlf' ? lines.join('\r\n') : lines.join('\n'), what: `line ${i + 1}: ${op}` };
  }
  const op = rng.pick(['truncate', 'bom', 'nul', 'gbk', 'empty', 'alias']);
  if (op === 'alias') return { text: text.replace(/^---\n/, '---\nx: &a [1, 2]\ny: *a\nz: *nope\n'), what: 'YAML aliases' };
  if (op === 'truncate') return { text: text.slice(0, rng.int(text.length)), what: 'truncate' };
  if (op === 'bom') return { text: `\uFEFF\uFEFF${text}`, what: 'double BOM' };
  if (op === 'nul') return { text: text.replace('\n', '\n\u0000'), what: 'NUL byte' };
  if (op === 'gbk') return { text: Buffer.concat([Buffer.from(text), Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0xff])]), what: 'invalid UTF-8' };
  return { text: '', what: 'empty file' };
}

function mutateJson(text: string, rng: Rng): { text: string; what: string } {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text);
  } catch {
    return { text: `${text}}`, what: 'append }' };
  }
  const what = mutateData(data, rng);
  // JSON has no NaN or Infinity: write them as the bare tokens a careless tool might.
  const json = JSON.stringify(data, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? `@@${v}@@` : v));
  return { text: json.replace(/"@@(NaN|-?Infinity)@@"/g, '$1'), what };
}

/**
 * Applies one random mutation to a file not in `used` (a renamed file is
 * gone); returns how to undo it and what was done.
 */
function mutate(ws: Workspace, rng: Rng, used: Set<string>): { undo: () => void; what: string } {
  const rel = rng.pick([...ws.files.keys()].filter((f) => !used.has(f)));
  used.add(rel);
  const abs = path.join(ws.dir, rel);
  const original = ws.files.get(rel)!;
  const restore = () => writeFileSync(abs, original);
  if (/\.md$/.test(rel) && rng.next() < 0.15) {
    const id = rng.next() < 0.5 ? rng.pick(ODD_IDS) : path.basename(rel, '.md');
    const ext = rng.pick(id === path.basename(rel, '.md') ? ['.MD', '.mdx', '.markdown'] : ['.md', '.MD', '.mdx']);
    const moved = path.join(path.dirname(abs), `${id}${ext}`);
    renameSync(abs, moved);
    return { undo: () => renameSync(moved, abs), what: `${rel} → ${path.basename(moved)}` };
  }
  const { text, what } = /\.(geojson|json)$/.test(rel) ? mutateJson(original, rng) : mutateEntry(original, rng);
  writeFileSync(abs, text);
  return { undo: restore, what: `${rel}: ${what}` };
}

interface Failure {
  iteration: number;
  what: string[];
  error: string;
}

/** Runs the checker in-process on `count` mutated states of the workspace. */
function fuzz(ws: Workspace, seed: number, count: number): { failures: Failure[]; problems: number } {
  const rng = prng(seed);
  const failures: Failure[] = [];
  let problems = 0;
  for (let iteration = 0; iteration < count; iteration++) {
    const used = new Set<string>();
    const changes = Array.from({ length: 1 + rng.int(3) }, () => mutate(ws, rng, used));
    const what = changes.map((c) => c.what);
    try {
      const report = runCheck(loadContent(ws.dir));
      const printed = formatProblems(report.errors, report.warnings);
      const forged = printed.split('\n').filter((line) => line.trimStart().startsWith('::'));
      if (forged.length > 0) failures.push({ iteration, what, error: `report prints a workflow command: ${forged[0]}` });
      if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(printed)) {
        failures.push({ iteration, what, error: 'report prints a raw control character' });
      }
      for (const p of [...report.errors, ...report.warnings]) {
        problems++;
        const named = typeof p.file === 'string' && p.file !== '' && !path.isAbsolute(p.file) && existsSync(path.join(ws.dir, p.file));
        if (!named) failures.push({ iteration, what, error: `problem ${p.code} names no file of the content: ${JSON.stringify(p.file)}` });
        if (!PROBLEM_CODES.includes(p.code) || !p.message || !p.hint) {
          failures.push({ iteration, what, error: `problem without code, message or hint: ${JSON.stringify(p)}` });
        }
      }
    } catch (error) {
      failures.push({ iteration, what, error: String((error as Error)?.stack ?? error).split('\n').slice(0, 4).join(' | ') });
    }
    for (const change of changes.reverse()) change.undo();
  }
  return { failures, problems };
}

describe(`fuzzing the checker (seed ${SEED})`, () => {
  it('never crashes and names a file for every problem, over 300 mutations of the sample content', { timeout: 60_000 }, () => {
    // Most rounds without the region, whose coverage dominates the time; the last ones with it.
    const quick = fuzz(workspace({ regions: false }), SEED, 270);
    const full = fuzz(workspace({ regions: true }), SEED + 1, 30);
    expect([...quick.failures, ...full.failures]).toEqual([]);
    // The mutations did find things to report (the assertions above were not run on nothing).
    expect(quick.problems + full.problems).toBeGreaterThan(300);
  });

  it('exits 0 or 1 from the command line, never 2, and prints no stack trace', { timeout: 60_000 }, () => {
    const ws = workspace({ regions: false });
    const rng = prng(SEED + 2);
    const statuses: number[] = [];
    for (let round = 0; round < 4; round++) {
      const used = new Set<string>();
      const changes = Array.from({ length: 3 }, () => mutate(ws, rng, used));
      const result = spawnSync(process.execPath, ['scripts/check.ts', '--content', ws.dir], {
        encoding: 'utf8',
        env: { ...process.env, GITHUB_ACTIONS: 'true', NO_COLOR: '1' },
      });
      const what = changes.map((c) => c.what).join('; ');
      expect([0, 1], `${what}\n${result.stderr}`).toContain(result.status);
      expect(result.stdout + result.stderr, what).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(result.stdout, what).toMatch(/内容检查/);
      statuses.push(result.status!);
      for (const change of changes.reverse()) change.undo();
    }
    expect(statuses).toContain(1);
  });

  it('builds sample content full of hostile strings into pages with nothing executable', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fuzz-site-'));
    dirs.push(dir);
    cpSync('content', dir, { recursive: true });
    const rng = prng(SEED + 3);
    let entries = 0;
    for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'))) {
      const abs = path.join(dir, rel);
      const [, yaml, ...rest] = readFileSync(abs, 'utf8').split(/^---[ \t]*$/m);
      const data = jsyaml.load(yaml, { schema: jsyaml.CORE_SCHEMA }) as Record<string, unknown>;
      hostileStrings(data, rng);
      const body = `${rest.join('---')}\n\n${hostileBody(rng)}\n`;
      writeFileSync(abs, `---\n${jsyaml.dump(data, { schema: jsyaml.CORE_SCHEMA, lineWidth: -1 })}---\n${body}`);
      entries++;
    }
    expect(entries).toBeGreaterThan(30);

    const outDir = mkdtempSync(path.join(tmpdir(), 'fuzz-dist-'));
    dirs.push(outDir);
    const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir], {
      encoding: 'utf8',
      env: { ...process.env, CONTENT_DIR: dir, NO_COLOR: '1' },
    });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    const { pages, findings } = executableInSite(outDir, { marker: 'alert(' });
    expect(pages).toBeGreaterThan(50);
    expect(findings).toEqual([]);
    // The hostile text is on the pages, as text.
    const page = readFileSync(path.join(outDir, 'buildings/baidai-building/index.html'), 'utf8');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

/** Markup that the check accepts because it is text: frontmatter strings get hostile prefixes. */
const PRINTABLE_HOSTILE = HOSTILE_TEXT.filter((s) => !/[\u0000-\u001f\u007f\u202e\u2028\u2029]/.test(s));
const TEXT_FIELDS = new Set(['name', 'title', 'summary', 'address', 'demoNote', 'note', 'publisher', 'alt', 'credit', 'subdistrict', 'era']);

function hostileStrings(value: unknown, rng: Rng): void {
  if (!value || typeof value !== 'object') return;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string' && TEXT_FIELDS.has(key)) {
      (value as Record<string, unknown>)[key] = `${rng.pick(PRINTABLE_HOSTILE)}${v}${rng.pick(PRINTABLE_HOSTILE)}`;
    } else if (key === 'keywords' && Array.isArray(v)) {
      v.push(rng.pick(PRINTABLE_HOSTILE));
    } else if (key === 'tasks' && v && typeof v === 'object') {
      for (const stop of Object.keys(v)) (v as Record<string, string>)[stop] += rng.pick(PRINTABLE_HOSTILE);
    } else {
      hostileStrings(v, rng);
    }
  }
}

/** Hostile strings as a body may hold them and still pass the check: in code, and as escaped text. */
function hostileBody(rng: Rng): string {
  const a = rng.pick(PRINTABLE_HOSTILE).replace(/`/g, '');
  const b = rng.pick(PRINTABLE_HOSTILE);
  return [`行内代码：\`${a}\``, '', '```html', b, '```', '', `转义的文字：&lt;script&gt;alert(1)&lt;/script&gt; \\{alert(1)\\}`].join('\n');
}
