/**
 * The Pagefind search index of the finished site, in `<outDir>/pagefind/`,
 * built in one pass (src/integrations/after-build.ts runs it).
 *
 * Each entry page goes to Pagefind with the search hints of its indexed text
 * (src/lib/search/build.ts: pageSearchText() reads that text from the HTML as
 * Pagefind does, searchHints() makes the hints) as a `hints` metadata field.
 * Hints live in metadata, not in the text, so excerpts stay readable; they
 * are added to the copy Pagefind indexes only, the published HTML is
 * unchanged. Pages without `data-pagefind-body` are not indexed, as Pagefind
 * itself would skip them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { pageSearchText, searchHints } from '../lib/search/build.ts';

/** One index for the whole site: every page is zh-CN, and queries are segmented as Chinese. */
const LANGUAGE = 'zh-cn';

/**
 * Chrome inside entry pages that data-pagefind-ignore does not mark: the maps'
 * captions and controls (`figure[data-map]`, MapFigure.astro) would otherwise
 * show up in excerpts ("建筑位置地图：…") and match "地图" on every page.
 */
const EXCLUDED_ATTRIBUTE = 'data-map';

/** Pages handed to Pagefind at once: it indexes them in parallel (256 at a time is ~25 % faster than 64 at 1,400 pages). */
const BATCH = 256;

/** Pagefind reports problems as strings; any of them stops the build. */
function assertNoErrors(step: string, errors: string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind ${step} failed:\n${errors.join('\n')}`);
}

/**
 * A page as Pagefind should index it: with its hints in the head, or
 * undefined when the page has no searchable body.
 */
function withHints(html: string): { html: string; hintWords: number } | undefined {
  if (!html.includes('data-pagefind-body')) return undefined;
  const hints = searchHints(pageSearchText(html, [EXCLUDED_ATTRIBUTE]));
  // Hints are Han characters, digits and spaces: nothing to escape in an attribute.
  const meta = `<meta data-pagefind-meta="hints[content]" content="${hints}">`;
  return { html: html.replace('</head>', `${meta}</head>`), hintWords: hints ? hints.split(' ').length : 0 };
}

export interface PagesIndexed {
  /** Pages with a searchable body, handed to Pagefind. */
  indexed: number;
  /** Hint words added to them. */
  hintWords: number;
  /**
   * Writes the index into `outDir/pagefind/` and closes Pagefind. The
   * writing happens in Pagefind's own process, so this one is free to do
   * other work until it awaits the result (the folder written).
   */
  write(): Promise<string>;
}

/**
 * Hands every entry page among `files` (paths relative to `outDir`) to
 * Pagefind with its hints.
 *
 * @example
 * const index = await indexPages('dist', listFiles('dist'));
 * await index.write(); // 'dist/pagefind'
 */
export async function indexPages(outDir: string, files: readonly string[]): Promise<PagesIndexed> {
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: LANGUAGE, excludeSelectors: [`[${EXCLUDED_ATTRIBUTE}]`] });
    assertNoErrors('createIndex', errors);
    const pages = files.filter((file) => file.endsWith('.html'));
    let indexed = 0;
    let hintWords = 0;
    for (let i = 0; i < pages.length; i += BATCH) {
      const added = pages.slice(i, i + BATCH).map(async (sourcePath) => {
        const page = withHints(readFileSync(path.join(outDir, sourcePath), 'utf8'));
        if (!page) return;
        hintWords += page.hintWords;
        const result = await index!.addHTMLFile({ sourcePath, content: page.html });
        assertNoErrors(`indexing ${sourcePath}`, result.errors);
        indexed++;
      });
      await Promise.all(added);
    }
    const write = async () => {
      try {
        const written = await index!.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
        assertNoErrors('writeFiles', written.errors);
        return written.outputPath;
      } finally {
        await pagefind.close();
      }
    };
    return { indexed, hintWords, write };
  } catch (error) {
    await pagefind.close();
    throw error;
  }
}
