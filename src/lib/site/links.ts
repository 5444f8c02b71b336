/**
 * Checks a built site for internal links and assets that point nowhere: every
 * `<a href>`, `<link href>`, `<script src>`, `<img src/srcset>`,
 * `<source src/srcset>` (and the like) and every CSS `url()` must resolve to a
 * file of the site, under its base path; a `#fragment` must name an element
 * of the target page. Pure: a directory in, a list of what is broken out.
 *
 * The HTML is read with a small tokenizer rather than a DOM: the site's pages
 * are machine-written, and only start tags, their attributes and line
 * numbers matter here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AnyEntry, Content } from '../content/model.ts';
import { problem, type Problem } from '../content/problems.ts';
import { listFiles } from './output.ts';

export type LinkKind = 'link' | 'asset' | 'anchor';

/** One reference that does not resolve. */
export interface BrokenLink {
  kind: LinkKind;
  /** File that holds the reference, relative to the site directory, e.g. `buildings/a/index.html`. */
  file: string;
  /** URL path of that page as visitors see it, base included, e.g. `/red/buildings/a/`. */
  page: string;
  line: number;
  /** The reference as written. */
  href: string;
  /** Where it was found, e.g. `<img srcset>` or `CSS url()`. */
  element: string;
  /** The `#fragment` that names no element (kind `anchor`). */
  fragment?: string;
}

export interface LinkCheckOptions {
  /** The site's base path (Astro `base`), default `/`. */
  base?: string;
  /** The site's own origin (Astro `site`): absolute links to it are internal too. */
  site?: string;
}

export interface LinkCheckResult {
  broken: BrokenLink[];
  /** How many references were checked, for the build log. */
  checked: number;
}

interface Ref {
  /** `<a href>`, `<img srcset>`, `CSS url()`… */
  element: string;
  value: string;
  line: number;
  /** Whether a missing target is a page (`link`) or a file the page needs (`asset`). */
  kind: 'link' | 'asset';
}

/** What linkCollector gathers: files can be added in parts, as they appear. */
export interface LinkCollector {
  /** Reads the references (and ids) of the pages and stylesheets among `files`. */
  add(files: readonly string[]): void;
  /** The same for a page or stylesheet already read. */
  addFile(file: string, text: string): void;
  /** Resolves every reference read so far against the files the site has. */
  check(files: ReadonlySet<string>, options?: LinkCheckOptions): LinkCheckResult;
}

/** The files whose references are checked: pages and stylesheets. */
const READ = /\.(?:html|css)$/;

/**
 * The link check in two halves: reading the pages, the slow half, can run
 * while other files are still being written (the build reads the pages
 * while Pagefind writes its index); resolving needs the final list of files.
 *
 * @example
 * const links = linkCollector('dist');
 * links.add(listFiles('dist'));
 * links.check(new Set(listFiles('dist')), { base: '/' }).broken // []
 */
export function linkCollector(siteDir: string): LinkCollector {
  const pages = new Map<string, { refs: Ref[]; ids: Set<string> }>();
  const sources: [string, Ref[]][] = [];
  const collector: LinkCollector = {
    add(files) {
      for (const file of files) {
        if (READ.test(file)) collector.addFile(file, readFileSync(path.join(siteDir, file), 'utf8'));
      }
    },
    addFile(file, text) {
      // Copies of what is kept: V8 cuts attribute values and ids out of the
      // page as slices that would keep every page's whole text alive until
      // the check ends (112 MB instead of 14 MB at 2,500 pages).
      if (file.endsWith('.html')) {
        const page = structuredClone(scanHtml(text));
        pages.set(file, page);
        sources.push([file, page.refs]);
      } else if (file.endsWith('.css')) {
        sources.push([file, structuredClone(scanCss(text, 1, 'CSS url()'))]);
      }
    },
    check(files, options = {}) {
      const base = normaliseBase(options.base ?? '/');
      const origin = options.site ? new URL(options.site).origin : undefined;
      const broken: BrokenLink[] = [];
      let checked = 0;
      for (const [file, refs] of [...sources].sort(([a], [b]) => a.localeCompare(b))) {
        const pageUrl = urlOfFile(file, base);
        for (const ref of refs) {
          const target = resolve(ref.value, pageUrl, base, origin);
          if (!target) continue;
          checked++;
          const where = { file, page: pageUrl, line: ref.line, href: ref.value, element: ref.element };
          const found = target.path === undefined ? undefined : findFile(target.path, files);
          if (!found) {
            broken.push({ kind: ref.kind, ...where });
            continue;
          }
          const ids = pages.get(found)?.ids;
          if (target.fragment && ref.kind === 'link' && ids && !hasAnchor(ids, target.fragment)) {
            broken.push({ kind: 'anchor', ...where, fragment: target.fragment });
          }
        }
      }
      return { broken, checked };
    },
  };
  return collector;
}

