/**
 * npm run check -- [--content <dir>] [--json <file>] [--spacing <m>] [--suggest <k> [--region <id>] [--radius <m>]]
 *
 * Exit 0: no errors. 1: the content has errors. 2: the checker could not run.
 * (shared/spec/content-format.md)
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { withAudioChecks } from '../src/lib/content/audio.ts';
import { runCheck } from '../src/lib/geo/check.ts';
import { ContentDirError, loadContent, resolveContentDir } from '../src/lib/content/load.ts';
import { coveredBefore, formatSuggestions, parseSitingFlags, sitingTargetError } from '../src/lib/district/cli.ts';
import { suggestSites } from '../src/lib/district/siting.ts';
import { formatAnnotation, formatProblems } from '../src/lib/content/report.ts';

const USAGE = `用法：npm run check -- [--content <目录>] [--json <文件>] [--spacing <米>] [--suggest <个数> [--region <id>] [--radius <米>]]

  --content <目录>  内容目录（默认 CONTENT_DIR 或 content/）
  --json <文件>     另把完整报告写成 JSON
  --spacing <米>    沿路线采样的间距，默认 10
  --suggest <个数>  选址建议：再设几个站点（1–100）新覆盖的面积最大，写入报告的 suggestions
  --region <id>     只为这个区域选址（默认所有顶层区域）
  --radius <米>     新站点的服务半径，默认 500
  --help            显示本说明`;

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: joinNegativeValues(argv, ['--suggest', '--radius', '--spacing']),
      options: {
        content: { type: 'string' },
        json: { type: 'string' },
        spacing: { type: 'string' },
        suggest: { type: 'string' },
        region: { type: 'string' },
        radius: { type: 'string' },
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

  const siting = parseSitingFlags(args);
  if (siting.error) {
    console.error(siting.error);
    return 2;
  }

  const dir = resolveContentDir(args.content);
  let report;
  let content;
  try {
    // Recordings are read asynchronously (src/lib/content/audio.ts): the build does the same.
    content = await withAudioChecks(loadContent(dir));
    const refusal = siting.request && sitingTargetError(content, siting.request);
    if (refusal) {
      console.error(refusal);
      return 2;
    }
    report = runCheck(content, spacingM === undefined ? {} : { spacingM });
    if (siting.request) report.suggestions = suggestSites(content, siting.request);
  } catch (error) {
    if (error instanceof ContentDirError) {
      console.error(`无法检查：${error.message}。请用 --content 指定内容目录。`);
      return 2;
    }
    console.error(`检查程序内部出错（不是内容的问题，请报告维护者）：\n${(error as Error).stack ?? error}`);
    return 2;
  }

  console.log(formatProblems(report.errors, report.warnings, { color: process.stdout.isTTY && !process.env.NO_COLOR }));
  if (siting.request && report.suggestions) {
    const before = coveredBefore(report.regions, content, siting.request);
    console.log(`\n${formatSuggestions(report.suggestions, content, { request: siting.request, coveredPercentBefore: before })}`);
  }
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

/**
 * `--radius -5` as `--radius=-5`: parseArgs takes a value starting with a dash
 * for another option, and the user should hear that the number is wrong.
 */
function joinNegativeValues(argv: string[], numeric: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (numeric.includes(argv[i]) && /^-[\d.]/.test(argv[i + 1] ?? '')) out.push(`${argv[i]}=${argv[++i]}`);
    else out.push(argv[i]);
  }
  return out;
}

process.exitCode = await main(process.argv.slice(2));
