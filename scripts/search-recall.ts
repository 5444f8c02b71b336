/**
 * npm run search-recall — the recall study of docs/search.md: builds the
 * site, indexes the same pages a second time without the search hints, and
 * runs queries generated from the content through both indexes in Chromium
 * (Pagefind's own JavaScript API, as the /search/ page uses it). Writes the
 * table between the `recall` markers of docs/search.md with the date and
 * commit. CONTENT_DIR picks other content.
 *
 * A page "should be found" when its source text (title, summary, keywords,
 * body, read with the content loader) or its indexed text contains the query,
 * letters and digits only, case folded.
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { resolveContentDir, loadContent } from '../src/lib/content/load.ts';
import { launchBrowser, phoneContext } from '../tests/browser/browser.ts';
import { sourcePages } from '../tests/helpers/source-pages.ts';
import { buildSite, serve } from './bench/site.ts';
import { provenance } from './lib/provenance.ts';
import { seededRandom } from './lib/random.ts';

const KINDS = ['全名', '标题', '关键词、又名', '地址、路名', '双字词', '单字', '正文中部短语'] as const;
type Kind = (typeof KINDS)[number];
interface Query {
  kind: Kind;
  q: string;
  expected: string[];
}

const fold = (text: string) =>
  Array.from(text.normalize('NFKC').toLowerCase())
    .filter((ch) => /[\p{L}\p{N}]/u.test(ch))
    .join('');
const HAN = /\p{Script=Han}/u;

/** Indexed text of each page, from the fragments (what Pagefind extracted). */
function indexedPages(siteDir: string): { path: string; text: string }[] {
  const dir = path.join(siteDir, 'pagefind', 'fragment');
  return readdirSync(dir).map((file) => {
    const fragment = JSON.parse(gunzipSync(readFileSync(path.join(dir, file))).toString('utf8').replace(/^pagefind_dcd/, ''));
    return { path: fragment.url.replace(/^\//, ''), text: `${fragment.meta.title}\n${fragment.content.replaceAll('\u200B', '')}` };
  });
}

function makeQueries(contentDir: string, siteDir: string): Query[] {
  const rand = seededRandom(17);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const content = loadContent(contentDir);
  const sources = sourcePages(contentDir);
  const indexed = indexedPages(siteDir);
  const raw: { kind: Kind; q: string }[] = [];
  const named = [...content.figures, ...content.buildings, ...content.stations];
  for (const e of named) raw.push({ kind: '全名', q: e.data.name });
  for (const e of [...content.classics, ...content.routes]) raw.push({ kind: '标题', q: e.data.title });
  for (const e of [...content.figures, ...content.buildings, ...content.classics, ...content.routes, ...content.stations]) {
    for (const k of (e.data as { keywords?: string[] }).keywords ?? []) raw.push({ kind: '关键词、又名', q: k });
  }
  for (const b of content.buildings) {
    if (!b.data.address) continue;
    raw.push({ kind: '地址、路名', q: b.data.address });
    const road = /\p{Script=Han}+?[路街道弄]/u.exec(b.data.address);
    if (road) raw.push({ kind: '地址、路名', q: road[0] });
  }
  const runs = sources.flatMap((p) => p.text.match(/[\p{Script=Han}\d]{4,}/gu) ?? []);
  for (let i = 0; i < 40; i++) {
    const run = pick(runs);
    const at = Math.floor(rand() * (run.length - 1));
    if (HAN.test(run[at]) && HAN.test(run[at + 1])) raw.push({ kind: '双字词', q: run.slice(at, at + 2) });
  }
  const chars = [...new Set(sources.flatMap((p) => Array.from(p.text).filter((ch) => HAN.test(ch))))];
  for (let i = 0; i < 40; i++) raw.push({ kind: '单字', q: pick(chars) });
  for (const p of sources) {
    const long = p.text.match(/[\p{Script=Han}\d]{12,}/gu) ?? [];
    if (long.length === 0) continue;
    const run = long[Math.floor(long.length / 2)];
    const length = 4 + Math.floor(rand() * 7);
    const at = Math.floor((run.length - length) / 2);
    raw.push({ kind: '正文中部短语', q: run.slice(at, at + length) });
  }
  const seen = new Set<string>();
  return raw
    .filter(({ kind, q }) => q.trim() && !seen.has(`${kind}:${q}`) && seen.add(`${kind}:${q}`))
    .map(({ kind, q }) => {
      const f = fold(q);
      const expected = new Set([
        ...sources.filter((p) => fold(p.text).includes(f)).map((p) => p.path),
        ...indexed.filter((p) => fold(p.text).includes(f)).map((p) => p.path),
      ]);
      return { kind, q, expected: [...expected] };
    })
    .filter((query) => query.expected.length > 0);
}

/** A second index of the same pages, as the integration builds it but without hints. */
async function plainIndex(siteDir: string): Promise<void> {
  const { index } = await pagefind.createIndex({ forceLanguage: 'zh-cn', excludeSelectors: ['[data-map]'] });
  try {
    const added = await index!.addDirectory({ path: siteDir });
    if (added.errors.length) throw new Error(added.errors.join('\n'));
    const written = await index!.writeFiles({ outputPath: path.join(siteDir, 'pagefind-plain') });
    if (written.errors.length) throw new Error(written.errors.join('\n'));
  } finally {
    await pagefind.close();
  }
}

async function runQueries(origin: string, bundle: string, queries: Query[]): Promise<string[][]> {
  const browser = await launchBrowser();
  try {
    const page = await (await phoneContext(browser)).newPage();
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    return await page.evaluate(
      async ({ bundle, qs }) => {
        const pf = await import(`${bundle}pagefind.js`);
        await pf.init();
        const out: string[][] = [];
        for (const q of qs) {
          const search = await pf.search(q);
          const data = await Promise.all(search.results.map((r: { data: () => Promise<{ url: string }> }) => r.data()));
          out.push(data.map((d) => d.url.replace(/^\//, '')));
        }
        return out;
      },
      { bundle, qs: queries.map((q) => q.q) },
    );
  } finally {
    await browser.close();
  }
}

interface Tally {
  wanted: number;
  found: number;
  queries: number;
  complete: number;
}

function tally(queries: Query[], results: string[][]): Map<Kind | '全部', Tally> {
  const out = new Map<Kind | '全部', Tally>();
  const add = (key: Kind | '全部', wanted: number, found: number) => {
    const t = out.get(key) ?? { wanted: 0, found: 0, queries: 0, complete: 0 };
    t.wanted += wanted;
    t.found += found;
    t.queries += 1;
    if (found === wanted) t.complete += 1;
    out.set(key, t);
  };
  queries.forEach((query, i) => {
    const got = new Set(results[i]);
    const found = query.expected.filter((p) => got.has(p)).length;
    add(query.kind, query.expected.length, found);
    add('全部', query.expected.length, found);
  });
  return out;
}

const gz = (file: string) => gzipSync(readFileSync(file)).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const dirBytes = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, d) => sum + (d.isDirectory() ? dirBytes(path.join(dir, d.name)) : statSync(path.join(dir, d.name)).size),
    0,
  );
/** The search data proper, without the UI files both bundles share. */
const indexBytes = (bundle: string) => ['index', 'fragment', 'filter'].reduce((sum, d) => sum + dirBytes(path.join(bundle, d)), 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function costs(siteDir: string): string[] {
  const hinted = path.join(siteDir, 'pagefind');
  const plain = path.join(siteDir, 'pagefind-plain');
  const fragments = (dir: string) => readdirSync(path.join(dir, 'fragment')).map((f) => statSync(path.join(dir, 'fragment', f)).size);
  const chunks = readdirSync(path.join(hinted, 'index')).map((f) => statSync(path.join(hinted, 'index', f)).size);
  const wasm = readdirSync(hinted).find((f) => f.endsWith('.pagefind'))!;
  const searchScript = readdirSync(path.join(siteDir, '_astro')).find((f) => /^search\.astro.*\.js$/.test(f));
  return [
    `- 索引（\`index/\`、\`fragment/\`、\`filter/\`）：加提示 ${kb(indexBytes(hinted))}，仅 Pagefind ${kb(indexBytes(plain))}（${(indexBytes(hinted) / indexBytes(plain)).toFixed(2)} 倍）。`,
    `- 每页的结果数据（fragment，已是 gzip）中位数：加提示 ${kb(median(fragments(hinted)))}，仅 Pagefind ${kb(median(fragments(plain)))}。`,
    `- 首次搜索下载（gzip）：\`pagefind.js\` ${kb(gz(path.join(hinted, 'pagefind.js')))}、worker ${kb(gz(path.join(hinted, 'pagefind-worker.js')))}、WebAssembly ${kb(statSync(path.join(hinted, wasm)).size)}（已压缩），加上查询用到的索引分块（${chunks.length} 块，${kb(Math.min(...chunks))}–${kb(Math.max(...chunks))}）；\`/search/\` 页自己的脚本 ${searchScript ? kb(gz(path.join(siteDir, '_astro', searchScript))) : '—'}。`,
  ];
}

function report(queries: Query[], hinted: string[][], plain: string[][], pages: number, siteDir: string, contentDir: string): string {
  const h = tally(queries, hinted);
  const p = tally(queries, plain);
  const pct = (t?: Tally) => (t ? `${((100 * t.found) / t.wanted).toFixed(1)} %` : '—');
  const missed = queries.filter((_, i) => queries[i].expected.some((x) => !new Set(hinted[i]).has(x)));
  return [
    `<!-- recall:start (written by npm run search-recall; do not edit) -->`,
    `\`npm run search-recall\`，${provenance()}，内容 \`${path.relative(process.cwd(), contentDir) || '.'}\`：${pages} 页，${queries.length} 个查询。`,
    '',
    '| 查询类型 | 查询数 | 仅 Pagefind | 加提示 |',
    '| --- | --- | --- | --- |',
    ...KINDS.filter((k) => h.has(k)).map((k) => `| ${k} | ${h.get(k)!.queries} | ${pct(p.get(k))} | ${pct(h.get(k))} |`),
    `| 全部找到的查询 | ${queries.length} | ${p.get('全部')!.complete} / ${queries.length} | ${h.get('全部')!.complete} / ${queries.length} |`,
    '',
    '表中是召回率（应找到的页面中找到的比例）。',
    ...(missed.length ? ['', `加提示后仍漏页的查询：${missed.map((m) => `“${m.q}”`).join('、')}。`] : []),
    '',
    '代价（同一次构建）：',
    '',
    ...costs(siteDir),
    `<!-- recall:end -->`,
  ].join('\n');
}

const contentDir = resolveContentDir();
console.error('· building the site');
const site = buildSite({ CONTENT_DIR: contentDir });
try {
  console.error('· indexing the same pages without hints');
  await plainIndex(site.dir);
  const queries = makeQueries(contentDir, site.dir);
  const server = await serve(site.dir);
  try {
    console.error(`· ${queries.length} queries through both indexes in Chromium`);
    const hinted = await runQueries(server.origin, '/pagefind/', queries);
    const plain = await runQueries(server.origin, '/pagefind-plain/', queries);
    const table = report(queries, hinted, plain, indexedPages(site.dir).length, site.dir, contentDir);
    console.log(table);
    const doc = 'docs/search.md';
    const text = readFileSync(doc, 'utf8');
    const replaced = text.replace(/<!-- recall:start[\s\S]*?<!-- recall:end -->/, table);
    if (replaced === text && !text.includes(table)) throw new Error(`${doc} has no <!-- recall:start --> … <!-- recall:end --> markers`);
    writeFileSync(doc, replaced);
  } finally {
    await server.close();
  }
} finally {
  rmSync(site.dir, { recursive: true, force: true });
}
