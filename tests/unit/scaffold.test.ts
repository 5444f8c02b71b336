/**
 * `npm run new`: every collection, with and without a location; the files it
 * writes go through the real loader and checker; it refuses what it must.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/lib/geo/check.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { createEntry, planEntry, type NewEntryRequest } from '../../src/lib/content/scaffold.ts';
import { ENTRY_COLLECTIONS, ENTRY_SCHEMAS } from '../../src/schemas/index.ts';
import { metaOf } from '../../src/schemas/meta.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function emptyDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'scaffold-'));
  dirs.push(dir);
  return dir;
}

/** Scaffolds into a fresh directory and checks it as `npm run check` would. */
function scaffoldAndCheck(requests: NewEntryRequest[]) {
  const dir = emptyDir();
  for (const request of requests) {
    const plan = createEntry(dir, request);
    expect(plan.ok, JSON.stringify(plan)).toBe(true);
  }
  const content = loadContent(dir);
  return { dir, content, report: runCheck(content) };
}

const XUJIAHUI = { lng: '121.4375', lat: '31.1950' };

describe('npm run new', () => {
  it.each([
    ['stations', { name: '测试站', ...XUJIAHUI }],
    ['stations', { ...XUJIAHUI, crs: 'gcj02' }],
    ['buildings', { name: '百代小楼', lng: '121.441928', lat: '31.197851', crs: 'gcj02' }],
    ['buildings', { ...XUJIAHUI, crs: 'bd09' }],
    ['figures', { name: '聂耳' }],
    ['figures', {}],
    ['classics', { name: '义勇军进行曲' }],
  ])('writes a %s entry %j that passes the check as it stands', (collection, options) => {
    const { content, report } = scaffoldAndCheck([{ collection, id: 'new-entry', ...options }]);
    expect([...report.errors, ...report.warnings]).toEqual([]);
    const data = content[collection as 'figures'][0].data as { name?: string; title?: string };
    expect(data.name ?? data.title).toBe('name' in options ? options.name : 'new-entry');
  });

  it('writes a route that passes the check when its stops are given', () => {
    const { report, content } = scaffoldAndCheck([
      { collection: 'stations', id: 'a', ...XUJIAHUI },
      { collection: 'buildings', id: 'b', lng: '121.4380', lat: '31.1955' },
      { collection: 'routes', id: 'walk', name: '测试路线', stops: ['a', 'b'] },
    ]);
    expect([...report.errors, ...report.warnings]).toEqual([]);
    expect(content.routes[0].data).toMatchObject({ title: '测试路线', stops: ['a', 'b'] });
  });

  it('without a location or stops, the check names exactly what is left to fill in', () => {
    const { report } = scaffoldAndCheck([
      { collection: 'stations', id: 's' },
      { collection: 'buildings', id: 'b' },
      { collection: 'routes', id: 'r' },
    ]);
    expect(report.warnings).toEqual([]);
    expect(report.errors.map((p) => `${p.file} ${p.code} ${p.field}`).sort()).toEqual([
      'buildings/b.md field-required location.lat',
      'buildings/b.md field-required location.lng',
      'routes/r.md field-invalid stops',
      'stations/s.md field-required location.lat',
      'stations/s.md field-required location.lng',
    ]);
    for (const p of report.errors) expect(p.line).toBeGreaterThan(1);
  });

  it('writes an event whose time and place the check then asks for, with their lines', () => {
    const { report, dir } = scaffoldAndCheck([{ collection: 'events', id: 'lesson', name: '音乐党课' }]);
    const text = readFileSync(path.join(dir, 'events', 'lesson.md'), 'utf8');
    expect(text).toContain('# 还需要：在 start 中填写开始时间');
    expect(text).toContain('title: 音乐党课');
    expect(report.warnings).toEqual([]);
    expect(report.errors.map((p) => `${p.file} ${p.code} ${p.field}`).sort()).toEqual([
      'events/lesson.md field-required place',
      'events/lesson.md field-required start',
    ]);
    for (const p of report.errors) expect(p.line).toBeGreaterThan(1);
  });

  it.each(ENTRY_COLLECTIONS)('explains every field of %s in a Chinese comment', (collection) => {
    const plan = planEntry({ collection, id: 'x' }, new Set());
    if (!plan.ok) throw new Error(JSON.stringify(plan.problems));
    for (const [key, field] of Object.entries(ENTRY_SCHEMAS[collection].shape)) {
      const meta = metaOf(field);
      expect(meta.description, `${collection}.${key} has no description`).toBeTruthy();
      // The comment, then the field itself (written or commented out).
      expect(plan.text).toMatch(new RegExp(`# ${meta.title}（[^）]+）：.+\\n(# )?${key}:`));
    }
  });

  it('refuses an id that exists, in the same collection or as a building/station', () => {
    const existing = new Set(['buildings/baidai.md', 'figures/nie-er.mdx']);
    const same = planEntry({ collection: 'figures', id: 'nie-er' }, existing);
    expect(same).toMatchObject({ ok: false, problems: [{ code: 'id-exists', file: 'figures/nie-er.md' }] });
    expect(!same.ok && same.problems[0].message).toContain('figures/nie-er.mdx');
    const shared = planEntry({ collection: 'stations', id: 'baidai', ...XUJIAHUI }, existing);
    expect(shared).toMatchObject({ ok: false, problems: [{ code: 'id-duplicate' }] });
  });

  it('never overwrites a file', () => {
    const dir = emptyDir();
    mkdirSync(path.join(dir, 'figures'));
    writeFileSync(path.join(dir, 'figures', 'nie-er.md'), 'mine');
    expect(createEntry(dir, { collection: 'figures', id: 'nie-er' }).ok).toBe(false);
    expect(readFileSync(path.join(dir, 'figures', 'nie-er.md'), 'utf8')).toBe('mine');
  });

  // Every refusal names the problem with its code, in Chinese, with a fix.
  it.each([
    [{ collection: 'building', id: 'a' }, 'collection-unknown', /是否想写“buildings”/],
    [{ collection: 'figures', id: 'Nie_Er' }, 'id-invalid', /nie-er/],
    [{ collection: 'stations', id: 'a', lng: '121.43' }, 'argument-invalid', /一起写/],
    [{ collection: 'stations', id: 'a', lng: '31.2', lat: '121.4' }, 'coordinate-invalid', /纬度应在 -90 到 90/],
    [{ collection: 'stations', id: 'a', lng: '东经121', lat: '31.2' }, 'coordinate-invalid', /应为数字/],
    [{ collection: 'stations', id: 'a', ...XUJIAHUI, crs: 'amap' }, 'argument-invalid', /gcj02/],
    [{ collection: 'stations', id: 'a', crs: 'gcj02' }, 'argument-invalid', /只写了坐标系/],
    [{ collection: 'figures', id: 'a', ...XUJIAHUI }, 'argument-invalid', /没有位置/],
    [{ collection: 'routes', id: 'r', stops: ['nowhere', 'baidai'] }, 'ref-unknown', /nowhere/],
    [{ collection: 'routes', id: 'r', stops: ['baidai'] }, 'argument-invalid', /至少需要两个/],
    [{ collection: 'figures', id: 'a', name: ' ' }, 'argument-invalid', /名称是空的/],
  ])('refuses %j with %s', (request, code, message) => {
    const plan = planEntry(request, new Set(['buildings/baidai.md']));
    expect(plan.ok).toBe(false);
    const found = !plan.ok && plan.problems.find((p) => p.code === code);
    expect(found, JSON.stringify(plan)).toBeTruthy();
    if (found) {
      expect(`${found.message} ${found.hint}`).toMatch(message);
      expect(found.hint.length).toBeGreaterThan(5);
    }
  });

  it('reports every problem of a request at once', () => {
    const plan = planEntry({ collection: 'buildings', id: 'Bad Id', lng: 'x', lat: '200', crs: 'wgs-84' }, new Set());
    expect(!plan.ok && plan.problems.map((p) => p.code).sort()).toEqual([
      'argument-invalid',
      'coordinate-invalid',
      'coordinate-invalid',
      'id-invalid',
    ]);
  });
});