/**
 * @example
 * checkSiteLinks('dist', { base: '/red-routes/' }).broken
 * // [{ kind: 'link', file: 'index.html', page: '/red-routes/', line: 12, href: '/red-routes/nope/', element: '<a href>' }]
 */
export function checkSiteLinks(siteDir: string, options: LinkCheckOptions = {}): LinkCheckResult {
  const files = listFiles(siteDir);
  const links = linkCollector(siteDir);
  links.add(files);
  return links.check(new Set(files), options);
}

/**
 * Where a reference leads inside the site: a path relative to the site
 * directory (undefined when it leaves the base path), and its fragment; or
 * undefined for references that are not the site's to check (other hosts,
 * mailto:, data:).
 */
function resolve(
  value: string,
  pageUrl: string,
  base: string,
  origin: string | undefined,
): { path: string | undefined; fragment: string } | undefined {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.startsWith('//')) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !(origin && trimmed.startsWith(`${origin}/`))) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed, `http://site.invalid${pageUrl}`);
  } catch {
    return { path: undefined, fragment: '' }; // not even a URL: as broken as a missing page
  }
  const fragment = safeDecode(url.hash.slice(1));
  const pathname = safeDecode(url.pathname);
  // A root-absolute link that forgot the base path leaves a sub-folder deployment.
  if (!pathname.startsWith(base)) return { path: undefined, fragment };
  return { path: pathname.slice(base.length), fragment };
}

/** The file a site path is served from: itself, its index.html, or path.html. */
function findFile(sitePath: string, files: ReadonlySet<string>): string | undefined {
  const candidates = sitePath === '' || sitePath.endsWith('/')
    ? [`${sitePath}index.html`]
    : [sitePath, `${sitePath}/index.html`, `${sitePath}.html`];
  return candidates.find((c) => files.has(c));
}

/** `#top` and an empty fragment scroll to the top of any page (HTML spec). */
function hasAnchor(ids: Set<string>, fragment: string): boolean {
  return fragment === '' || fragment.toLowerCase() === 'top' || ids.has(fragment);
}

/** The URL path a file is served at: `a/index.html` → `/base/a/`. */
function urlOfFile(file: string, base: string): string {
  if (file === 'index.html') return base;
  return base + (file.endsWith('/index.html') ? file.slice(0, -'index.html'.length) : file);
}

function normaliseBase(base: string): string {
  const withLeading = base.startsWith('/') ? base : `/${base}`;
  return withLeading.endsWith('/') ? withLeading : `${withLeading}/`;
}

// --- HTML ---------------------------------------------------------------

/** Attributes holding one URL, by element; `*` applies to every element. */
const URL_ATTRIBUTES: Record<string, Record<string, 'link' | 'asset'>> = {
  a: { href: 'link' },
  area: { href: 'link' },
  iframe: { src: 'link' },
  script: { src: 'asset' },
  img: { src: 'asset' },
  source: { src: 'asset' },
  video: { src: 'asset', poster: 'asset' },
  audio: { src: 'asset' },
  track: { src: 'asset' },
  embed: { src: 'asset' },
  object: { data: 'asset' },
  // Astro's islands load their component and renderer from these.
  'astro-island': { 'component-url': 'asset', 'renderer-url': 'asset' },
};

