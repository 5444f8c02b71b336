/**
 * `CONTENT_DIR=<dir> npm run build` builds any content directory in the
 * contract format, with a page per entry, and refuses content with errors.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/lib/geo/check.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { png } from '../helpers/png.ts';

function build(contentDir: string) {
  const outDir = mkdtempSync(path.join(tmpdir(), 'site-'));
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir], {
    encoding: 'utf8',
    env: { ...process.env, CONTENT_DIR: contentDir, NO_COLOR: '1' },
  });
  return { status: result.status, output: result.stdout + result.stderr, outDir };
}

describe('build from CONTENT_DIR', () => {
  it('builds a page for every entry of a directory outside the project, MDX included', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'content-'));
    cpSync('tests/fixtures/check/schematic/content', dir, { recursive: true });
    cpSync('tests/fixtures/check/region-coverage/content/regions', path.join(dir, 'regions'), { recursive: true });
    mkdirSync(path.join(dir, 'figures'));
    writeFileSync(
      path.join(dir, 'figures', 'test-person.mdx'),
      '---\nname: 测试人物\nbuildings: [far]\n---\n\nexport const year = 1935;\n\n写于 {year} 年的 **MDX** 正文。\n',
    );
    const { status, output, outDir } = build(dir);
    expect(status, output).toBe(0);
    for (const page of ['stations/a', 'stations/b', 'buildings/far', 'routes/walk', 'figures/test-person']) {
      expect(existsSync(path.join(outDir, page, 'index.html')), page).toBe(true);
    }
    const figure = readFileSync(path.join(outDir, 'figures/test-person/index.html'), 'utf8');
    expect(figure).toContain('写于 1935 年的 <strong>MDX</strong> 正文');
    // The coverage page shows the checker's own figures.
    const [region] = runCheck(loadContent(dir)).regions;
    const coverage = readFileSync(path.join(outDir, 'coverage/index.html'), 'utf8');
    expect(coverage).toContain('测试正方形');
    expect(coverage).toContain(`${region.coveredPercent.toFixed(1)}%`);
    // The link stated on the figure shows on the building too.
    expect(readFileSync(path.join(outDir, 'buildings/far/index.html'), 'utf8')).toContain('测试人物');
  });

  it('processes entry images and fails on a broken link in an entry, naming page, file and line', { timeout: 180_000 }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'content-'));
    cpSync('tests/fixtures/check/schematic/content', dir, { recursive: true });
    mkdirSync(path.join(dir, 'buildings', 'far'));
    writeFileSync(path.join(dir, 'buildings', 'far', 'photo.png'), png(1200, 800));
    const building = path.join(dir, 'buildings', 'far.md');
    const image = 'images:\n  - src: far/photo.png\n    alt: 红色的测试图\n    credit: 测试程序生成\n    license: CC0\n';
    writeFileSync(building, readFileSync(building, 'utf8').replace(/^---\n/, `---\n${image}`));
    mkdirSync(path.join(dir, 'figures'));
    writeFileSync(path.join(dir, 'figures', 'someone.md'), '---\nname: 某人\n---\n\n见[不存在的人物](/figures/nobody/)。\n');

    const { status, output, outDir } = build(dir);
    expect(status).not.toBe(0);
    expect(output).toContain('figures/someone.md:5');
    expect(output).toContain('[link-broken]');
    expect(output).toContain('页面 /figures/someone/ 中的链接“/figures/nobody/”指向不存在的页面');
    expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);

    // The photo went through Astro's pipeline: AVIF and WebP in several widths, with alt and credit.
    const page = readFileSync(path.join(outDir, 'buildings/far/index.html'), 'utf8');
    expect(page).toMatch(/<source srcset="[^"]+\.avif \d+w, [^"]+" type="image\/avif"/);
    expect(page).toMatch(/<source srcset="[^"]+\.webp \d+w, [^"]+" type="image\/webp"/);
    expect(page).toContain('alt="红色的测试图"');
    expect(page).toContain('测试程序生成 · 许可：CC0');
  });

  it('stops on content errors, naming file, line and field, without a stack trace', { timeout: 120_000 }, () => {
    const { status, output } = build(path.resolve('tests/fixtures/check/bad-input/content'));
    expect(status).not.toBe(0);
    expect(output).toContain('routes/unknown-stop.md:3');
    expect(output).toContain('字段 stops[1]');
    expect(output).toContain('有 7 个错误');
    expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});
