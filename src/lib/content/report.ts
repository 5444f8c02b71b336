/**
 * Turning problems into what people read: a Chinese terminal report and
 * GitHub Actions annotations. The JSON report is the checker's result object
 * itself; nothing here changes its meaning.
 */
import path from 'node:path';
import type { Problem } from './problems.ts';

const SEVERITY_ZH = { error: '错误', warning: '警告' } as const;

export interface FormatOptions {
  /** Colour the output (a TTY that has not set NO_COLOR). */
  color?: boolean;
}

/**
 * One block per problem: `file:line  错误 [code] field` then what and how.
 *
 * @example
 * formatProblem({ code: 'ref-unknown', severity: 'error', file: 'a.md', line: 3, field: 'figures[0]', message: '…', hint: '…' })
 */
export function formatProblem(p: Problem, options: FormatOptions = {}): string {
  const paint = painter(options.color ?? false);
  const file = printable(p.file);
  const where = p.line ? `${file}:${p.line}` : file;
  const label = p.severity === 'error' ? paint.red(SEVERITY_ZH.error) : paint.yellow(SEVERITY_ZH.warning);
  const field = p.field ? `  字段 ${paint.bold(printable(p.field))}` : '';
  return `${paint.bold(where)}  ${label} [${p.code}]${field}\n  ${printable(p.message)}\n  ${paint.dim('修改建议：')}${printable(p.hint)}`;
}

/**
 * Problems quote what editors wrote (file names, keys, values), and under
 * GitHub Actions any output line that starts with `::` is a workflow command:
 * a key holding a newline and `::error file=…` or `::add-mask::` would become
 * a real one, and an escape sequence could repaint the terminal. So every
 * character that could break a line or steer a terminal is shown as a
 * visible escape (`\n`, `\u001b`) instead.
 *
 * @example
 * printable('a\n::add-mask::x') // 'a\\n::add-mask::x' (one line)
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => {
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\t') return '\\t';
    return `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`;
  });
}

/** C0 and C1 controls, DEL, line and paragraph separators, and bidirectional overrides that reorder what is shown. */
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** The whole terminal report: every problem, then a one-line summary. */
export function formatProblems(
  errors: Problem[],
  warnings: Problem[],
  options: FormatOptions = {},
): string {
  const blocks = [...errors, ...warnings].map((p) => formatProblem(p, options));
  const summary =
    errors.length === 0 && warnings.length === 0
      ? '✓ 内容检查通过：没有错误，也没有警告。'
      : `${errors.length === 0 ? '✓' : '✗'} 内容检查：${errors.length} 个错误，${warnings.length} 个警告。`;
  return [...blocks, summary].join('\n\n');
}

/**
 * GitHub Actions workflow commands, so problems show on the pull request's
 * lines. `contentDir` makes paths relative to the repository root.
 *
 * @example
 * formatAnnotation(p, { contentDir: '/repo/content', cwd: '/repo' })
 * // '::error file=content/routes/a.md,line=4,title=route-gap (path)::…'
 */
export function formatAnnotation(p: Problem, where: { contentDir: string; cwd: string }): string {
  const file = path.relative(where.cwd, path.join(where.contentDir, p.file)).split(path.sep).join('/');
  const props = [`file=${escapeProperty(printable(file))}`];
  if (p.line) props.push(`line=${p.line}`);
  if (p.column) props.push(`col=${p.column}`);
  props.push(`title=${escapeProperty(printable(p.field ? `${p.code} (${p.field})` : p.code))}`);
  return `::${p.severity} ${props.join(',')}::${escapeData(printable(`${p.message} 修改建议：${p.hint}`))}`;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function painter(on: boolean) {
  const wrap = (code: number) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);
  return { red: wrap(31), yellow: wrap(33), bold: wrap(1), dim: wrap(2) };
}
