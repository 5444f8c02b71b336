/**
 * Matching and excerpts for search results, in the browser. Chinese readers
 * expect a query to match where the page contains it as written, so both
 * sides are compared as plain character strings: case, full-width forms,
 * spaces and punctuation are folded away, and nothing depends on how a
 * segmenter cut the words.
 */

/** A text reduced to letters and digits, with where each kept character came from. */
interface Folded {
  text: string;
  /** For each UTF-16 unit of `text`, the index of the code point of the original it came from. */
  from: number[];
}

const KEPT = /[\p{L}\p{N}]/u;

function fold(codePoints: readonly string[]): Folded {
  let text = '';
  const from: number[] = [];
  codePoints.forEach((cp, i) => {
    for (const ch of cp.normalize('NFKC').toLowerCase()) {
      if (!KEPT.test(ch)) continue;
      text += ch;
      for (let unit = 0; unit < ch.length; unit++) from.push(i);
    }
  });
  return { text, from };
}

/** The parts of a query the visitor separated with spaces, each folded; empty parts dropped. */
export function queryParts(query: string): string[] {
  return query
    .split(/\s+/)
    .map((part) => fold(Array.from(part)).text)
    .filter(Boolean);
}

/**
 * True when the text contains every space-separated part of the query.
 *
 * @example
 * containsQuery('《义勇军进行曲》由田汉作词', '义勇军 田汉') // true
 * containsQuery('义勇军的进行曲', '义勇军进行曲')             // false
 */
export function containsQuery(text: string, query: string): boolean {
  const folded = fold(Array.from(text)).text;
  return queryParts(query).every((part) => folded.includes(part));
}

/**
 * How well a page matches a query, for ordering results, best first: 0 its
 * title is the query, 1 its title contains it, 2 its text does, 3 the page
 * only has the query's words apart (Pagefind returns those too).
 *
 * @example
 * matchTier('义勇军进行曲', '…', '义勇军进行曲') // 0
 * matchTier('聂耳', '《义勇军进行曲》的曲作者', '义勇军进行曲') // 2
 */
export function matchTier(title: string, text: string, query: string): 0 | 1 | 2 | 3 {
  const parts = queryParts(query);
  const foldedTitle = fold(Array.from(title)).text;
  if (foldedTitle === parts.join('')) return 0;
  if (parts.every((part) => foldedTitle.includes(part))) return 1;
  return containsQuery(text, query) ? 2 : 3;
}

const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' });

/** What to mark: each query part the text contains, else the words of that part. */
function markTerms(folded: string, query: string): string[] {
  return queryParts(query).flatMap((part) => {
    if (folded.includes(part)) return [part];
    return [...segmenter.segment(part)].filter((s) => s.isWordLike).map((s) => s.segment);
  });
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);

/**
 * About `length` characters of `text` around the first match of the query,
 * as HTML: escaped, with every match in the window in <mark>, and "…" where
 * the text was cut. Without a match, the start of the text.
 *
 * @example
 * excerptHtml('聂耳（1912—1935），作曲家。', '作曲', 10) // '…1935），<mark>作曲</mark>家。'
 */
export function excerptHtml(text: string, query: string, length = 80): string {
  const cps = Array.from(text);
  const folded = fold(cps);
  // Code point ranges [start, end) of every match. Terms go longest first, so
  // the window is centred on the first match of the longest term that matched.
  const ranges: [number, number][] = [];
  let anchor: [number, number] | undefined;
  const terms = markTerms(folded.text, query).sort((a, b) => b.length - a.length);
  for (const term of terms) {
    for (let at = folded.text.indexOf(term); at >= 0; at = folded.text.indexOf(term, at + term.length)) {
      const range: [number, number] = [folded.from[at], folded.from[at + term.length - 1] + 1];
      ranges.push(range);
      anchor ??= range;
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);

  const start = anchor
    ? Math.max(0, Math.min(anchor[0] - Math.floor((length - (anchor[1] - anchor[0])) / 2), cps.length - length))
    : 0;
  const end = Math.min(cps.length, start + length);

  let html = start > 0 ? '…' : '';
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= at || from >= end) continue;
    const markFrom = Math.max(from, at);
    html += escapeHtml(cps.slice(at, markFrom).join(''));
    html += `<mark>${escapeHtml(cps.slice(markFrom, Math.min(to, end)).join(''))}</mark>`;
    at = Math.min(to, end);
  }
  html += escapeHtml(cps.slice(at, end).join(''));
  return end < cps.length ? `${html}…` : html;
}
