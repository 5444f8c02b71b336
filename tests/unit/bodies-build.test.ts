/**
 * Hostile bodies against the real build: it refuses them with the checker's
 * Chinese located report before any MDX module runs, and its own safety net
 * publishes nothing executable even when the check is left out.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { executableInSite } from '../helpers/executable.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

function build(contentDir: string, config?: string) {
  const outDir = tempDir('site-');
  const args = ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir, ...(config ? ['--config', config] : [])];
  const result = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    env: { ...process.env, CONTENT_DIR: contentDir, NO_COLOR: '1' },
  });
  return { status: result.status, output: result.stdout + result.stderr, outDir };
}

/** An MDX body that, if the build ever evaluated it, would leave a file behind. */
function pwn(marker: string): string {
  return [
    '---',
    'name: 运行代码',
    '---',
    '',
    "import fs from 'node:fs';",
    '',
    `export const done = fs.writeFileSync(${JSON.stringify(marker)}, 'ran at import');`,
    '',
    `本机：{fs.writeFileSync(${JSON.stringify(marker)}, 'ran at render')}`,
    '',
  ].join('\n');
}

describe('building hostile bodies', () => {
  it('stops before any MDX module runs, with the check’s located Chinese report and no stack trace', { timeout: 120_000 }, () => {
    const dir = tempDir('content-');
    cpSync('tests/fixtures/check/schematic/content', dir, { recursive: true });
    cpSync('tests/fixtures/hostile/body-compile/content/figures', path.join(dir, 'figures'), { recursive: true });
    const marker = path.join(tempDir('marker-'), 'pwned');
    writeFileSync(path.join(dir, 'figures', 'pwn.mdx'), pwn(marker));

    const { status, output, outDir } = build(dir);
    expect(status, output).toBe(1);
    expect(output).toContain('figures/pwn.mdx:5  错误 [mdx-code]');
    expect(output).toContain('MDX 正文不能导入（import）任何东西，这里导入了“node:fs”');
    expect(output).toContain('figures/unclosed.mdx:7  错误 [body-syntax]');
    expect(output).toContain('figures/missing-image.md:7  错误 [body-image-missing]');
    expect(output).toContain('构建已停止');
    expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(path.join(outDir, 'figures/pwn/index.html'))).toBe(false);
  });

  it('publishes nothing executable and runs no MDX code even with the check left out', { timeout: 180_000 }, () => {
    const dir = tempDir('content-');
    cpSync('tests/fixtures/hostile/body-html/content', dir, { recursive: true });
    cpSync('tests/fixtures/hostile/mdx-code/content', dir, { recursive: true });
    const marker = path.join(tempDir('marker-'), 'pwned');
    writeFileSync(path.join(dir, 'figures', 'pwn.mdx'), pwn(marker));

    const { status, output, outDir } = build(dir, 'tests/helpers/astro-unchecked.config.mjs');
    expect(status, output).toBe(0);
    expect(existsSync(marker)).toBe(false);
    const { pages, findings } = executableInSite(outDir, { marker: 'alert(' });
    expect(pages).toBeGreaterThan(20);
    expect(findings).toEqual([]);
    // The hostile pages were built, with their harmless text kept.
    for (const page of ['figures/script', 'figures/links', 'figures/import-fs', 'figures/components', 'figures/pwn']) {
      expect(existsSync(path.join(outDir, page, 'index.html')), page).toBe(true);
    }
  });
});
