/**
 * The built-site link check: fixture sites with known broken links, the
 * messages editors see, and the build hook that fails on any.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AstroIntegrationLogger } from 'astro';
import { reportBrokenLinks } from '../../src/integrations/link-check.ts';
import { checkSiteLinks, linkCollector, linkProblems, scanHtml, type BrokenLink } from '../../src/lib/site/links.ts';
import type { Content } from '../../src/lib/content/model.ts';

const sites = path.resolve('tests/fixtures/sites');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const byPlace = (a: BrokenLink, b: BrokenLink) => `${a.file}:${a.line}:${a.href}`.localeCompare(`${b.file}:${b.line}:${b.href}`);

describe('checkSiteLinks', () => {
  it('finds every broken link, missing asset and missing anchor of a site, and nothing else', () => {
    const { broken, checked } = checkSiteLinks(`${sites}/broken-link`, { base: '/', site: 'https://example.org' });
    expect(broken.sort(byPlace)).toEqual(
      ([
        { kind: 'asset', file: '_astro/site.css', page: '/_astro/site.css', line: 4, href: '../fonts/missing.woff2', element: 'CSS url()' },
        { kind: 'link', file: 'index.html', page: '/', line: 19, href: '/buildings/nowhere/', element: '<a href>' },
        { kind: 'anchor', file: 'index.html', page: '/', line: 20, href: '/about/#missing', element: '<a href>', fragment: 'missing' },
        { kind: 'asset', file: 'index.html', page: '/', line: 24, href: '/images/missing.png', element: '<img src>' },
        { kind: 'asset', file: 'index.html', page: '/', line: 26, href: '/images/b.webp', element: '<source srcset>' },
      ] satisfies BrokenLink[]).sort(byPlace),
    );
    // Stylesheets, icons, the canonical URL, inline <style>, scripts, srcsets, relative links.
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it('honours the base path: a link that forgets the sub-folder is broken', () => {
    const { broken } = checkSiteLinks(`${sites}/sub-folder`, { base: '/red-routes/' });
    expect(broken).toEqual([
      { kind: 'link', file: 'index.html', page: '/red-routes/', line: 7, href: '/about/', element: '<a href>' },
    ]);
  });

  it('reads attributes, entities and ids as a browser would', () => {
    const { refs, ids } = scanHtml(
      `<A HREF='/a/?x=1&amp;y=2'>a</A>\n<svg><pattern id="hatch"/></svg><a name=old>x</a>\n<title><a href="/no/"></title>`,
    );
    expect(refs.map((r) => [r.value, r.line])).toEqual([['/a/?x=1&y=2', 1]]);
    expect([...ids]).toEqual(['hatch', 'old']);
  });

  it('finds references on any element, among tags it need not read (an SVG map)', () => {
    const { refs, ids } = scanHtml(
      `<svg><path d="M1 2L3 4" fill="none"/><circle cx="1" cy="2" r="3"/></svg>\n<div style="background:url(/bg.png)"></div><img SRCSET="/a.webp 2x" alt=""><p Id=x>`,
    );
    expect(refs.map((r) => [r.element, r.value])).toEqual([
      ['style url()', '/bg.png'],
      ['<img srcset>', '/a.webp'],
    ]);
    expect([...ids]).toEqual(['x']);
  });
});

describe('linkProblems', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'links-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'buildings'));
  const absPath = path.join(dir, 'buildings', 'baidai.md');
  writeFileSync(absPath, '---\nname: 百代小楼\n---\n\n见[聂耳](/figures/nie-er/)的故事。\n');
  const content = {
    stations: [],
    buildings: [{ id: 'baidai', file: 'buildings/baidai.md', absPath }],
    figures: [],
    classics: [],
    routes: [],
  } as unknown as Content;
  const link = (page: string, href: string): BrokenLink => ({
    kind: 'link',
    file: `${page.slice(1)}index.html`,
    page,
    line: 40,
    href,
    element: '<a href>',
  });

  it('reports a link written in an entry on that entry’s file and line', () => {
    const { inContent, inSite } = linkProblems([link('/red/buildings/baidai/', '/red/figures/nie-er/')], content, { base: '/red/' });
    expect(inSite).toEqual([]);
    expect(inContent).toMatchObject([{ code: 'link-broken', severity: 'error', file: 'buildings/baidai.md', line: 5 }]);
    expect(inContent[0].message).toContain('页面 /red/buildings/baidai/ 中的链接“/red/figures/nie-er/”指向不存在的页面');
    expect(inContent[0].hint).toContain('buildings/baidai.md');
  });

  it('reports a link from the templates on the built page, for the maintainers', () => {
    const { inContent, inSite } = linkProblems([link('/buildings/baidai/', '/nav/')], content);
    expect(inContent).toEqual([]);
    expect(inSite).toMatchObject([{ code: 'link-broken', file: 'buildings/baidai/index.html', line: 40 }]);
    expect(inSite[0].hint).toContain('维护者');
  });

  it.each([
    ['asset', 'asset-missing', /用到的文件“\/x\.png”（<img src>）不存在/],
    ['anchor', 'anchor-missing', /指向的位置“#team”在目标页面上不存在/],
  ] as const)('names a %s problem %s', (kind, code, message) => {
    const broken: BrokenLink = { kind, file: 'index.html', page: '/', line: 3, href: '/x.png', element: '<img src>', fragment: 'team' };
    const [p] = linkProblems([broken], content).inSite;
    expect(p.code).toBe(code);
    expect(p.message).toMatch(message);
  });
});

describe('the link-check report of a build', () => {
  const run = (siteDir: string) => {
    const logged: string[] = [];
    const logger = { info: (s: string) => logged.push(s), error: (s: string) => logged.push(s) } as unknown as AstroIntegrationLogger;
    const error = reportBrokenLinks(checkSiteLinks(siteDir, { base: '/', site: 'https://example.org' }), { siteDir, base: '/', logger });
    return { error, logged };
  };

  it('fails the build on a fixture site with a broken link, naming the page', () => {
    const { error, logged } = run(`${sites}/broken-link`);
    expect(error?.message).toMatch(/5 个无效的站内链接或文件引用/);
    expect(error?.stack).toBe(error?.message);
    expect(logged.join('\n')).toContain('页面 / 中的链接“/buildings/nowhere/”指向不存在的页面');
    expect(logged.join('\n')).toContain('index.html:19');
  });

  it('passes a site whose links all resolve', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'site-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'index.html'), '<a href="/">首页</a><a href="#x">x</a><p id="x"></p>');
    const { error, logged } = run(dir);
    expect(error).toBeUndefined();
    expect(logged.join('')).toContain('链接检查通过');
  });
});

describe('linkCollector', () => {
  it('finds the same broken links when the pages are read before the files they point to exist', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'site-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'index.html'), '<link rel="stylesheet" href="/pagefind/ui.css"><a href="/gone/">x</a>');
    const links = linkCollector(dir);
    links.add(['index.html']);
    mkdirSync(path.join(dir, 'pagefind'));
    writeFileSync(path.join(dir, 'pagefind/ui.css'), '.a { background: url(missing.svg) }');
    links.add(['pagefind/ui.css']);
    const { broken } = links.check(new Set(['index.html', 'pagefind/ui.css']));
    expect(broken.map((b) => `${b.file} ${b.href}`)).toEqual(['index.html /gone/', 'pagefind/ui.css missing.svg']);
    expect(broken).toEqual(checkSiteLinks(dir).broken);
  });
});
