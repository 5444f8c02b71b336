/**
 * Splits a Markdown/MDX file into YAML frontmatter and body. Values are read
 * with js-yaml (fast: a city has tens of thousands of files); the line of each
 * field is worked out with yaml's document API only when a problem needs it.
 */
import jsyaml from 'js-yaml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { FieldLines } from './model.ts';

export interface Frontmatter {
  /** Parsed YAML, or undefined when there is none or it does not parse. */
  data: Record<string, unknown> | undefined;
  body: string;
  /** 1-based line in the file of each field path, computed on first use. */
  lines: FieldLines;
  /** 1-based line in the file where the body starts. */
  bodyLine: number;
  /** Syntax errors with their file line. */
  errors: { message: string; line: number }[];
  /** True when the file has no `---` block at all. */
  missing: boolean;
}

const FENCE = /^---[ \t]*\r?$/;

/**
 * @example
 * parseFrontmatter('---\nname: 聂耳\n---\n正文').data // { name: '聂耳' }
 */
export function parseFrontmatter(source: string): Frontmatter {
  const text = source.replace(/^\uFEFF/, '');
  const all = text.split('\n');
  if (!FENCE.test(all[0] ?? '')) {
    return { data: undefined, body: text, lines: {}, bodyLine: 1, errors: [], missing: true };
  }
  const end = all.findIndex((line, i) => i > 0 && FENCE.test(line));
  if (end === -1) {
    return {
      data: undefined,
      body: '',
      lines: {},
      bodyLine: all.length + 1,
      errors: [{ message: '头信息没有以单独一行 --- 结束', line: all.length }],
      missing: false,
    };
  }
  const yamlText = all.slice(1, end).join('\n');
  const body = all.slice(end + 1).join('\n');
  const errors: Frontmatter['errors'] = [];
  let data: Record<string, unknown> | undefined;
  try {
    // CORE_SCHEMA: YAML 1.2 as editors expect it; dates stay text (2021-05-19).
    const value = jsyaml.load(yamlText, { schema: jsyaml.CORE_SCHEMA }) ?? {};
    if (typeof value === 'object' && !Array.isArray(value)) data = value as Record<string, unknown>;
    else errors.push({ message: '头信息应为“字段: 值”的列表', line: 2 });
  } catch (error) {
    errors.push(...syntaxErrors(yamlText, error));
  }
  return { data, body, lines: lazyLines(yamlText), bodyLine: end + 2, errors, missing: false };
}

/**
 * yaml's document API places syntax errors where the mistake is (js-yaml
 * often points at the end of the block); use it on this slow path.
 */
function syntaxErrors(yamlText: string, fallback: unknown): Frontmatter['errors'] {
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return doc.errors.map((e) => ({
      message: e.message.split('\n')[0],
      line: counter.linePos(e.pos[0]).line + 1,
    }));
  }
  const e = fallback as { reason?: string; message: string; mark?: { line: number } };
  // +2: the opening fence is line 1 of the file and js-yaml counts from 0.
  return [{ message: e.reason ?? e.message.split('\n')[0], line: (e.mark?.line ?? 0) + 2 }];
}

function lazyLines(yamlText: string): FieldLines {
  let lines: FieldLines | undefined;
  const compute = () => (lines ??= fieldLines(yamlText));
  return new Proxy({} as FieldLines, {
    get: (_, key) => (typeof key === 'string' ? compute()[key] : undefined),
    has: (_, key) => typeof key === 'string' && key in compute(),
    ownKeys: () => Reflect.ownKeys(compute()),
    getOwnPropertyDescriptor: (_, key) =>
      typeof key === 'string' && key in compute()
        ? { value: compute()[key], enumerable: true, configurable: true, writable: false }
        : undefined,
  });
}

/** The file line of every field path (`title`, `stops[1]`, `location.lng`). */
function fieldLines(yamlText: string): FieldLines {
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter });
  // +1: the opening fence is line 1 of the file, the YAML starts on line 2.
  const toFileLine = (offset: number) => counter.linePos(offset).line + 1;
  const lines: FieldLines = {};
  if (doc.contents) collectLines(doc.contents as Node, '', lines, toFileLine);
  return lines;
}

function collectLines(
  node: Node,
  path: string,
  lines: FieldLines,
  toFileLine: (offset: number) => number,
): void {
  if (node.range && path) lines[path] ??= toFileLine(node.range[0]);
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const childPath = path ? `${path}.${key}` : key;
      const keyNode = pair.key as Node | null;
      if (keyNode?.range) lines[childPath] = toFileLine(keyNode.range[0]);
      if (pair.value) collectLines(pair.value as Node, childPath, lines, toFileLine);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      if (item) collectLines(item as Node, `${path}[${i}]`, lines, toFileLine);
    });
  }
}
