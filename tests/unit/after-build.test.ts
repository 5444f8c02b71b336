/**
 * The step after the pages (src/integrations/after-build.ts) on a small
 * built site: one pass gives a search index, a service worker whose version
 * and page list cover every file (the index's own files included, though
 * they are written after the pages were read), and a link check that fails
 * the build on a broken link.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import afterBuild from '../../src/integrations/after-build.ts';
import { offlineConfig } from '../../src/lib/learners/offline.ts';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function site(files: Record<string, string>): string {
  dir = mkdtempSync(path.join(tmpdir(), 'after-build-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const page = (body: string) =>
  `<!doctype html><html lang="zh-CN"><head><title>t</title><script type="module" src="/_astro/map.A1.js"></script></head><body><main data-pagefind-body>${body}</main></body></html>`;

async function run(siteDir: string) {
  const logged: string[] = [];
  const logger = { info: (s: string) => logged.push(s), warn: (s: string) => logged.push(s), error: (s: string) => logged.push(s) };
  const hooks = afterBuild().hooks as Record<string, (params: unknown) => unknown>;
  hooks['astro:config:done']({ config: { base: '/', site: 'https://example.org' }, logger });
  await hooks['astro:build:done']({ dir: pathToFileURL(`${siteDir}/`), logger });
  return logged;
}

/** The configuration sw.js was written with. */
function workerConfig(siteDir: string) {
  const source = readFileSync(path.join(siteDir, 'sw.js'), 'utf8');
  return JSON.parse(JSON.parse(/JSON\.parse\(("(?:[^"\\]|\\.)*")\)/.exec(source)![1]));
}

describe('after the pages', () => {
  it('writes the search index and a worker whose version covers the index too', async () => {
    const root = site({
      'index.html': page('<h1>百代小楼</h1><a href="/a/">衡山路</a>'),
      'a/index.html': page('<h1>衡山路</h1><p>义勇军进行曲在这里第一次录音。</p>'),
      '_astro/map.A1.js': 'export {}',
    });
    const logged = await run(root);
    expect(existsSync(path.join(root, 'pagefind/pagefind.js'))).toBe(true);
    expect(logged.join('\n')).toMatch(/Indexed 2 pages/);
    expect(logged.join('\n')).toContain('链接检查通过');
    const config = workerConfig(root);
    // Read again in one pass now that every file exists: the same version and pages.
    expect(config).toEqual(offlineConfig(root, '/', ['sw.js']));
    expect(config.pages).toEqual({ '/': [0], '/a/': [0] });
  });

  it('fails the build on a broken link, after the index and worker are written', async () => {
    const root = site({ 'index.html': page('<a href="/nowhere/">无</a>'), '_astro/map.A1.js': '' });
    await expect(run(root)).rejects.toThrow(/1 个无效的站内链接或文件引用/);
    expect(existsSync(path.join(root, 'sw.js'))).toBe(true);
  });
});
