/**
 * Builds the Pagefind search index of the finished site (`astro:build:done`)
 * into `<outDir>/pagefind/`.
 *
 * Indexing runs twice: the first pass only extracts each page's searchable
 * text exactly as Pagefind sees it (`data-pagefind-body`, minus
 * `data-pagefind-ignore`); the second indexes the pages again with the search
 * hints of that text (src/lib/search.ts) as a `hints` metadata field. Hints
 * live in metadata, not in the text, so excerpts stay readable; they are
 * added to the indexed copy only, the published HTML is unchanged.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { searchHints } from '../lib/search.ts';

/** One index for the whole site: every page is zh-CN, and queries are segmented as Chinese. */
const LANGUAGE = 'zh-cn';

/** Pagefind reports problems as strings; any of them stops the build. */
function assertNoErrors(step: string, errors: string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind ${step} failed:\n${errors.join('\n')}`);
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html'))
    .map((file) => file.split(path.sep).join('/'));
}

/**
 * A page's indexed text from its fragment file (gzipped JSON behind a
 * `pagefind_dcd` signature), without the zero-width spaces Pagefind puts
 * between the words it cut: hints must span those cuts.
 */
function readFragment(bytes: Uint8Array): { url: string; text: string } {
  const fragment = JSON.parse(gunzipSync(bytes).toString('utf8').replace(/^pagefind_dcd/, ''));
  return { url: fragment.url, text: fragment.content.replaceAll('\u200B', '') };
}

export default function search(): AstroIntegration {
  return {
    name: 'red-routes:search',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const outDir = fileURLToPath(dir);
        // Only entry pages have a data-pagefind-body; reading the rest would be wasted.
        const pages = new Map<string, string>();
        for (const file of htmlFiles(outDir)) {
          const html = readFileSync(path.join(outDir, file), 'utf8');
          if (html.includes('data-pagefind-body')) pages.set(file, html);
        }

        try {
          // Pass 1: each page's searchable text, by URL.
          const first = await pagefind.createIndex({ forceLanguage: LANGUAGE });
          assertNoErrors('createIndex', first.errors);
          const urls = new Map<string, string>();
          for (const [file, content] of pages) {
            const added = await first.index!.addHTMLFile({ sourcePath: file, content });
            assertNoErrors(`indexing ${file}`, added.errors);
            urls.set(added.file.url, file);
          }
          const texts = new Map<string, string>();
          const files = await first.index!.getFiles();
          assertNoErrors('getFiles', files.errors);
          for (const { path: name, content } of files.files) {
            if (!name.startsWith('fragment/')) continue;
            const fragment = readFragment(content);
            texts.set(urls.get(fragment.url)!, fragment.text);
          }
          await first.index!.deleteIndex();

          // Pass 2: the same pages with their hints.
          const second = await pagefind.createIndex({ forceLanguage: LANGUAGE });
          assertNoErrors('createIndex', second.errors);
          let hintWords = 0;
          for (const [file, html] of pages) {
            const hints = searchHints(texts.get(file) ?? '');
            hintWords += hints ? hints.split(' ').length : 0;
            // Hints are Han characters, digits and spaces: nothing to escape in an attribute.
            const content = html.replace('</head>', `<meta data-pagefind-meta="hints[content]" content="${hints}"></head>`);
            const added = await second.index!.addHTMLFile({ sourcePath: file, content });
            assertNoErrors(`indexing ${file}`, added.errors);
          }
          const written = await second.index!.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
          assertNoErrors('writeFiles', written.errors);
          logger.info(
            `Indexed ${pages.size} pages (${hintWords} hint words) into ${path.relative(process.cwd(), written.outputPath)} in ${Math.round(performance.now() - started)} ms.`,
          );
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
