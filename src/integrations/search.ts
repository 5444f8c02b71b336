/**
 * Builds the Pagefind search index of the finished site (`astro:build:done`)
 * into `<outDir>/pagefind/`.
 *
 * Indexing runs twice: the first pass only extracts each page's searchable
 * text exactly as Pagefind sees it (`data-pagefind-body`, minus
 * `data-pagefind-ignore`); the second indexes the pages again with the search
 * hints of that text (src/lib/search/build.ts) as a `hints` metadata field. Hints
 * live in metadata, not in the text, so excerpts stay readable; they are
 * added to the indexed copy only, the published HTML is unchanged.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { searchHints } from '../lib/search/build.ts';

/** One index for the whole site: every page is zh-CN, and queries are segmented as Chinese. */
const LANGUAGE = 'zh-cn';

/**
 * Chrome inside entry pages that data-pagefind-ignore does not mark: the maps'
 * captions and controls (`figure[data-map]`, MapFigure.astro) would otherwise
 * show up in excerpts ("建筑位置地图：…") and match "地图" on every page.
 */
const EXCLUDE = ['[data-map]'];

/** Pagefind reports problems as strings; any of them stops the build. */
function assertNoErrors(step: string, errors: string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind ${step} failed:\n${errors.join('\n')}`);
}

async function newIndex(): Promise<pagefind.PagefindIndex> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: LANGUAGE, excludeSelectors: EXCLUDE });
  assertNoErrors('createIndex', errors);
  return index!;
}

/**
 * A page's URL and indexed text from its fragment file (gzipped JSON behind
 * a `pagefind_dcd` signature), without the zero-width spaces Pagefind puts
 * between the words it cut: hints must span those cuts.
 */
function readFragment(bytes: Uint8Array): { url: string; text: string } {
  const fragment = JSON.parse(gunzipSync(bytes).toString('utf8').replace(/^pagefind_dcd/, ''));
  return { url: fragment.url, text: fragment.content.replaceAll('\u200B', '') };
}

/** The HTML file Pagefind made a URL of: `/figures/nie-er/` → `figures/nie-er/index.html`. */
function fileOf(url: string): string {
  const file = decodeURI(url.slice(1));
  return file === '' || file.endsWith('/') ? `${file}index.html` : file;
}

export default function search(): AstroIntegration {
  return {
    name: 'red-routes:search',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const outDir = fileURLToPath(dir);
        // Pagefind reads a folder much faster than files handed over one by
        // one, so the second pass indexes copies of the pages in a temporary folder.
        const copies = mkdtempSync(path.join(os.tmpdir(), 'red-routes-search-'));
        try {
          // Pass 1: each page's searchable text. Only pages with a data-pagefind-body are kept.
          const first = await newIndex();
          assertNoErrors('indexing the site', (await first.addDirectory({ path: outDir })).errors);
          const files = await first.getFiles();
          assertNoErrors('getFiles', files.errors);
          const fragments = files.files.filter((f) => f.path.startsWith('fragment/')).map((f) => readFragment(f.content));
          await first.deleteIndex();

          // Pass 2: the same pages with their hints.
          let hintWords = 0;
          for (const { url, text } of fragments) {
            const file = fileOf(url);
            const hints = searchHints(text);
            hintWords += hints ? hints.split(' ').length : 0;
            // Hints are Han characters, digits and spaces: nothing to escape in an attribute.
            const meta = `<meta data-pagefind-meta="hints[content]" content="${hints}">`;
            const html = readFileSync(path.join(outDir, file), 'utf8').replace('</head>', `${meta}</head>`);
            mkdirSync(path.dirname(path.join(copies, file)), { recursive: true });
            writeFileSync(path.join(copies, file), html);
          }
          const second = await newIndex();
          const indexed = await second.addDirectory({ path: copies });
          assertNoErrors('indexing the pages with hints', indexed.errors);
          const written = await second.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
          assertNoErrors('writeFiles', written.errors);
          logger.info(
            `Indexed ${indexed.page_count} pages (${hintWords} hint words) into ${path.relative(process.cwd(), written.outputPath)} in ${Math.round(performance.now() - started)} ms.`,
          );
        } finally {
          await pagefind.close();
          rmSync(copies, { recursive: true, force: true });
        }
      },
    },
  };
}
