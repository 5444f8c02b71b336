/**
 * Checks the Markdown/MDX body of an entry the way the build reads it: parsed
 * and, for MDX, compiled by Sätteri, the processor Astro 7 renders bodies
 * with. Problems that would otherwise stop the build in English with a stack
 * trace (MDX syntax errors, missing images) and anything unsafe to publish or
 * to run (raw HTML scripts, `javascript:` links, MDX code) become located
 * Chinese problems. What is allowed is decided in src/lib/content/body-policy.ts.
 */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { htmlToHast, markdownToMdast, mdxToJs, type HastNode, type MdastNode } from 'satteri';
import {
  attributeProblem,
  esmProblem,
  expressionProblem,
  isLiteralSource,
  tagProblem,
  urlProblem,
  type EsNode,
} from './body-policy.ts';
import { IMAGE_EXTENSIONS } from './images.ts';
import { problem, type Problem, type ProblemCode } from './problems.ts';

export interface BodyEntry {
  /** Content directory, absolute. */
  root: string;
  /** Entry file relative to the root, e.g. `figures/nie-er.mdx`. */
  file: string;
  absPath: string;
  body: string;
  /** File line on which the body starts. */
  bodyLine: number;
  /** Raw frontmatter, for the fields Astro itself acts on (`layout`). */
  data: Record<string, unknown> | undefined;
  /** Line of a frontmatter field. */
  lineOf: (field: string) => number | undefined;
}

type Report = (code: ProblemCode, bodyLine: number | undefined, params: Record<string, string | number | undefined>) => void;

/**
 * Every problem of one entry's body, located by file line.
 *
 * @example
 * checkBody({ root, file: 'figures/a.md', absPath, body: '<script>alert(1)</script>\n', bodyLine: 4, data, lineOf })
 * // [{ code: 'body-html', file: 'figures/a.md', line: 4, message: '正文中不能使用 <script> 标签。', … }]
 */
export function checkBody(entry: BodyEntry): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (code, line, params) => {
    const fileLine = line === undefined ? entry.bodyLine : entry.bodyLine + line - 1;
    problems.push(problem(code, { file: entry.file, line: fileLine }, params));
  };
  if (entry.data && 'layout' in entry.data) {
    problems.push(
      problem(
        'mdx-code',
        { file: entry.file, line: entry.lineOf('layout'), field: 'layout' },
        { reason: '头信息中的“layout”会让构建导入并运行它指向的文件，内容条目不能使用它（请删除这个字段）' },
      ),
    );
  }
  try {
    if (path.extname(entry.file).toLowerCase() === '.mdx') checkMdx(entry, report);
    else checkMarkdown(entry, report);
  } catch (error) {
    // A body the parser or the file system chokes on is this file's problem, not a crash of the whole check.
    problems.push(problem('internal-error', { file: entry.file, line: entry.bodyLine }, { reason: `检查正文时出错：${(error as Error)?.message ?? error}` }));
  }
  return problems;
}

/** Markdown: raw HTML, link and image URLs, image files. */
function checkMarkdown(entry: BodyEntry, report: Report): void {
  // Only `<` (HTML, autolinks) and `]` (links, images, definitions) can bring in HTML or URLs.
  if (!/[<\]]/.test(entry.body)) return;
  const tree = markdownToMdast(entry.body);
  const definitions = new Map<string, MdastNode & { url: string }>();
  walk(tree, (node) => {
    if (node.type === 'definition') definitions.set(node.identifier, node);
  });
  walk(tree, (node) => {
    const line = node.position?.start.line;
    switch (node.type) {
      case 'html':
        checkHtml(node.value, line, report);
        break;
      case 'link':
      case 'definition':
        checkUrl(node.url, line, false, report);
        break;
      case 'image':
        if (checkUrl(node.url, line, true, report)) checkImageFile(entry, node.url, line, report);
        break;
      case 'imageReference': {
        const definition = definitions.get(node.identifier);
        if (definition) checkUrl(definition.url, line, true, report);
        break;
      }
    }
  });
}

/** Raw HTML of one Markdown node: every element's tag and attributes. */
function checkHtml(html: string, line: number | undefined, report: Report): void {
  for (const { offset, reason } of htmlProblems(html)) {
    report('body-html', line === undefined ? undefined : line + offset, { reason });
  }
}

/**
 * The problems of a piece of raw HTML, with their line offsets. The same
 * snippets (`<sup>`, `</sup>`, `<br>`) recur across a city's entries and
 * parsing HTML costs more than parsing the Markdown around it: remember them.
 */
const htmlCache = new Map<string, { offset: number; reason: string }[]>();

