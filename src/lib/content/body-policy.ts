/**
 * What an entry's Markdown/MDX body may contain, in one place: the checker
 * (src/lib/content/bodies.ts) reports anything else as a located error, and the build's
 * sanitiser (src/integrations/body-safety.ts) removes it should it ever get
 * that far. Nothing executable may come from content: no scripts, no event
 * handlers, no frames or forms, no `javascript:` or `data:` URLs, no MDX code.
 *
 * The lists are allowlists on purpose: a tag or attribute nobody thought of is
 * refused, not let through.
 */

/** Tags an editor may write as raw HTML (Markdown) or as lowercase JSX (MDX). */
export const BODY_TAGS: ReadonlySet<string> = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup', 'dd', 'del',
  'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img',
  'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'small', 'span', 'strong', 'sub',
  'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var', 'wbr',
]);

/** Attributes allowed per tag; `*` applies to every tag. */
const BODY_ATTRIBUTES: Record<string, readonly string[]> = {
  '*': ['title', 'lang', 'dir'],
  a: ['href'],
  img: ['src', 'alt', 'width', 'height'],
  ol: ['start', 'reversed', 'type'],
  li: ['value'],
  td: ['colspan', 'rowspan', 'align'],
  th: ['colspan', 'rowspan', 'align', 'scope'],
  col: ['span'],
  colgroup: ['span'],
  time: ['datetime'],
  q: ['cite'],
  blockquote: ['cite'],
  del: ['cite', 'datetime'],
  ins: ['cite', 'datetime'],
  details: ['open'],
};

/** Attributes whose value is a URL the browser may follow or load. */
export const URL_ATTRIBUTES: ReadonlySet<string> = new Set([
  'href', 'src', 'cite', 'action', 'formaction', 'poster', 'background', 'xlinkhref', 'srcset', 'data', 'ping',
  'longdesc', 'manifest', 'lowsrc', 'dynsrc', 'codebase', 'archive', 'classid', 'usemap', 'icon',
]);

/** Link schemes a body may use; everything else (javascript:, data:, vbscript:, file: …) is refused. */
const LINK_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/**
 * One attribute name in a single spelling: hast writes `onError`,
 * `ariaLabel`, `className`, `xLinkHref`; HTML writes `onerror`,
 * `aria-label`, `class`, `xlink:href`.
 *
 * @example
 * attributeKey('ariaLabel') === attributeKey('aria-label') // true
 */
export function attributeKey(name: string): string {
  const key = name.toLowerCase().replace(/[-:_]/g, '');
  return key === 'classname' ? 'class' : key;
}

/** Why a tag may not be used, or undefined when it may. */
export function tagProblem(tag: string): string | undefined {
  if (BODY_TAGS.has(tag.toLowerCase())) return undefined;
  return `正文中不能使用 <${tag}> 标签`;
}

/**
 * Why an attribute may not be used on a tag, or undefined when it may.
 *
 * @example
 * attributeProblem('img', 'onerror', 'alert(1)') // '…事件处理属性…'
 * attributeProblem('a', 'href', 'JaVaScRiPt:alert(1)') // '…javascript:…'
 */
export function attributeProblem(tag: string, name: string, value: unknown): string | undefined {
  const key = attributeKey(name);
  if (key.startsWith('on')) return `<${tag}> 的“${name}”是事件处理属性，会在读者的浏览器里运行代码`;
  const allowed = [...BODY_ATTRIBUTES['*'], ...(BODY_ATTRIBUTES[tag.toLowerCase()] ?? [])].map(attributeKey);
  if (!allowed.includes(key)) return `<${tag}> 不能带“${name}”属性`;
  if (URL_ATTRIBUTES.has(key) && typeof value === 'string') {
    return urlProblem(value, { image: tag.toLowerCase() === 'img' });
  }
  return undefined;
}

/**
 * Why a URL may not be published in a body, or undefined when it may. Links
 * may go to http(s), mailto and tel, or stay in the site (relative or `/…`);
 * images must be files of the site, never loaded from elsewhere. Browsers
 * ignore control characters and whitespace inside a scheme and read it in
 * any case, so both are stripped before looking.
 *
 * @example
 * urlProblem('../../figures/nie-er/') // undefined
 * urlProblem(' jAvAsCrIpT:alert(1)') // '链接地址以“javascript:”开头…'
 * urlProblem('https://example.org/a.jpg', { image: true }) // '…网站不从别处加载图片'
 */
export function urlProblem(url: string, options: { image?: boolean } = {}): string | undefined {
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1]?.toLowerCase();
  const external = scheme !== undefined || /^[/\\]{2}/.test(compact) || /^\/\\/.test(compact);
  if (options.image && external) return `图片地址“${url}”不是本站的文件：网站不从别处加载图片`;
  if (scheme !== undefined && !LINK_SCHEMES.has(scheme)) {
    return `链接地址以“${scheme}:”开头，这种链接会在读者的浏览器里运行代码或打开不安全的内容`;
  }
  return undefined;
}

/**
 * Tags and attributes that Markdown itself and the code highlighter write
 * (footnotes, task lists, table alignment, highlighted code): the build keeps
 * them, editors may not write them by hand.
 */
const GENERATED_TAGS = new Set(['section', 'input']);
const GENERATED_ATTRIBUTES = new Set(
  ['id', 'class', 'style', 'tabindex', 'align', 'data-footnotes', 'data-footnote-ref', 'data-footnote-backref',
    'data-language'].map(attributeKey),
);

/**
 * Whether the build may publish an element: the editors' tags plus the ones
 * Markdown generates; a task-list checkbox is the only input.
 *
 * @example
 * isPublishableTag('script') // false
 */
