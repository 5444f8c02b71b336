/**
 * Links written in content become `href`s on public pages, so a
 * `javascript:` or `data:` link would run in a reader's browser. The schemas
 * refuse them (src/schemas/common.ts); pages pass every content URL through
 * `safeHref` as well, so a link that somehow got past validation is dropped
 * rather than published.
 */

/** Schemes a link to another website may use. */
export const WEB_SCHEMES = ['http', 'https'] as const;

export interface SafeHrefOptions {
  /** Allowed schemes without the colon, e.g. `['mailto']` for a field meant for e-mail. Default http and https. */
  schemes?: readonly string[];
}

/**
 * The URL as it may appear in an `href`, or undefined when it is not an
 * absolute URL with an allowed scheme. The check follows the browser's own
 * URL parser: it ignores case, surrounding spaces and control characters, and
 * the tabs and newlines it deletes inside a scheme (`java\tscript:`).
 *
 * @example
 * safeHref(' https://zh.wikipedia.org/wiki/聂耳 ') // 'https://zh.wikipedia.org/wiki/%E8%81%82%E8%80%B3'
 * safeHref('JaVaScRiPt:alert(1)')                  // undefined
 * safeHref('mailto:a@b.cn', { schemes: ['mailto'] }) // 'mailto:a@b.cn'
 */
export function safeHref(value: unknown, options: SafeHrefOptions = {}): string | undefined {
  if (typeof value !== 'string') return undefined;
  const schemes = options.schemes ?? WEB_SCHEMES;
  const url = URL.parse(value);
  if (!url) return undefined;
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  if (!schemes.includes(scheme)) return undefined;
  // "https:evil.org" parses, but is not what anyone means by a web address.
  if ((scheme === 'http' || scheme === 'https') && !/^\s*https?:\/\//i.test(value.replace(/[\t\n\r]/g, ''))) {
    return undefined;
  }
  return url.href;
}