function htmlProblems(html: string): { offset: number; reason: string }[] {
  const known = htmlCache.get(html);
  if (known) return known;
  const found: { offset: number; reason: string }[] = [];
  let cursor = 0;
  walkHast(htmlToHast(html, { fragment: true }), (node) => {
    if (node.type !== 'element') return;
    // The HTML parser keeps no positions: find the tag in the text to name its line.
    const name = node.tagName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const tag = new RegExp(`<${name}[\\s/>]`, 'i').exec(html.slice(cursor));
    if (tag) cursor += tag.index + 1;
    const reason = tagProblem(node.tagName) ?? firstAttributeProblem(node.tagName, node.properties ?? {});
    if (reason) found.push({ offset: countLines(html.slice(0, cursor)), reason });
  });
  if (htmlCache.size > 10_000) htmlCache.clear();
  htmlCache.set(html, found);
  return found;
}

function firstAttributeProblem(tag: string, properties: Record<string, unknown>): string | undefined {
  for (const [name, value] of Object.entries(properties)) {
    const reason = attributeProblem(tag, htmlName(name), Array.isArray(value) ? value.join(' ') : value);
    if (reason) return reason;
  }
  return undefined;
}

/** The attribute as the editor wrote it: hast's `onError`, `ariaLabel`, `className` → `onerror`, `aria-label`, `class`. */
function htmlName(property: string): string {
  if (property === 'className') return 'class';
  if (property === 'htmlFor') return 'for';
  if (/^(aria|data|http|accept)[A-Z]/.test(property)) return property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return property.toLowerCase();
}

/** False (and a problem) when the URL may not be published. */
function checkUrl(url: string, line: number | undefined, image: boolean, report: Report): boolean {
  const reason = urlProblem(url, { image });
  if (!reason) return true;
  report('body-url', line, { reason, image: image ? 1 : undefined, exampleSrc: 'entry-id/photo.jpg' });
  return false;
}

/**
 * A relative image in a body is imported by the build: it must exist with
 * exactly that name, be an image, and lie inside the content folder, also
 * after following symbolic links.
 */