export function isPublishableTag(tag: string, properties: Record<string, unknown> = {}): boolean {
  const name = tag.toLowerCase();
  if (name === 'input') return properties.type === 'checkbox' && properties.disabled !== undefined;
  return BODY_TAGS.has(name) || GENERATED_TAGS.has(name);
}

/**
 * Whether the build may publish an attribute: never an event handler or an
 * unsafe URL; otherwise what editors may write plus what Markdown generates.
 *
 * @example
 * isPublishableAttribute('a', 'href', 'javascript:alert(1)') // false
 * isPublishableAttribute('a', 'ariaLabel', '返回') // true
 */
export function isPublishableAttribute(tag: string, name: string, value: unknown): boolean {
  const key = attributeKey(name);
  if (key.startsWith('on')) return false;
  if (URL_ATTRIBUTES.has(key)) return typeof value === 'string' && attributeProblem(tag, name, value) === undefined;
  if (tag.toLowerCase() === 'input') return ['type', 'checked', 'disabled'].includes(key);
  if (key === 'style') return typeof value === 'string' && isPlainStyle(value);
  return key.startsWith('aria') || GENERATED_ATTRIBUTES.has(key) || attributeProblem(tag, name, value) === undefined;
}

/** CSS properties table alignment and highlighted code use; nothing that can move or cover the page. */
const PLAIN_STYLE_PROPERTIES = new Set(['text-align', 'color', 'background-color', 'overflow-x', 'font-style', 'font-weight', 'text-decoration']);

function isPlainStyle(style: string): boolean {
  return style
    .split(';')
    .filter((d) => d.trim())
    .every((declaration) => {
      const [property, ...rest] = declaration.split(':');
      const name = property.trim().toLowerCase();
      return (PLAIN_STYLE_PROPERTIES.has(name) || name.startsWith('--shiki')) && /^[#\w\s.,%-]+$/.test(rest.join(':'));
    });
}

/** A minimal view of the ESTree nodes MDX expressions parse to. */
export interface EsNode {
  type: string;
  [key: string]: unknown;
}

/**
 * True for a value written out in full: a string, number, boolean or null, a
 * template without `${}`, a negative number, or an array/object of these.
 * Nothing in such a value can run code.
 *
 * @example
 * isLiteral(parse('[1935, "上海"]')) // true
 * isLiteral(parse('fs.readFileSync("/etc/hostname")')) // false
 */
export function isLiteral(node: EsNode | null | undefined): boolean {
  if (!node) return false;
  switch (node.type) {
    case 'Literal':
      return !('regex' in node && node.regex);
    case 'TemplateLiteral':
      return (node.expressions as unknown[]).length === 0;
    case 'UnaryExpression':
      return (node.operator === '-' || node.operator === '+') && (node.argument as EsNode).type === 'Literal'
        && typeof (node.argument as EsNode).value === 'number';
    case 'ArrayExpression':
      return (node.elements as (EsNode | null)[]).every((e) => e === null || isLiteral(e));
    case 'ObjectExpression':
      return (node.properties as EsNode[]).every(
        (p) => p.type === 'Property' && p.kind === 'init' && !p.computed && !p.method && isLiteral(p.value as EsNode),
      );
    default:
      return false;
  }
}

/**
 * The names an MDX `export` line defines when every one of them is a
 * constant with a literal value (`export const year = 1935;`); otherwise
 * why the line is refused.
 */
export function esmProblem(program: { body: EsNode[] }): { names: string[]; problem?: string; at?: number } {
  const names: string[] = [];
  for (const statement of program.body) {
    const at = statement.start as number | undefined;
    if (statement.type === 'ImportDeclaration') {
      const source = (statement.source as EsNode).value;
      return { names, problem: `MDX 正文不能导入（import）任何东西，这里导入了“${String(source)}”`, at };
    }
    const declaration = statement.declaration as EsNode | null | undefined;
    const constant =
      statement.type === 'ExportNamedDeclaration' &&
      !statement.source &&
      (statement.specifiers as unknown[]).length === 0 &&
      declaration?.type === 'VariableDeclaration' &&
      declaration.kind === 'const';
    if (!constant) return { names, problem: 'export 只能用来定义常量，例如 export const year = 1935', at };
    for (const d of declaration.declarations as EsNode[]) {
      const id = d.id as EsNode;
      if (id.type !== 'Identifier' || !isLiteral(d.init as EsNode)) {
        return { names, problem: 'export const 的值只能直接写出（文字、数字或它们的列表），不能是计算或调用', at: d.start as number };
      }
      names.push(id.name as string);
    }
  }
  return { names };
}

/**
 * Why an MDX `{…}` expression is refused, or undefined: only comments,
 * literals and the names of the file's own exported constants are allowed.
 */
export function expressionProblem(program: { body: EsNode[] } | null, constants: ReadonlySet<string>): string | undefined {
  if (!program || program.body.length === 0) return undefined;
  const [statement] = program.body;
  const expression = statement.expression as EsNode | undefined;
  if (program.body.length === 1 && statement.type === 'ExpressionStatement' && expression) {
    if (isLiteral(expression)) return undefined;
    if (expression.type === 'Identifier' && constants.has(expression.name as string)) return undefined;
  }
  return '花括号 {…} 里只能写注释、直接写出的文字或数字，或本文件用 export const 定义的常量名；不能调用函数、读取变量或运行其他代码';
}

/** A literal JSX attribute value written in braces: `width={300}`, `title={"…"}`. */
export function isLiteralSource(source: string): boolean {
  return /^\s*(-?\d+(\.\d+)?|"[^"\\]*"|'[^'\\]*'|true|false|null)\s*$/.test(source);
}
