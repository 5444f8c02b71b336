/**
 * Entry bodies from careless or hostile editors (tests/fixtures/hostile/):
 * the check names file, line and what is wrong in Chinese, and the build's own
 * safety net (the Sätteri processor of astro.config.mjs) publishes nothing
 * executable even from a body the check never saw.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { safeMarkdownProcessor } from '../../src/integrations/body-safety.ts';
import { checkBody } from '../../src/lib/content/bodies.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { png } from '../helpers/png.ts';

const HOSTILE = 'tests/fixtures/hostile';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** `file:line code` of every problem, the way an editor reads the report. */
function located(dir: string): string[] {
  return loadContent(dir).problems.map((p) => `${p.file}:${p.line} ${p.code}`);
}

function copy(fixture: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hostile-'));
  dirs.push(dir);
  cpSync(path.join(HOSTILE, fixture, 'content'), dir, { recursive: true });
  return dir;
}

describe('the check refuses raw HTML that could run in a reader’s browser', () => {
  const dir = path.join(HOSTILE, 'body-html/content');

  it('names file, line and the tag, attribute or URL, and leaves harmless HTML alone', () => {
    expect(located(dir)).toEqual([
      'figures/data-url.md:5 body-url',
      'figures/data-url.md:7 body-html',
      'figures/event-handler.md:5 body-html',
      'figures/event-handler.md:7 body-html',
      'figures/form.md:5 body-html',
      'figures/form.md:5 body-html',
      'figures/iframe.md:5 body-html',
      'figures/iframe.md:8 body-html',
      'figures/links.md:5 body-url',
      'figures/links.md:7 body-url',
      'figures/links.md:9 body-url',
      'figures/links.md:13 body-url',
      'figures/links.md:15 body-html',
      'figures/links.md:17 body-url',
      'figures/links.md:19 body-html',
      'figures/meta.md:5 body-html',
      'figures/meta.md:7 body-html',
      'figures/meta.md:7 body-html',
      'figures/meta.md:7 body-html',
      'figures/remote-image.md:5 body-url',
      'figures/script.md:7 body-html',
      'figures/style.md:5 body-html',
      'figures/style.md:7 body-html',
      'figures/svg.md:5 body-html',
      'figures/svg.md:5 body-html',
    ]);
  });

  it('says what is wrong in Chinese, as the editor wrote it', () => {
    const messages = loadContent(dir).problems.map((p) => p.message);
    expect(messages).toContain('正文中不能使用 <script> 标签。');
    expect(messages).toContain('<img> 的“onerror”是事件处理属性，会在读者的浏览器里运行代码。');
    expect(messages).toContain('<span> 不能带“style”属性。');
    expect(messages.filter((m) => m.includes('“javascript:”'))).toHaveLength(6);
    expect(messages).toContain('链接地址以“vbscript:”开头，这种链接会在读者的浏览器里运行代码或打开不安全的内容。');
  });
});

describe('the check refuses MDX code (mdx-code) and the frontmatter layout', () => {
  it('names file and line of every import, non-literal export, expression and component', () => {
    expect(located(path.join(HOSTILE, 'mdx-code/content'))).toEqual([
      'buildings/layout.md:4 mdx-code',
      'buildings/layout.md:4 field-unknown',
      'figures/components.mdx:5 mdx-code',
      'figures/components.mdx:7 body-html',
      'figures/components.mdx:9 mdx-code',
      'figures/components.mdx:11 mdx-code',
      'figures/components.mdx:13 body-html',
      'figures/components.mdx:15 body-html',
      'figures/exports.mdx:5 mdx-code',
      'figures/exports.mdx:7 mdx-code',
      'figures/exports.mdx:9 mdx-code',
      'figures/expressions.mdx:5 mdx-code',
      'figures/expressions.mdx:7 mdx-code',
      'figures/expressions.mdx:9 mdx-code',
      'figures/import-fs.mdx:5 mdx-code',
      'figures/import-fs.mdx:8 mdx-code',
      'figures/import-fs.mdx:10 mdx-code',
    ]);
  });

  it('says why in Chinese', () => {
    const messages = loadContent(path.join(HOSTILE, 'mdx-code/content')).problems.map((p) => p.message);
    expect(messages).toContain('MDX 正文不能导入（import）任何东西，这里导入了“node:fs”。');
    expect(messages).toContain('MDX 正文不能使用组件 <Foo>（内容里的组件会在构建时运行代码）。');
    expect(messages.some((m) => m.startsWith('头信息中的“layout”会让构建导入并运行'))).toBe(true);
  });
});