function checkImageFile(entry: BodyEntry, url: string, line: number | undefined, report: Report): void {
  if (url.startsWith('/') || url.startsWith('#') || url === '') return;
  let relative: string;
  try {
    relative = decodeURI(url.replace(/[?#].*$/, ''));
  } catch {
    relative = url;
  }
  const id = path.basename(entry.file, path.extname(entry.file));
  const params = { src: url, exampleSrc: `${id}/${path.posix.basename(relative) || 'photo.jpg'}` };
  const absPath = path.resolve(path.dirname(entry.absPath), relative);
  if (!isInside(entry.root, absPath)) {
    report('body-image-outside', line, params);
    return;
  }
  if (!IMAGE_EXTENSIONS.has(path.extname(absPath).toLowerCase())) {
    report('image-format', line, { src: url, reason: `不支持扩展名“${path.extname(absPath) || '（无）'}”，请使用 JPEG、PNG、WebP 或 AVIF。` });
    return;
  }
  let actual: string | undefined;
  try {
    actual = exactName(absPath);
  } catch (error) {
    // A link loop, or a folder the checker may not read.
    report('file-unreadable', line, { reason: `图片“${url}”：${(error as NodeJS.ErrnoException).code ?? '无法读取'}` });
    return;
  }
  if (actual !== path.basename(absPath)) {
    report('body-image-missing', line, { ...params, actual });
    return;
  }
  if (!isInside(realpathSync(entry.root), realpathSync(absPath))) {
    report('body-image-outside', line, { ...params, symlink: 1 });
  }
}

/** MDX: compiled as the build compiles it, then its code, JSX, HTML and URLs. */
function checkMdx(entry: BodyEntry, report: Report): void {
  // Nodes are visited in document order, as the build's sanitiser visits them:
  // a constant can be used after its `export const`, not before.
  const constants = new Set<string>();
  const images: { url: string; line?: number }[] = [];
  const expression = (node: MdxNode & { parseExpression(): unknown }) => {
    const reason = expressionProblem(node.parseExpression() as { body: EsNode[] } | null, constants);
    if (reason) report('mdx-code', node.position?.start.line, { reason });
  };
  const collector = {
    name: 'red-routes:check-body',
    options: { position: true },
    mdxjsEsm(node: MdxNode & { parseExpression(): unknown }) {
      const { names, problem: reason, at } = esmProblem(node.parseExpression() as { body: EsNode[] });
      for (const name of names) constants.add(name);
      if (reason) report('mdx-code', lineIn(node, at), { reason });
    },
    mdxFlowExpression: expression,
    mdxTextExpression: expression,
    mdxJsxFlowElement: { filter: [], visit: (node: JsxNode) => checkJsx(node, report) },
    mdxJsxTextElement: { filter: [], visit: (node: JsxNode) => checkJsx(node, report) },
    element: {
      filter: ['a', 'img'],
      visit(node: HastNode & { tagName: string; properties?: Record<string, unknown> }) {
        const line = node.position?.start.line;
        const { href, src } = node.properties ?? {};
        if (typeof href === 'string') checkUrl(href, line, false, report);
        if (typeof src === 'string' && checkUrl(src, line, true, report)) images.push({ url: src, line });
      },
    },
  };
  try {
    mdxToJs(entry.body, { hastPlugins: [collector as never], jsxImportSource: 'astro' });
  } catch (error) {
    const { line, reason } = syntaxError(error);
    report('body-syntax', line, { reason });
    return;
  }
  for (const { url, line } of images) checkImageFile(entry, url, line, report);
}

interface MdxNode {
  value: string;
  position?: { start: { line: number } };
}

interface JsxNode {
  name: string | null;
  attributes: { type: string; name?: string; value?: string | null | { value: string } }[];
  position?: { start: { line: number } };
}

function checkJsx(node: JsxNode, report: Report): void {
  const line = node.position?.start.line;
  if (node.name === null) return;
  if (!/^[a-z][a-z0-9]*$/.test(node.name)) {
    report('mdx-code', line, { reason: `MDX 正文不能使用组件 <${node.name}>（内容里的组件会在构建时运行代码）` });
    return;
  }
  const tag = tagProblem(node.name);
  if (tag) {
    report('body-html', line, { reason: tag });
    return;
  }
  for (const attribute of node.attributes) {
    if (attribute.type !== 'mdxJsxAttribute' || attribute.name === undefined) {
      report('mdx-code', line, { reason: `<${node.name}> 的属性里不能写 {...} 展开` });
      return;
    }
    let value = attribute.value;
    if (value && typeof value === 'object') {
      if (!isLiteralSource(value.value)) {
        report('mdx-code', line, { reason: `<${node.name}> 的“${attribute.name}”属性的值只能直接写出，不能是 {${value.value}}` });
        return;
      }
      value = value.value.trim().replace(/^["']|["']$/g, '');
    }
    const reason = attributeProblem(node.name, attribute.name, value);
    if (reason) {
      report('body-html', line, { reason });
      return;
    }
  }
}

/** Sätteri reports `3:1: Expected a closing tag for `<div>` (3:1) (mdx-jsx:…)`: line and a Chinese reason. */
function syntaxError(error: unknown): { line?: number; reason: string } {
  const text = String((error as Error)?.message ?? error);
  const match = /^(\d+):(\d+):\s*([\s\S]*)$/.exec(text);
  const full = match?.[3] ?? text;
  const original = full.replace(/(\s*\([^()]*\))+\s*$/, '').trim();
  return { line: match ? Number(match[1]) : undefined, reason: `${explain(full)}（解析器原文：${original}）` };
}

/** Void HTML elements, which MDX (being JSX) needs self-closed. */
const VOID_TAGS = new Set(['br', 'hr', 'img', 'wbr', 'col', 'input']);

const EXPLANATIONS: [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /Expected a closing tag for `<([^>]*)>`/,
    (m) => (VOID_TAGS.has(m[1]) ? `<${m[1]}> 在 MDX 里要写成 <${m[1]} />` : `标签 <${m[1]}> 没有闭合`),
  ],
  [/Unexpected closing tag `<\/([^>]*)>`/, (m) => `多了一个结束标签 </${m[1]}>，或它与前面的开始标签不对应`],
  [/Unexpected end of file in expression/, () => '花括号 { 没有对应的 }'],
  [/Could not parse expression/, () => '花括号 {…} 里的内容不是合法的表达式（要显示花括号请写 \\{ 和 \\}）'],
  [/Could not parse esm|Unexpected statement in code/, () => 'import/export 行不是合法的代码'],
  [/to create a comment in MDX/, () => 'MDX 里的注释要写成 {/* … */}，不能用 <!-- … -->'],
  [/Unexpected character\b.*\b(before name|after `<`)/, () => '“<”后面不是合法的标签（要显示小于号请写 &lt;，链接请写 [文字](地址)）'],
];

function explain(reason: string): string {
  for (const [pattern, say] of EXPLANATIONS) {
    const m = pattern.exec(reason);
    if (m) return say(m);
  }
  return '无法解析';
}

/** The body line of an offset inside an MDX node's source. */
function lineIn(node: MdxNode, offset: number | undefined): number | undefined {
  const start = node.position?.start.line;
  if (start === undefined) return undefined;
  return start + countLines(node.value.slice(0, offset ?? 0));
}

function countLines(text: string): number {
  let n = 0;
  for (const ch of text) if (ch === '\n') n++;
  return n;
}

function walk(node: MdastNode, visit: (node: MdastNode) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children as MdastNode[]) walk(child, visit);
}

function walkHast(node: HastNode, visit: (node: HastNode) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children as HastNode[]) walkHast(child, visit);
  if (node.type === 'element' && node.tagName === 'template' && 'content' in node) {
    walkHast(node.content as HastNode, visit);
  }
}

/** The name on disk: itself, one differing only in case, or undefined. */
function exactName(absPath: string): string | undefined {
  const dir = path.dirname(absPath);
  const name = path.basename(absPath);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return undefined;
  const names = readdirSync(dir);
  if (names.includes(name)) return statSync(absPath, { throwIfNoEntry: false })?.isFile() ? name : undefined;
  return names.find((n) => n.toLowerCase() === name.toLowerCase());
}

function isInside(root: string, absPath: string): boolean {
  const relative = path.relative(root, absPath);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
