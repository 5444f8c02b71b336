/**
 * Search, build side: what an entry page tells Pagefind (title, filters,
 * thumbnail), and the indexing hints that let Chinese queries find every page
 * that contains them.
 *
 * Why hints: Pagefind indexes Chinese text as words cut by one segmenter and
 * cuts queries into words with another (the browser's Intl.Segmenter), and a
 * query word only matches indexed words that start with it. When the two
 * disagree (宋庆龄 indexed as 宋 + 庆龄, queried as 宋庆 + 龄; 典 inside 经典),
 * pages that contain the query are missed (Pagefind issue #1237). Giving every
 * page, for each position in its text, the few characters that start there
 * makes any query word that is a substring of the page a prefix of one of
 * its words, whatever either segmenter does. See docs/search.md.
 */
import { COLLECTION_LABELS, entryTitle } from '../site/format.ts';
import type { AnyEntry, RouteEntry } from '../content/model.ts';
import { estimateWalk } from '../learners/walking.ts';

/** Filter names as Pagefind stores them, with the label the search page shows. */
export const SEARCH_FILTERS = {
  kind: '类别',
  subdistrict: '街道（镇）',
  duration: '路线用时',
} as const;

export type SearchFilter = keyof typeof SEARCH_FILTERS;

/** Duration bands of routes, shortest first. */
export const DURATION_BANDS = ['1 小时以内', '1–2 小时', '2 小时以上'] as const;

/**
 * @example
 * durationBand(60)  // '1 小时以内'
 * durationBand(61)  // '1–2 小时'
 * durationBand(121) // '2 小时以上'
 */
export function durationBand(minutes: number): (typeof DURATION_BANDS)[number] {
  if (minutes <= 60) return DURATION_BANDS[0];
  return minutes <= 120 ? DURATION_BANDS[1] : DURATION_BANDS[2];
}

/**
 * How long a route takes: the publisher's figure when there is one, else the
 * walking estimate the route page shows (length at 4 km/h plus time at each stop).
 */
export function routeMinutes(route: RouteEntry, lengthM: number | undefined): number | undefined {
  if (route.data.durationMinutes !== undefined) return route.data.durationMinutes;
  if (lengthM === undefined) return undefined;
  return estimateWalk(lengthM, route.stops.length, { minutesPerStop: route.data.minutesPerStop }).totalMinutes;
}

export interface SearchOptions {
  /** A route's length, for its duration when the route gives none. */
  routeLengthM?: number;
  /** A small version of the entry's first image, shown beside its search result. */
  thumbnail?: { src: string; alt: string };
}

/**
 * The attributes that make an element the page's search record: its text is
 * indexed; title, thumbnail and filters are read from `data-search-*`
 * attributes, so no hidden label text is indexed or shows up in excerpts.
 *
 * @example
 * <article {...searchAttributes(entry, { routeLengthM })}>
 */
export function searchAttributes(entry: AnyEntry, { routeLengthM, thumbnail }: SearchOptions = {}): Record<string, string> {
  const values: Record<string, string | undefined> = {
    title: entryTitle(entry),
    kind: COLLECTION_LABELS[entry.collection],
    // An event is filed under its place's 街道.
    subdistrict:
      entry.collection === 'events' ? entry.place?.subdistrict : 'subdistrict' in entry.data ? entry.data.subdistrict : undefined,
  };
  if (entry.collection === 'routes') {
    const minutes = routeMinutes(entry, routeLengthM);
    if (minutes !== undefined) values.duration = durationBand(minutes);
  }
  const meta = ['title'];
  if (thumbnail) {
    values.image = thumbnail.src;
    values.image_alt = thumbnail.alt;
    meta.push('image', 'image_alt');
  }
  const filters = (Object.keys(SEARCH_FILTERS) as SearchFilter[]).filter((name) => values[name]);
  const attrs: Record<string, string> = {
    'data-pagefind-body': '',
    'data-pagefind-meta': meta.map((name) => `${name}[data-search-${name}]`).join(', '),
    'data-pagefind-filter': filters.map((name) => `${name}[data-search-${name}]`).join(', '),
  };
  for (const [name, value] of Object.entries(values)) if (value) attrs[`data-search-${name}`] = value;
  return attrs;
}

