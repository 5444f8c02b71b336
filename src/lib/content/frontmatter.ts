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
  /** Syntax errors with their file line, in Chinese, and how to fix them when known. */
  errors: { message: string; fix?: string; line: number }[];
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
    const value = jsyaml.load(yamlText, LOAD_OPTIONS) ?? {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      errors.push({ message: '头信息应为“字段: 值”的列表', line: 2 });
    } else if (aliasValues(value) > YAML_LIMITS.aliasValues) {
      errors.push({ message: ALIAS_MESSAGE, fix: ALIAS_FIX, line: aliasLine(yamlText) });
    } else {
      data = value as Record<string, unknown>;
    }
  } catch (error) {
    errors.push(...syntaxErrors(yamlText, error));
  }
  return { data, body, lines: lazyLines(yamlText), bodyLine: end + 2, errors, missing: false };
}

/**
 * Limits on what a frontmatter may make the parser build. js-yaml has a depth
 * limit (`maxDepth`) but none on aliases: `*a` reuses the anchored object, so
 * nine nested lists of nine aliases are a few hundred bytes that become a
 * billion values as soon as anything copies them (the schema, Astro's
 * JSON digest). `yaml` limits aliases only when converting to JavaScript
 * (`maxAliasCount`), which this module never does: it only reads positions.
 */
export const YAML_LIMITS = { depth: 20, aliasValues: 10_000 } as const;

/** js-yaml 4.3 reads `maxDepth`; its type definitions do not list it yet. */
const LOAD_OPTIONS = { schema: jsyaml.CORE_SCHEMA, maxDepth: YAML_LIMITS.depth } as jsyaml.LoadOptions;

const ALIAS_MESSAGE = `别名（*名称）展开后超过 ${YAML_LIMITS.aliasValues} 个值`;
const ALIAS_FIX = '头信息不需要锚点（&名称）和别名（*名称）：请把要重复的内容直接写出来。';

/**
 * How many values aliases add to a parsed value once expanded: the expanded
 * size minus the number of distinct values. Each object is sized once, so
 * this is linear in what the parser built, however large the expansion.
 *
 * @example
 * aliasValues(jsyaml.load('a: &x [1, 2]\nb: *x')) // 3 (the list and its two items, again)
 */
export function aliasValues(value: object): number {
  const sizes = new Map<object, number>();
  const sizeOf = (v: unknown): number => {
    if (!v || typeof v !== 'object') return 1;
    const known = sizes.get(v);
    if (known !== undefined) return known;
    let size = 1;
    for (const child of Object.values(v)) size += sizeOf(child);
    sizes.set(v, size);
    return size;
  };
  const expanded = sizeOf(value);
  let distinct = sizes.size;
  for (const v of sizes.keys()) for (const child of Object.values(v)) if (!child || typeof child !== 'object') distinct++;
  return expanded - distinct;
}

/** The line of the first alias, for the message (+1: the opening fence is line 1). */
function aliasLine(yamlText: string): number {
  const at = yamlText.search(/(^|[\s[{,])\*[^\s,\]}]/m);
  return at < 0 ? 2 : yamlText.slice(0, at + 1).split('\n').length + 1;
}

/** Chinese reasons and fixes for `yaml`'s error codes; its English messages may quote the file. */
const YAML_ERRORS: Record<string, { message: string; fix: string }> = {
  DUPLICATE_KEY: {
    message: '同一个字段写了两次',
    fix: '每个字段只能写一次：删去重复的那一行，或把两处的内容合并。',
  },
  TAB_AS_INDENT: {
    message: '行首用 Tab 缩进',
    fix: '把行首的 Tab 换成空格（每一级两个空格）；在 VS Code 中可点右下角的“制表符长度”改为“使用空格缩进”。',
  },
  BAD_INDENT: {
    message: '缩进不一致',
    fix: '同一级的字段必须从同一列开始；子项（包括列表的 - ）比上一级多缩进两个空格。',
  },
  MISSING_CHAR: {
    message: '缺少符号（逗号、冒号、引号或括号）',
    fix: '检查这一行：列表 […] 和 {…} 里的项用逗号隔开，“字段: 值”的冒号后有空格，引号和括号成对出现。',
  },
  BLOCK_AS_IMPLICIT_KEY: {
    message: '一行里有两个“字段: 值”',
    fix: '值里含有“: ”（冒号加空格）时，请给整个值加引号，例如 title: "会址：纪念馆"。',
  },
  MULTILINE_IMPLICIT_KEY: {
    message: '字段名后缺少冒号，或一个值跨了多行',
    fix: '每行写作“字段: 值”，冒号后留一个空格；长文字请加引号写在一行里。',
  },
  RESOURCE_EXHAUSTION: {
    message: '嵌套太深',
    fix: `头信息最多嵌套 ${YAML_LIMITS.depth} 层：检查是否多写了 [ 或 {。`,
  },
};

