import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { problem } from '../../src/lib/content/problems.ts';
import { formatAnnotation } from '../../src/lib/content/report.ts';

const fixtures = path.resolve('tests/fixtures/check');

function check(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['scripts/check.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, GITHUB_ACTIONS: '', NO_COLOR: '1', ...env },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

// Each run starts Node; on a busy two-core machine that alone can take seconds.
describe('npm run check', { timeout: 60_000 }, () => {
  it('exits 0 and says so when the content is clean', () => {
    const { code, out } = check(['--content', `${fixtures}/schematic/content`]);
    expect(code).toBe(0);
    expect(out).toContain('内容检查通过');
  });

  it('exits 1 and names file:line, field, code and fix for each problem', () => {
    const { code, out } = check(['--content', `${fixtures}/gap-middle/content`]);
    expect(code).toBe(1);
    expect(out).toContain('routes/walk.md:4');
    expect(out).toContain('[route-gap]');
    expect(out).toContain('字段 path');
    expect(out).toContain('修改建议');
    expect(out).toMatch(/最近的站点“测试站 a（a）”/);
  });

  it('reports every bad file in one run without a stack trace', () => {
    const { code, out, err } = check(['--content', `${fixtures}/bad-input/content`]);
    expect(code).toBe(1);
    for (const file of ['buildings/house.md', 'figures/broken.md', 'regions/broken.geojson', 'routes/bad-track.md']) {
      expect(out).toContain(file);
    }
    expect(out + err).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('writes the JSON report of the contract', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'report-')), 'report.json');
    expect(check(['--content', `${fixtures}/gap-middle/content`, '--json', file]).code).toBe(1);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report).toMatchObject({ ok: false, warnings: [] });
    expect(report.errors[0]).toMatchObject({ code: 'route-gap', file: 'routes/walk.md', line: 4, field: 'path' });
    expect(typeof report.errors[0].message).toBe('string');
    expect(report.routes[0]).toMatchObject({ id: 'walk', schematic: false });
    expect(report.routes[0].gaps[0]).toMatchObject({ fromM: expect.any(Number), toM: expect.any(Number), nearestStation: 'a' });
    expect(Array.isArray(report.regions)).toBe(true);
  });

  it('honours CONTENT_DIR', () => {
    expect(check([], { CONTENT_DIR: `${fixtures}/gap-middle/content` }).code).toBe(1);
  });

  it('prints GitHub annotations on the lines of the pull request', () => {
    const { out } = check(['--content', `${fixtures}/gap-middle/content`], { GITHUB_ACTIONS: 'true' });
    const rel = path.relative(process.cwd(), `${fixtures}/gap-middle/content/routes/walk.md`);
    expect(out).toContain(`::error file=${rel},line=4,title=route-gap (path)::`);
  });

  it('samples at the --spacing given: a 6 m gap missed at 10 m is found at 5 m', () => {
    const dir = path.resolve('tests/fixtures/cli/short-gap/content');
    expect(check(['--content', dir]).code).toBe(0);
    const { code, out } = check(['--content', dir, '--spacing', '5']);
    expect(code).toBe(1);
    expect(out).toContain('[route-gap]');
    expect(out).toMatch(/502 米 到 508 米/);
  });

  it('exits 2 when it cannot run', () => {
    expect(check(['--content', '/nonexistent']).code).toBe(2);
    expect(check(['--bogus']).code).toBe(2);
    expect(check(['--spacing', '50']).code).toBe(2);
  });
});

