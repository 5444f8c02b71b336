/**
 * npm run new -- <collection> <id> [--name 名称] [--lng X --lat Y [--crs wgs84|gcj02|bd09]] [--stops a,b,…] [--content <dir>]
 *
 * Exit 0: the entry was written. 1: it was not (the problems say why).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveContentDir } from '../src/lib/content/load.ts';
import { problem, type Problem } from '../src/lib/content/problems.ts';
import { formatProblem } from '../src/lib/content/report.ts';
import { createEntry } from '../src/lib/content/scaffold.ts';

const USAGE = `用法：npm run new -- <类型> <id> [选项]

  类型          stations（站点）、buildings（建筑）、figures（人物）、classics（经典）或 routes（路线）
  id            文件名：小写字母 a-z、数字 0-9 和连字符 -，例如 baidai-building

选项：
  --name <名称>   名称或标题，例如 --name 百代小楼
  --lng <经度> --lat <纬度>
                  站点和建筑的位置，例如 --lng 121.441928 --lat 31.197851
  --crs <坐标系>  坐标从哪里取得：wgs84（手机 GPS、OpenStreetMap，默认）、gcj02（高德、腾讯）、bd09（百度）
  --stops <id,…>  路线的经停点，按步行顺序，用逗号分隔
  --content <目录> 内容目录（默认 CONTENT_DIR 或 content/）
  --help          显示本说明

例如：
  npm run new -- buildings baidai-building --name 百代小楼 --lng 121.441928 --lat 31.197851 --crs gcj02
  npm run new -- routes hengfu-walk --name 衡复漫步 --stops wukang-mansion,ba-jin-residence`;

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        name: { type: 'string' },
        lng: { type: 'string' },
        lat: { type: 'string' },
        crs: { type: 'string' },
        stops: { type: 'string' },
        content: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    return refuse([optionProblem(error as NodeJS.ErrnoException)]);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 2) {
    const reason = `需要类型和 id 两项，收到 ${positionals.length} 项。`;
    return refuse([commandProblem('<类型> <id>', reason, '例如 npm run new -- buildings baidai-building。')], USAGE);
  }

  const contentDir = resolveContentDir(values.content);
  const [collection, id] = positionals;
  const plan = createEntry(contentDir, {
    collection,
    id,
    name: values.name,
    lng: values.lng,
    lat: values.lat,
    crs: values.crs,
    stops: values.stops?.split(/[,，\s]+/).filter(Boolean),
  });
  if (!plan.ok) return refuse(plan.problems);
  const shown = path.relative(process.cwd(), path.join(contentDir, plan.file));
  const next = [
    ...plan.todo,
    '按注释填写其他字段，在 --- 下面写正文',
    '运行 npm run check 检查，npm run dev 预览',
  ];
  console.log(`✓ 已创建 ${shown}\n\n下一步：\n${next.map((t, i) => `  ${i + 1}. ${t}`).join('\n')}`);
  return 0;
}

function refuse(problems: Problem[], usage?: string): number {
  console.error(problems.map((p) => formatProblem(p)).join('\n\n'));
  console.error(`\n✗ 没有创建文件。${usage ? `\n\n${usage}` : ''}`);
  return 1;
}

/** Problems with the command line itself have no file: they are named after the command. */
function commandProblem(argument: string, reason: string, fix?: string): Problem {
  return problem('argument-invalid', { file: 'npm run new' }, { argument, reason, fix });
}

/** node:util parseArgs errors, in Chinese. */
function optionProblem(error: NodeJS.ErrnoException): Problem {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return commandProblem(option, '没有这个选项。');
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return commandProblem(option, '选项后面缺少值。');
  return commandProblem(option, error.message);
}

process.exitCode = main(process.argv.slice(2));