const DEPTH_ERROR = YAML_ERRORS.RESOURCE_EXHAUSTION;

/**
 * The file line of the first value that opens a quote and does not close it
 * on the same line (+1: the opening fence is line 1).
 */
function unclosedQuoteLine(yamlText: string): number | undefined {
  const lines = yamlText.split('\n');
  const at = lines.findIndex((line) => {
    const open = /(?:^|:\s+|-\s+|[[{,]\s*)(["'])(.*)$/.exec(line);
    if (!open) return false;
    const [, quote, rest] = open;
    return quote === '"' ? !/(^|[^\\])(\\\\)*"/.test(rest) : !rest.replaceAll("''", '').includes("'");
  });
  return at < 0 ? undefined : at + 2;
}

/** Some codes cover several mistakes; the parser's (fixed, English) first line tells them apart. */
const YAML_MESSAGES: [RegExp, { message: string; fix: string }][] = [
  [
    /^Missing closing .?quote/,
    { message: '引号没有闭合', fix: '给这个值补上后面的引号，引号要成对：“"…"”或“\'…\'”，而且都是英文引号。' },
  ],
  [
    /^Sequence item without - indicator/,
    { message: '列表项缩进不一致', fix: '同一个列表项里的字段要从同一列开始（比 - 多缩进两个空格）；新的一项要以 - 开头。' },
  ],
  [
    /must be sufficiently indented and end with a [\]}]/,
    { message: '方括号或花括号没有闭合', fix: '检查这一行的 […] 和 {…} 是否成对出现。' },
  ],
];

/** The Chinese reason and fix for one of `yaml`'s errors. */
function yamlReason(code: string, englishFirstLine: string): { message: string; fix?: string } {
  const specific = YAML_MESSAGES.find(([pattern]) => pattern.test(englishFirstLine));
  return specific?.[1] ?? YAML_ERRORS[code] ?? { message: `无法解析（${code}）` };
}

/**
 * yaml's document API places syntax errors where the mistake is (js-yaml
 * often points at the end of the block); use it on this slow path. Only
 * error codes and positions are used, never the parsers' English text, which
 * may quote the file.
 */
function syntaxErrors(yamlText: string, fallback: unknown): Frontmatter['errors'] {
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return doc.errors.map((e) => {
      const english = e.message.split('\n')[0];
      // yaml notices an unclosed quote at the end of the block; the editor needs the line that opened it.
      const opened = /^Missing closing .?quote/.test(english) ? unclosedQuoteLine(yamlText) : undefined;
      return { ...yamlReason(e.code, english), line: opened ?? counter.linePos(e.pos[0]).line + 1 };
    });
  }
  const e = fallback as { reason?: string; message: string; mark?: { line: number } };
  // +2: the opening fence is line 1 of the file and js-yaml counts from 0.
  const line = (e.mark?.line ?? 0) + 2;
  const reason = e.reason ?? '';
  if (reason.startsWith('nesting exceeded')) return [{ ...DEPTH_ERROR, line }];
  if (reason.startsWith('unidentified alias')) {
    return [{ message: '别名（*名称）没有对应的锚点（&名称）', fix: ALIAS_FIX, line }];
  }
  return [{ message: `无法解析（${reason.split(/[\s(]/)[0] || '未知原因'}…）`, fix: undefined, line }];
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