describe('the check compiles bodies the way the build does', () => {
  it('reports MDX syntax errors, missing, mis-cased, non-image and outside images with file and line', () => {
    const dir = copy('body-compile');
    mkdirSync(path.join(dir, 'figures/case-image'));
    writeFileSync(path.join(dir, 'figures/case-image/photo.png'), png(8, 8));
    // A symlink that leaves the content folder, and one that stays inside.
    const outside = mkdtempSync(path.join(tmpdir(), 'outside-'));
    dirs.push(outside);
    writeFileSync(path.join(outside, 'secret.png'), png(8, 8));
    mkdirSync(path.join(dir, 'figures/linked'));
    symlinkSync(path.join(outside, 'secret.png'), path.join(dir, 'figures/linked/out.png'));
    symlinkSync(path.join(dir, 'figures/case-image/photo.png'), path.join(dir, 'figures/linked/in.png'));
    symlinkSync('loop-b.png', path.join(dir, 'figures/linked/loop-a.png'));
    symlinkSync('loop-a.png', path.join(dir, 'figures/linked/loop-b.png'));
    writeFileSync(
      path.join(dir, 'figures/linked.md'),
      '---\nname: 链接图\n---\n\n![出](linked/out.png)\n\n![内](linked/in.png)\n\n![环](linked/loop-a.png)\n',
    );

    expect(located(dir)).toEqual([
      'figures/brace.mdx:7 body-syntax',
      'figures/case-image.md:5 body-image-missing',
      'figures/linked.md:5 body-image-outside',
      'figures/linked.md:9 file-unreadable',
      'figures/missing-image-mdx.mdx:5 body-image-missing',
      'figures/missing-image.md:7 body-image-missing',
      'figures/not-image.md:5 image-format',
      'figures/outside.md:5 body-image-outside',
      'figures/unclosed.mdx:7 body-syntax',
    ]);
    const byFile = new Map(loadContent(dir).problems.map((p) => [p.file, p.message]));
    expect(byFile.get('figures/unclosed.mdx')).toMatch(/^MDX 正文有语法错误：标签 <div> 没有闭合/);
    expect(byFile.get('figures/brace.mdx')).toMatch(/^MDX 正文有语法错误：花括号 \{ 没有对应的 \}/);
    expect(byFile.get('figures/case-image.md')).toContain('同一文件夹里有“photo.png”，只是大小写不同');
    const problems = loadContent(dir).problems;
    expect(problems.find((p) => p.code === 'body-image-outside' && p.line === 5)?.message).toContain('是指向内容目录之外的符号链接');
    const loop = problems.find((p) => p.code === 'file-unreadable')!;
    expect(loop.message).toBe('无法读取文件：图片“linked/loop-a.png”：ELOOP');
    expect(loop.message).not.toContain(dir);
  });
});

describe('MDX syntax errors are explained in Chinese', () => {
  const reasonOf = (body: string) =>
    checkBody({ root: '/c', file: 'figures/a.mdx', absPath: '/c/figures/a.mdx', body, bodyLine: 4, data: {}, lineOf: () => undefined });

  it.each([
    ['<!-- 注释 -->', 1, 'MDX 里的注释要写成 {/* … */}，不能用 <!-- … -->'],
    ['第一行\n\n第二行<br>第三行', 3, '<br> 在 MDX 里要写成 <br />'],
    ['<p>段落', 1, '标签 <p> 没有闭合'],
    ['x </div>', 1, '多了一个结束标签 </div>'],
    ['a <b', 1, '“<”后面不是合法的标签'],
    ['价格 {100元}', 1, '花括号 {…} 里的内容不是合法的表达式'],
    ['1935 年 {未闭合', 1, '花括号 { 没有对应的 }'],
  ])('%j', (body, bodyLine, reason) => {
    const [found] = reasonOf(body);
    expect(found.code).toBe('body-syntax');
    expect(found.line).toBe(4 + bodyLine - 1);
    expect(found.message).toContain(`MDX 正文有语法错误：${reason}`);
  });
});