// Each run starts Node; on a busy two-core machine that alone can take seconds.
describe('scripts/new.ts', { timeout: 60_000 }, () => {
  const run = (args: string[], env: Record<string, string> = {}) => {
    const result = spawnSync(process.execPath, ['scripts/new.ts', ...args], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };

  it('writes into CONTENT_DIR, then refuses to write the same id again', () => {
    const dir = emptyDir();
    const args = ['buildings', 'baidai-building', '--name', '百代小楼', '--lng', '121.441928', '--lat', '31.197851', '--crs', 'gcj02'];
    const first = run(args, { CONTENT_DIR: dir });
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain('已创建');
    expect(existsSync(path.join(dir, 'buildings', 'baidai-building.md'))).toBe(true);

    const again = run(args, { CONTENT_DIR: dir });
    expect(again.code).toBe(1);
    expect(again.err).toContain('[id-exists]');
    expect(again.err).toContain('没有创建文件');
  });

  it('writes where --content says, and the checker accepts it', () => {
    const dir = emptyDir();
    expect(run(['stations', 'xujiahui', '--lng', '121.4375', '--lat', '31.195', '--content', dir]).code).toBe(0);
    const check = spawnSync(process.execPath, ['scripts/check.ts', '--content', dir], { encoding: 'utf8' });
    expect(check.status, check.stdout).toBe(0);
  });

  it('explains its usage and exits 1 on bad arguments', () => {
    expect(run(['--help']).out).toContain('npm run new');
    expect(run(['buildings']).code).toBe(1);
    const bogus = run(['buildings', 'a', '--bogus']);
    expect(bogus.code).toBe(1);
    expect(bogus.err).toContain('npm run new  错误 [argument-invalid]');
    expect(bogus.err).toContain('参数 --bogus 不正确：没有这个选项。');
  });
});