/** Characters per hint word: Intl.Segmenter cuts Chinese into words of 1–4 characters. */
export const HINT_LENGTH = 4;

const HINT_RUN = /[\p{Script=Han}\p{Nd}]+/gu;

/**
 * The hint words of a page's indexed text: for each position in each run of
 * Chinese characters and digits, the next `HINT_LENGTH` characters. A word
 * that is the start of another one is left out, since a query matches words
 * by their start anyway.
 *
 * @example
 * searchHints('宋庆龄故居，1981年') // '1981年 981年 81年 宋庆龄故 庆龄故居 龄故居 …' (sorted)
 */
export function searchHints(text: string, length = HINT_LENGTH): string {
  const words = new Set<string>();
  for (const run of text.normalize('NFKC').match(HINT_RUN) ?? []) {
    const chars = Array.from(run);
    for (let i = 0; i < chars.length; i++) words.add(chars.slice(i, i + length).join(''));
  }
  const sorted = [...words].sort();
  return sorted.filter((word, i) => !sorted[i + 1]?.startsWith(word)).join(' ');
}

/** Elements whose text Pagefind 1.6 keeps apart from the text around them (measured with its API). */
const BLOCK_ELEMENTS = new Set(['article', 'br', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'p', 'section', 'td', 'ul']);
/** Elements with no end tag. */
const VOID_ELEMENTS = new Set('area base br col embed hr img input link meta source track wbr'.split(' '));
/** Elements whose content Pagefind 1.6 leaves out of the index. */
const SKIPPED_ELEMENTS = new Set(['footer', 'form', 'iframe', 'label', 'nav', 'noscript', 'script', 'style', 'svg', 'template']);

const TAG = /<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<!--[\s\S]*?-->/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] !== '#') return ENTITIES[entity.toLowerCase()] ?? whole;
    return String.fromCodePoint(entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
  });
}

/**
 * The text Pagefind indexes on a page, read from its HTML without a second
 * indexing pass: the content of the `data-pagefind-body` element, without
 * `data-pagefind-ignore` elements, elements matching `excluded` attribute
 * names (e.g. `data-map`) and non-text elements; block elements separate
 * runs of text, inline ones do not. Empty when the page has no body.
 *
 * @example
 * pageSearchText('<article data-pagefind-body><h1>聂耳</h1><p>作<b>曲</b>家</p><dl><dt>地址</dt><dd>淮海中路</dd></dl><p data-pagefind-ignore>坐标</p></article>')
 * // ' 聂耳  作曲家 地址淮海中路   '
 */
export function pageSearchText(html: string, excluded: readonly string[] = []): string {
  let text = '';
  /** Open elements inside the body: whether each one hides its content. */
  const open: { name: string; hides: boolean }[] = [];
  let hidden = 0;
  let at = 0;
  for (const match of html.matchAll(TAG)) {
    const [whole, closing, rawName = '', attributes = ''] = match;
    if (open.length > 0 && hidden === 0) text += html.slice(at, match.index);
    at = match.index + whole.length;
    if (!rawName) continue;
    const name = rawName.toLowerCase();
    if (open.length === 0) {
      if (closing || !/\sdata-pagefind-body(?=[\s=/]|$)/.test(attributes)) continue;
    } else if (BLOCK_ELEMENTS.has(name)) {
      text += ' ';
    }
    if (closing) {
      // Close up to the matching element; stray end tags close nothing.
      const index = open.findLastIndex((element) => element.name === name);
      if (index === -1) continue;
      for (const element of open.splice(index)) if (element.hides) hidden--;
      if (open.length === 0) break;
      continue;
    }
    if (VOID_ELEMENTS.has(name) || attributes.endsWith('/')) continue;
    const hides =
      SKIPPED_ELEMENTS.has(name) ||
      /\sdata-pagefind-ignore(?=[\s=/]|$)/.test(attributes) ||
      excluded.some((attribute) => new RegExp(`\\s${attribute}(?=[\\s=/]|$)`).test(attributes));
    if (hides) hidden++;
    open.push({ name, hides });
  }
  return decodeText(text);
}
