/**
 * Finds anything in a built page that a browser could run and that did not
 * come from the site itself: event-handler attributes, `javascript:`/`data:`
 * URLs, frames and plug-ins, refresh redirects, scripts other than the site's
 * own bundles and JSON data (which must still parse: a `</script>` inside it
 * would break out). Pages are parsed as a browser would, with Sätteri's HTML
 * parser, so text that merely mentions `onerror=` is not a finding.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { htmlToHast, type HastNode } from 'satteri';

const URL_PROPERTIES = ['href', 'src', 'action', 'formAction', 'poster', 'data', 'cite', 'xLinkHref', 'background', 'ping'];
const FORBIDDEN = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal']);

/**
 * @example
 * executableIn('<img src=x onerror=alert(1)>', { marker: 'alert(' }) // ['<img onError>']
 */
export function executableIn(html: string, options: { marker?: string } = {}): string[] {
  const findings: string[] = [];
  const visit = (node: HastNode) => {
    if (node.type === 'element') {
      const tag = node.tagName;
      const props = (node.properties ?? {}) as Record<string, unknown>;
      for (const name of Object.keys(props)) if (/^on/i.test(name)) findings.push(`<${tag} ${name}>`);
      for (const name of URL_PROPERTIES) {
        const value = props[name];
        if (typeof value !== 'string') continue;
        const compact = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
        const siteIcon = tag === 'link' && compact.startsWith('data:image/');
        if (/^(javascript|vbscript|data):/.test(compact) && !siteIcon) findings.push(`<${tag} ${name}="${value}">`);
      }
      if (FORBIDDEN.has(tag)) findings.push(`<${tag}>`);
      if (tag === 'meta' && props.httpEquiv !== undefined) findings.push(`<meta http-equiv="${props.httpEquiv}">`);
      if (tag === 'script') findings.push(...scriptProblems(node, options.marker));
    }
    if ('children' in node) for (const child of node.children as HastNode[]) visit(child);
  };
  visit(htmlToHast(html));
  return findings;
}

function scriptProblems(node: HastNode & { type: 'element' }, marker: string | undefined): string[] {
  const props = (node.properties ?? {}) as Record<string, unknown>;
  const text = (node.children as HastNode[]).map((c) => ('value' in c ? String(c.value) : '')).join('');
  if (props.type === 'application/json') {
    try {
      JSON.parse(text);
      return [];
    } catch {
      return [`<script type="application/json"> that does not parse: ${text.slice(0, 80)}`];
    }
  }
  if (typeof props.src === 'string') {
    return props.src.includes('/_astro/') || props.src.startsWith('/') ? [] : [`<script src="${props.src}">`];
  }
  return marker && text.includes(marker) ? [`<script> containing ${marker}: ${text.slice(0, 80)}`] : [];
}

/**
 * Every finding in every HTML file under a directory, as `page: finding`.
 *
 * @example
 * executableInSite('dist', { marker: 'alert(' }) // []
 */
export function executableInSite(dir: string, options: { marker?: string } = {}): { pages: number; findings: string[] } {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
  const findings = files.flatMap((file) =>
    executableIn(readFileSync(path.join(dir, file), 'utf8'), options).map((f) => `${file}: ${f}`),
  );
  return { pages: files.length, findings };
}