describe('the build’s safety net: the Markdown processor of astro.config.mjs', () => {
  const processor = safeMarkdownProcessor({ contentDir: path.resolve(HOSTILE) });
  const markdown = processor.createRenderer({});
  const mdx = processor.createMdxRenderer!({}, { optimize: false, srcDir: undefined } as never);

  function bodyOf(file: string): string {
    return readFileSync(file, 'utf8').split(/^---$/m).slice(2).join('---');
  }

  /** Everything a browser could run: scripts, handlers, frames, forms, dangerous URLs. */
  const EXECUTABLE = [
    /<script/i,
    /\son[a-z]+\s*=/i,
    /(href|src|action|formaction)\s*=\s*["']?\s*(java\s*script|vbscript|data):/i,
    /<(iframe|object|embed|form|button|meta|base|svg|style)\b/i,
    /position:\s*fixed/i,
  ];

  it('renders no raw HTML script, handler, frame, form or dangerous URL from Markdown', async () => {
    const dir = path.join(HOSTILE, 'body-html/content/figures');
    const files = readdirSync(dir).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const { code } = await (await markdown).render(bodyOf(path.join(dir, file)), {
        fileURL: new URL(`file://${path.resolve(dir, file)}`),
        frontmatter: {},
      });
      for (const pattern of EXECUTABLE) expect(code, `${file}: ${pattern}`).not.toMatch(pattern);
    }
    const allowed = await (await markdown).render(bodyOf(path.join(dir, 'allowed.md')), { frontmatter: {} });
    expect(allowed.code).toContain('<abbr title="中国共产党">中共</abbr>');
    expect(allowed.code).toContain('<a href="mailto:editor@example.org">');
    expect(allowed.code).toContain('<th style="text-align: right">');
  });

  it('generates no MDX module that imports, calls or renders code or components', async () => {
    const dir = path.join(HOSTILE, 'mdx-code/content/figures');
    for (const file of ['import-fs.mdx', 'exports.mdx', 'expressions.mdx', 'components.mdx']) {
      const { code } = await (await mdx).process(bodyOf(path.join(dir, file)), path.resolve(dir, file), {});
      const generated = code.replace(/^import \{[^}]*\} from "astro\/jsx-runtime";$/m, '');
      expect(generated, file).not.toMatch(/\bimport\b|require\(|process\.|globalThis|=>|\bFoo\b|onError|\.\.\.props/);
      expect(generated, file).not.toMatch(/javascript:|data:image/);
    }
    const allowed = await (await mdx).process(bodyOf(path.join(dir, 'allowed.mdx')), path.resolve(dir, 'allowed.mdx'), {});
    expect(allowed.code).toContain('export const year = 1935;');
    expect(allowed.code).toContain('title: "中国共产党"');
  });

  it('ignores a frontmatter layout, which Astro would import and run', async () => {
    const { code } = await (await mdx).process('正文。\n', path.resolve('x.mdx'), { layout: '/etc/hostname' });
    expect(code).not.toContain('/etc/hostname');
    const md = await (await markdown).render('正文。\n', { frontmatter: { layout: '/etc/hostname' } });
    expect(md.metadata.frontmatter).toEqual({});
  });

  it('does not import a body image from outside the content folder', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'content-'));
    dirs.push(dir);
    const outside = mkdtempSync(path.join(tmpdir(), 'outside-'));
    dirs.push(outside);
    writeFileSync(path.join(outside, 'secret.png'), png(8, 8));
    mkdirSync(path.join(dir, 'figures/a'), { recursive: true });
    symlinkSync(path.join(outside, 'secret.png'), path.join(dir, 'figures/a/link.png'));
    writeFileSync(path.join(dir, 'figures/a/ok.png'), png(8, 8));
    const renderer = safeMarkdownProcessor({ contentDir: dir }).createRenderer({});
    const { metadata } = await (await renderer).render(
      `![出](${path.relative(path.join(dir, 'figures'), path.join(outside, 'secret.png'))})\n\n![链](a/link.png)\n\n![好](a/ok.png)\n`,
      { fileURL: new URL(`file://${path.join(dir, 'figures/a.md')}`), frontmatter: {} },
    );
    expect(metadata.localImagePaths).toEqual(['a/ok.png']);
    expect(existsSync(path.join(outside, 'secret.png'))).toBe(true);
  });
});

describe('the built-page scanner used by the build and fuzz tests', () => {
  it('finds what a browser would run, and not text that merely mentions it', async () => {
    const { executableIn } = await import('../helpers/executable.ts');
    const page = (body: string) => `<!doctype html><html><head><link rel="icon" href="data:image/svg+xml,x"></head><body>${body}</body></html>`;
    expect(executableIn(page('<p>写 &lt;img onerror=alert(1)&gt; 或 javascript:alert(1) 都只是文字</p>'), { marker: 'alert(' })).toEqual([]);
    expect(executableIn(page('<img src=x onerror=alert(1)>'))).toEqual(['<img onError>']);
    expect(executableIn(page('<a href=" JaVa\tScRiPt:alert(1)">x</a>'))).toHaveLength(1);
    expect(executableIn(page('<iframe srcdoc="x"></iframe><meta http-equiv="refresh" content="0">'))).toHaveLength(2);
    expect(executableIn(page('<script>alert(1)</script>'), { marker: 'alert(' })).toHaveLength(1);
    expect(executableIn(page('<script type="application/json">{"name":"</script><script>alert(1)</script>"}</script>'), { marker: 'alert(' })).toHaveLength(2);
  });
});
