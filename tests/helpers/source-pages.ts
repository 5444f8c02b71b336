/**
 * What each entry page must be findable by, read from the source content with
 * the content loader — not from the built search index, so text the index
 * leaves out is a failure, not a lower expectation.
 */
import { loadContent } from '../../src/lib/content/load.ts';
import { entryTitle } from '../../src/lib/site/format.ts';
import type { AnyEntry } from '../../src/lib/content/model.ts';

export interface SourcePage {
  /** Page path relative to the site's base, e.g. `figures/nie-er/`. */
  path: string;
  title: string;
  /** Title, summary, keywords and body as plain text. */
  text: string;
}

/**
 * Markdown/MDX body as the reader sees it: no import/export lines, tags,
 * link targets or emphasis marks (punctuation is ignored when matching anyway).
 */
export function plainBody(body: string): string {
  return body
    .split('\n')
    .filter((line) => !/^(import|export)\s/.test(line))
    .join('\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/\{[^}]*\}/g, ' ');
}

/**
 * Every entry with a page of the content directory.
 *
 * @example
 * sourcePages('content').find((p) => p.path === 'figures/nie-er/')?.title // '聂耳'
 */
export function sourcePages(dir: string): SourcePage[] {
  const content = loadContent(dir);
  const entries: AnyEntry[] = [...content.stations, ...content.buildings, ...content.figures, ...content.classics, ...content.routes];
  return entries.map((entry) => {
    const data = entry.data as { summary?: string; keywords?: string[] };
    const title = entryTitle(entry);
    return {
      path: `${entry.collection}/${entry.id}/`,
      title,
      text: [title, data.summary ?? '', ...(data.keywords ?? []), plainBody(entry.body)].join('\n'),
    };
  });
}
