/**
 * npm run check -- [--content <dir>] [--json <file>] [--spacing <m>]
 *
 * Exit 0: no errors. 1: the content has errors. 2: the checker could not run.
 * (shared/spec/content-format.md)
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runCheck } from '../src/lib/check.ts';
import { ContentDirError, loadContent, resolveContentDir } from '../src/lib/content.ts';
import { formatAnnotation, formatProblems } from '../src/lib/report.ts';

const USAGE = `用法：npm run check -- [--content <目录>] [--json <文件>] [--spacing <米>]

  --content <目录>  内容目录（默认 CONTENT_DIR 或 content/）
  --json <文件>     另把完整报告写成 JSON
  --spacing <米>    沿路线采样的间距，默认 10
  --help            显示本说明`;

function main(argv: string[]): number {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        content: { type: 'string' },
        json: { type: 'string' },
        spacing: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    console.error(`参数错误：${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const spacingM = args.spacing === undefined ? undefined : Number(args.spacing);
  if (spacingM !== undefined && !(spacingM > 0 && spacingM <= 10)) {
    console.error(`参数错误：--spacing 应为大于 0、不超过 10 的米数，收到“${args.spacing}”。`);
    return 2;
  }

  const dir = resolveContentDir(args.content);
  let report;
  try {
    report = runCheck(loadContent(dir), spacingM === undefined ? {} : { spacingM });
  } catch (error) {
    if (error instanceof ContentDirError) {
      console.error(`无法检查：${error.message}。请用 --content 指定内容目录。`);
      return 2;
    }
    console.error(`检查程序内部出错（不是内容的问题，请报告维护者）：\n${(error as Error).stack ?? error}`);
    return 2;
  }

  console.log(formatProblems(report.errors, report.warnings, { color: process.stdout.isTTY && !process.env.NO_COLOR }));
  if (process.env.GITHUB_ACTIONS === 'true') {
    for (const p of [...report.errors, ...report.warnings]) {
      console.log(formatAnnotation(p, { contentDir: dir, cwd: process.cwd() }));
    }
  }
  if (args.json) {
    try {
      writeFileSync(path.resolve(args.json), `${JSON.stringify(report, null, 2)}\n`);
    } catch (error) {
      console.error(`无法写入 JSON 报告 ${args.json}：${(error as Error).message}`);
      return 2;
    }
  }
  return report.ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