/** Attributes holding a srcset (URLs with width or density descriptors). */
const SRCSET_ELEMENTS = new Set(['img', 'source']);

/** `<link rel>` values that point at pages rather than files the page loads. */
const PAGE_RELS = new Set(['canonical', 'alternate', 'next', 'prev', 'author', 'help', 'license', 'search']);
/** `<link rel>` values that name a host, not a resource. */
const HOST_RELS = new Set(['preconnect', 'dns-prefetch']);

/** Elements whose content is text, not markup: skipped to their end tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

/** Attributes any element may have that the check reads: ids, anchor names, srcsets and inline styles. */
const MAY_MATTER = /\s(?:id|name|srcset|style)\s*=/i;

const START_TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/y;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/**
 * The URL references and element ids of a page.
 *
 * @example
 * scanHtml('<a href="/x/">x</a><h2 id="y">y</h2>') // { refs: [{ element: '<a href>', value: '/x/', line: 1, kind: 'link' }], ids: Set { 'y' } }
 */
export function scanHtml(html: string): { refs: Ref[]; ids: Set<string> } {
  const refs: Ref[] = [];
  const ids = new Set<string>();
  let line = 1;
  let at = 0;
  const advance = (to: number) => {
    for (let i = at; i < to; i++) if (html.charCodeAt(i) === 10) line++;
    at = to;
  };
  for (let lt = html.indexOf('<'); lt !== -1; lt = html.indexOf('<', at)) {
    advance(lt);
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      advance(end === -1 ? html.length : end + 3);
      continue;
    }
    START_TAG.lastIndex = lt;
    const tag = START_TAG.exec(html);
    if (!tag) {
      advance(lt + 1);
      continue;
    }
    const name = tag[1].toLowerCase();
    // Most tags (the maps' SVG paths and circles) hold nothing to check: their attributes are not parsed.
    if (name in URL_ATTRIBUTES || name === 'link' || MAY_MATTER.test(tag[2])) collect(name, parseAttributes(tag[2]), line, refs, ids);
    advance(lt + tag[0].length);
    if (RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}`, 'ig');
      close.lastIndex = at;
      const end = close.exec(html)?.index ?? html.length;
      if (name === 'style') refs.push(...scanCss(html.slice(at, end), line, '<style> url()'));
      advance(end);
    }
  }
  return { refs, ids };
}

function collect(name: string, attributes: Map<string, string>, line: number, refs: Ref[], ids: Set<string>): void {
  const id = attributes.get('id');
  if (id) ids.add(id);
  if (name === 'a' && attributes.get('name')) ids.add(attributes.get('name')!);

  for (const [attribute, kind] of Object.entries(URL_ATTRIBUTES[name] ?? {})) {
    const value = attributes.get(attribute);
    if (value !== undefined) refs.push({ element: `<${name} ${attribute}>`, value, line, kind });
  }
  if (name === 'link' && attributes.has('href')) {
    const rels = (attributes.get('rel') ?? '').toLowerCase().split(/\s+/);
    if (!rels.some((r) => HOST_RELS.has(r))) {
      const kind = rels.some((r) => PAGE_RELS.has(r)) ? 'link' : 'asset';
      refs.push({ element: `<link rel="${rels.join(' ')}">`, value: attributes.get('href')!, line, kind });
    }
  }
  if (SRCSET_ELEMENTS.has(name) && attributes.has('srcset')) {
    for (const value of srcsetUrls(attributes.get('srcset')!)) {
      refs.push({ element: `<${name} srcset>`, value, line, kind: 'asset' });
    }
  }
  const style = attributes.get('style');
  if (style?.includes('url(')) refs.push(...scanCss(style, line, 'style url()'));
}

function parseAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const m of text.matchAll(ATTRIBUTE)) {
    const name = m[1].toLowerCase();
    if (!attributes.has(name)) attributes.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attributes;
}

/** `a.webp 640w, b.webp 1080w` → `['a.webp', 'b.webp']`. */
function srcsetUrls(srcset: string): string[] {
  return srcset
    .split(/,\s+/)
    .map((candidate) => candidate.trim().split(/\s+/)[0])
    .filter(Boolean);
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] !== '#') return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
    const code = entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

// --- CSS ----------------------------------------------------------------

const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/g;

/** `url(…)` and `@import "…"` references of a stylesheet; `firstLine` is where it starts in its file. */
function scanCss(css: string, firstLine: number, element: string): Ref[] {
  const refs: Ref[] = [];
  for (const m of css.matchAll(CSS_URL)) {
    const value = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '';
    // `url(#gradient)` points into an SVG document, not at a file.
    if (value.startsWith('#')) continue;
    const line = firstLine + (css.slice(0, m.index).match(/\n/g)?.length ?? 0);
    refs.push({ element, value, line, kind: 'asset' });
  }
  return refs;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// --- Problems -------------------------------------------------------------

/**
 * Broken links as problems for the report. A link found in an entry's own
 * file (typically a Markdown link in its body) is the editor's to fix and is
 * reported on that file and line; the rest come from the site's templates
 * and are reported on the built page.
 */
export function linkProblems(
  broken: BrokenLink[],
  content: Pick<Content, EntryList>,
  options: { base?: string } = {},
): { inContent: Problem[]; inSite: Problem[] } {
  const base = normaliseBase(options.base ?? '/');
  const sources = new Map<string, string | undefined>();
  const sourceOf = (absPath: string) => {
    if (!sources.has(absPath)) sources.set(absPath, readSource(absPath));
    return sources.get(absPath);
  };
  const inContent: Problem[] = [];
  const inSite: Problem[] = [];
  for (const link of broken) {
    const entry = entryOfPage(link.page, base, content);
    const text = entry && sourceOf(entry.absPath);
    const line = text === undefined ? undefined : lineOfHref(text, link.href, base);
    const params = { page: link.page, href: link.href, element: link.element, fragment: link.fragment };
    if (entry && line !== undefined) {
      inContent.push(problem(CODE_OF_KIND[link.kind], { file: entry.file, line }, { ...params, source: entry.file }));
    } else {
      inSite.push(problem(CODE_OF_KIND[link.kind], { file: link.file, line: link.line }, params));
    }
  }
  return { inContent, inSite };
}

type EntryList = 'stations' | 'buildings' | 'figures' | 'classics' | 'routes';

const CODE_OF_KIND = { link: 'link-broken', asset: 'asset-missing', anchor: 'anchor-missing' } as const;

/** The entry a page shows: `/base/buildings/a/` → buildings entry `a`. */
function entryOfPage(page: string, base: string, content: Pick<Content, EntryList>): AnyEntry | undefined {
  const match = /^(stations|buildings|figures|classics|routes)\/([^/]+)\/$/.exec(page.slice(base.length));
  if (!match) return undefined;
  const entries: AnyEntry[] = content[match[1] as EntryList];
  return entries.find((e) => e.id === match[2]);
}

/** Line of the entry file where the link is written, with or without the base path. */
function lineOfHref(text: string, href: string, base: string): number | undefined {
  const written = [href, href.startsWith(base) ? `/${href.slice(base.length)}` : undefined];
  const lines = text.split('\n');
  for (const candidate of written) {
    if (!candidate) continue;
    const index = lines.findIndex((l) => l.includes(candidate));
    if (index !== -1) return index + 1;
  }
  return undefined;
}

function readSource(absPath: string): string | undefined {
  try {
    return readFileSync(absPath, 'utf8');
  } catch {
    return undefined;
  }
}