describe('npm run check -- --suggest', { timeout: 120_000 }, () => {
  const siting = path.resolve('tests/fixtures/district/siting/content');

  it('adds suggestions to the JSON report and prints where, how much and coverage before → after in Chinese', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'report-')), 'report.json');
    const { code, out } = check(['--content', siting, '--suggest', '2', '--json', file]);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report.suggestions).toHaveLength(2);
    expect(report.suggestions[0]).toMatchObject({ point: [expect.any(Number), expect.any(Number)], region: expect.stringMatching(/^field/), gainM2: expect.any(Number) });
    const [first] = report.suggestions;
    expect(out).toContain('选址建议');
    expect(out).toContain(`经度 ${first.point[0].toFixed(6)}，纬度 ${first.point[1].toFixed(6)}`);
    expect(out).toMatch(/最近的现有站点：测试站 [ab]（[ab]），\d+ 米/);
    expect(out).toContain(`新覆盖 ${first.gainM2.toLocaleString('en')} 平方米`);
    expect(out).toMatch(new RegExp(`覆盖率 [\\d.]+% → ${first.coveredPercentAfter.toFixed(1)}%`));
    expect(report.regions.find((r: { id: string }) => r.id === 'field-west')).toMatchObject({ parent: 'field' });
  });

  it('leaves suggestions out of the report without --suggest', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'report-')), 'report.json');
    check(['--content', siting, '--json', file]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).not.toHaveProperty('suggestions');
  });

  it('refuses bad siting flags with exit 2 and one Chinese line saying what to change', () => {
    const cases: [string[], RegExp][] = [
      [['--suggest', '0'], /--suggest 应为 1 到 100 之间的整数/],
      [['--suggest', '101'], /--suggest 应为 1 到 100/],
      [['--suggest', '2.5'], /--suggest 应为 1 到 100 之间的整数/],
      [['--suggest', 'abc'], /收到“abc”/],
      [['--suggest', '-1'], /--suggest 应为/],
      [['--suggest', '2', '--radius', '0'], /--radius 应为大于 0 的米数/],
      [['--suggest', '2', '--radius', '-5'], /--radius 应为大于 0 的米数/],
      [['--suggest', '2', '--radius', 'far'], /收到“far”/],
      [['--suggest', '2', '--region', 'field-wset'], /没有 id 为“field-wset”的区域，是不是“field-west”/],
      [['--region', 'field'], /--region 只能和 --suggest 一起使用/],
      [['--radius', '300'], /--radius 只能和 --suggest 一起使用/],
    ];
    for (const [args, message] of cases) {
      const { code, out, err } = check(['--content', siting, ...args]);
      expect(code, args.join(' ')).toBe(2);
      expect(out, args.join(' ')).toBe('');
      expect(err.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(err, args.join(' ')).toMatch(message);
    }
  });

  it('refuses --suggest on content without regions', () => {
    const { code, err } = check(['--content', `${fixtures}/gap-middle/content`, '--suggest', '2']);
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/--suggest 需要区域/);
  });
});

describe('formatAnnotation', () => {
  const where = { contentDir: '/repo/content', cwd: '/repo' };

  it('puts the problem on its file and line in the pull request, with code and field as title', () => {
    const p = problem('ref-unknown', { file: 'buildings/a.md', line: 7, field: 'figures[0]' }, { id: 'nie-err', target: '人物', dir: 'figures/', suggestion: 'nie-er' });
    expect(formatAnnotation(p, where)).toBe(
      `::error file=content/buildings/a.md,line=7,title=ref-unknown (figures[0])::${p.message} 修改建议：${p.hint}`,
    );
  });

  it('marks warnings as warnings and leaves out the line when there is none', () => {
    const p = problem('file-ignored', { file: 'figures/notes.txt' }, { ext: '.txt' });
    expect(formatAnnotation(p, where)).toMatch(/^::warning file=content\/figures\/notes\.txt,title=file-ignored::/);
  });

  it('escapes what would end the command early', () => {
    const p = problem('yaml-invalid', { file: 'a,b:c.md', line: 2 }, { reason: '100% wrong\nsecond line' });
    const line = formatAnnotation(p, where);
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('file=content/a%2Cb%3Ac.md,line=2');
    // A newline in quoted text is shown, not obeyed (src/lib/content/report.ts printable()).
    expect(line).toContain('100%25 wrong\\nsecond line');
  });
});
