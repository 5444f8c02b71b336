/**
 * Events and station service fields through the one content loader: every
 * bad event is reported with file, line and field and left off the site; a
 * good one gets its instants and its place (building, station or route).
 * Fixture: tests/fixtures/events/bad-events/.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/lib/geo/check.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { parseEventTime } from '../../src/lib/services/event-time.ts';
import { eventsAt, formatEventTime, splitEvents } from '../../src/lib/services/events-view.ts';
import { searchAttributes } from '../../src/lib/search/build.ts';
import { serviceDirectory, telHref } from '../../src/lib/services/lists.ts';

const content = loadContent(new URL('../fixtures/events/bad-events/content', import.meta.url).pathname);
const report = runCheck(content);
const at = (file: string) => [...report.errors, ...report.warnings].filter((p) => p.file === file);

describe('events in the content loader and the checker', () => {
  it('reports each bad event once, located by file, line and field', () => {
    const located = [...report.errors, ...report.warnings].map((p) => `${p.file}:${p.line} ${p.severity} ${p.code} ${p.field}`);
    expect(located.sort()).toEqual([
      'events/backwards.md:4 error event-end-before-start end',
      'events/date-only.md:3 error date-offset-missing start',
      'events/hostile-link.md:5 error field-invalid registration',
      'events/no-offset.md:3 error date-offset-missing start',
      'events/no-such-day.md:3 error field-invalid start',
      'events/unknown-place.md:4 error ref-unknown place',
      'stations/centre.md:5 warning opening-hours-unparsed openingHours',
    ]);
  });

  it('explains in Chinese how to fix each one', () => {
    expect(at('events/no-offset.md')[0].hint).toContain('2026-12-12T14:00:00+08:00');
    expect(at('events/date-only.md')[0].message).toContain('只有日期');
    expect(at('events/unknown-place.md')[0].hint).toContain('是否想写“hall”');
    expect(at('events/hostile-link.md')[0].message).toContain('https://');
    expect(at('events/no-such-day.md')[0].message).toContain('没有 2 月 30 日');
    expect(at('stations/centre.md')[0].message).toContain('周一至周五 9:00—17:00');
  });

  it('keeps the good events with their instants and places, earliest first', () => {
    expect(content.events.map((e) => e.id)).toEqual(['good', 'on-route']);
    const [good, onRoute] = content.events;
    expect(good.startDate.toISOString()).toBe('2026-12-12T06:00:00.000Z');
    expect(good.endDate?.toISOString()).toBe('2026-12-12T08:00:00.000Z');
    expect(good.place).toMatchObject({ collection: 'buildings', id: 'hall', name: '纪念馆', address: '某路1号' });
    expect(onRoute.place).toMatchObject({ collection: 'routes', id: 'walk', name: '小路线', address: '起点：纪念馆' });
    expect(eventsAt(content.events, 'routes', 'walk').map((e) => e.id)).toEqual(['on-route']);
  });

  it('are indexed for search as 活动, under their place’s 街道', () => {
    const attrs = searchAttributes(content.events[0]);
    expect(attrs).toMatchObject({ 'data-pagefind-body': '', 'data-search-kind': '活动', 'data-search-subdistrict': '天平路街道' });
  });

  it('says once that the place itself has errors, rather than calling it unknown', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'events-refused-'));
    cpSync(new URL('../fixtures/events/bad-events/content', import.meta.url).pathname, dir, { recursive: true });
    writeFileSync(path.join(dir, 'buildings/hall.md'), '---\nlocation: { lng: 121.4405, lat: 31.2052 }\n---\n');
    const good = loadContent(dir).problems.filter((p) => p.file === 'events/good.md');
    expect(good.map((p) => `${p.severity} ${p.code} ${p.field}`)).toEqual(['warning ref-invalid-entry place']);
  });

  it('keeps free-text opening hours as written, and reads the syntax it knows', () => {
    const [centre, listed] = content.stations;
    expect(centre.hours).toMatchObject({ ok: false, written: '周一至周五 9:00—17:00' });
    expect(listed.hours).toMatchObject({ ok: true, words: '周一至周五 9:00–17:00', holidays: ['法定节假日：休息'] });
  });
});

describe('event times', () => {
  it.each([
    ['2026-12-12T14:00:00+08:00', '2026-12-12T06:00:00.000Z'],
    ['2026-12-12 14:00 +0800', '2026-12-12T06:00:00.000Z'],
    ['2026-12-12T06:00:00Z', '2026-12-12T06:00:00.000Z'],
    ['2026-12-12T09:00:00+09:00', '2026-12-12T00:00:00.000Z'],
  ])('%s is the instant %s', (text, iso) => {
    const parsed = parseEventTime(text);
    expect(parsed.ok && parsed.date.toISOString()).toBe(iso);
  });

  it.each([
    ['2026-12-12T14:00', 'offset-missing'],
    ['2026-12-12', 'offset-missing'],
    ['2026-12-12T24:30+08:00', 'invalid'],
    ['2026-12-12T14:00+15:00', 'invalid'],
    ['12月12日下午两点', 'invalid'],
  ])('%s is refused (%s)', (text, kind) => {
    expect(parseEventTime(text)).toMatchObject({ ok: false, problem: kind });
  });

  it('says the time in Beijing time, whatever offset was written', () => {
    expect(formatEventTime(new Date('2026-12-12T06:00:00Z'), new Date('2026-12-12T08:00:00Z'))).toBe('2026年12月12日（周六）14:00–16:00');
    // 23:30 in Tokyo is 22:30 in Beijing, the same day.
    expect(formatEventTime(new Date('2026-12-12T23:30:00+09:00'))).toBe('2026年12月12日（周六）22:30 开始');
    expect(formatEventTime(new Date('2026-12-12T15:00:00Z'), new Date('2026-12-13T02:00:00Z'))).toBe(
      '2026年12月12日（周六）23:00 至 2026年12月13日（周日）10:00',
    );
  });

  it('calls an event past once its end has passed, and sorts each side', () => {
    const [good, onRoute] = content.events;
    // Between the end of "good" (16:00) and the start of "on-route" (next day 09:00).
    const split = splitEvents(content.events, new Date('2026-12-12T16:00:00+08:00'));
    expect(split.past.map((e) => e.id)).toEqual([good.id]);
    expect(split.coming.map((e) => e.id)).toEqual([onRoute.id]);
    // An event without an end is past once it has started.
    expect(splitEvents(content.events, new Date('2026-12-13T09:00:00+08:00')).coming).toEqual([]);
  });
});

describe('the district list of services', () => {
  it('lists only stations with a list, each item marked demo or not, with its station', () => {
    const [listed, ...others] = serviceDirectory(content, 'https://example.gov.cn');
    expect(others).toEqual([]);
    expect(listed).toMatchObject({
      id: 'listed',
      tier: 'building',
      url: 'https://example.gov.cn/stations/listed/',
      phone: '021-6400 0000',
      services: [{ name: '组织关系转接', description: '工作日办理', demo: true }],
      needs: [{ name: '助餐志愿者', demo: true }],
      projects: [{ name: '读书会', partners: ['甲单位', '乙单位'], status: 'ongoing', demo: true }],
    });
  });

  it.each([
    ['021-6400 0000', 'tel:+862164000000'],
    ['+86 21 6400-0000', 'tel:+862164000000'],
    ['13800138000', 'tel:13800138000'],
  ])('calls %s with %s', (phone, href) => {
    expect(telHref(phone)).toBe(href);
  });
});
