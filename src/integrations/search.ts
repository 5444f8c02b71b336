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
  const copy = html.replace(NOT_INDEXED, '').replace('</head>', `${meta}</head>`);
  return { html: copy, hintWords: hints ? hints.split(' ').length : 0 };
}

/**
 * Style sheets and scripts, which Pagefind never indexes: left out of the
 * copy it is sent, they were half of a page's bytes (inline CSS, map data)
 * and only cost memory and parsing.
 */
const NOT_INDEXED = /<(style|script)\b[^>]*>[\s\S]*?<\/\1>/gi;

export interface SearchIndex {
  /**
   * Hands a page (path relative to the site) to Pagefind with its hints;
   * resolves to false when the page has no searchable body. Pagefind
   * indexes it in its own process while this one goes on.
   */
  addPage(sourcePath: string, html: string): Promise<boolean>;
  /** Pages indexed and hint words added so far. */
  readonly indexed: number;
  readonly hintWords: number;
  /** Writes the index into `outDir/pagefind/` and closes Pagefind; resolves to that folder. */
  write(outDir: string): Promise<string>;
  /** Closes Pagefind without writing (when the build fails before). */
  close(): Promise<void>;
}

/**
 * @example
 * const index = await createSearchIndex();
 * await index.addPage('routes/a/index.html', html); // true
 * await index.write('dist'); // 'dist/pagefind'
 */
export async function createSearchIndex(): Promise<SearchIndex> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: LANGUAGE, excludeSelectors: [`[${EXCLUDED_ATTRIBUTE}]`] });
  if (!index || errors.length > 0) {
    await pagefind.close();
    throw new Error(`Pagefind createIndex failed:\n${errors.join('\n') || 'no index was created'}`);
  }
  let indexed = 0;
  let hintWords = 0;
  return {
    get indexed() {
      return indexed;
    },
    get hintWords() {
      return hintWords;
    },
    async addPage(sourcePath, html) {
      const page = withHints(html);
      if (!page) return false;
      hintWords += page.hintWords;
      const result = await index.addHTMLFile({ sourcePath, content: page.html });
      assertNoErrors(`indexing ${sourcePath}`, result.errors);
      indexed++;
      return true;
    },
    async write(outDir) {
      try {
        const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
        assertNoErrors('writeFiles', written.errors);
        return written.outputPath;
      } finally {
        await pagefind.close();
      }
    },
    close: async () => {
      await pagefind.close();
    },
  };
}
