/**
 * Splits a Markdown/MDX file into YAML frontmatter and body, keeping the line
 * of every field so problems can point editors at `file:line`.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { FieldLines } from './model.ts';

export interface Frontmatter {
  /** Parsed YAML, or undefined when there is none or it does not parse. */
  data: Record<string, unknown> | undefined;
  body: string;
  /** 1-based line in the file of each field path. */
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
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  // +1: the opening fence is line 1 of the file, the YAML starts on line 2.
  const toFileLine = (offset: number) => counter.linePos(offset).line + 1;
  const errors = doc.errors.map((e) => ({
    message: e.message.split('\n')[0],
    line: toFileLine(e.pos[0]),
  }));
  const lines: FieldLines = {};
  if (doc.contents) collectLines(doc.contents as Node, '', lines, toFileLine);
  let data: Record<string, unknown> | undefined;
  if (errors.length === 0) {
    const value = doc.toJS();
    data = value == null ? {} : value;
    if (typeof data !== 'object' || Array.isArray(data)) {
      errors.push({ message: '头信息应为“字段: 值”的列表', line: 2 });
      data = undefined;
    }
  }
  return { data, body, lines, bodyLine: end + 2, errors, missing: false };
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
