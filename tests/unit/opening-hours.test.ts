/**
 * Opening hours: what the station page says (words, holiday rules, weekly
 * table) from the OSM syntax, and the open-now line the browser computes on
 * Shanghai's clock, with mocked dates.
 */
import { describe, expect, it } from 'vitest';
import { formatIntervals, openStatus, shanghaiClock, statusText, type Week } from '../../src/lib/services/open-now.ts';
import { dayHours, readOpeningHours, weekWords } from '../../src/lib/services/opening-hours.ts';

const NINE_TO_FIVE: [number, number] = [540, 1020];

describe('readOpeningHours', () => {
  it('says a week in words, grouping days with the same hours', () => {
    const hours = readOpeningHours('Mo-Fr 09:00-17:00; Sa 09:00-12:00');
    expect(hours).toMatchObject({ ok: true, words: '周一至周五 9:00–17:00，周六 9:00–12:00', holidays: [] });
    expect(hours.ok && hours.week).toEqual([[NINE_TO_FIVE], [NINE_TO_FIVE], [NINE_TO_FIVE], [NINE_TO_FIVE], [NINE_TO_FIVE], [[540, 720]], []]);
  });

  it.each([
    ['Mo-Su 08:00-20:00', '每天 8:00–20:00'],
    ['24/7', '每天 24 小时开放'],
    ['Tu-Su 09:00-16:30; Mo off', '周二至周日 9:00–16:30'],
    ['Mo,We 09:00-12:00,13:30-17:00', '周一 9:00–12:00、13:30–17:00，周三 9:00–12:00、13:30–17:00'],
    ['Sa,Su 10:00-16:00', '周六、周日 10:00–16:00'],
    ['off', '不开放'],
    ['mo-fr 9-17', '周一至周五 9:00–17:00'],
  ])('%s → %s', (value, words) => {
    expect(readOpeningHours(value)).toMatchObject({ ok: true, words });
  });

  it('describes public-holiday rules and says it cannot evaluate them, leaving them out of the week', () => {
    const hours = readOpeningHours('Mo-Fr 09:00-17:00; PH 09:00-12:00');
    expect(hours).toMatchObject({ ok: true, holidays: ['法定节假日：9:00–12:00'], words: '周一至周五 9:00–17:00' });
    // The week is the ordinary one: no day shrinks to the holiday hours.
    expect(hours.ok && hours.week?.slice(0, 5)).toEqual([[NINE_TO_FIVE], [NINE_TO_FIVE], [NINE_TO_FIVE], [NINE_TO_FIVE], [NINE_TO_FIVE]]);
    expect(readOpeningHours('Mo-Fr 09:00-17:00; PH off')).toMatchObject({ holidays: ['法定节假日：休息'] });
  });

  it('splits hours that run past midnight between the two days', () => {
    const hours = readOpeningHours('Fr 22:00-02:00');
    expect(hours.ok && hours.week?.[4]).toEqual([[1320, 1440]]);
    expect(hours.ok && hours.week?.[5]).toEqual([[0, 120]]);
  });

  it('has no weekly table for hours that change with the date', () => {
    const hours = readOpeningHours('Apr-Oct Mo-Fr 09:00-17:00');
    expect(hours).toMatchObject({ ok: true, week: undefined });
  });

  it('keeps comments', () => {
    expect(readOpeningHours('Mo-Fr 09:00-17:00 || "其他时间请预约"')).toMatchObject({ comments: ['其他时间请预约'] });
  });

  it.each([
    ['周一至周五 9:00—17:00', '无法识别“周”'],
    ['Mo-Fr 09:00-', '时间段没有写完整'],
    ['SH off; Mo-Fr 10:00-16:00', 'SH（学校假期）'],
  ])('refuses %s, saying why', (value, reason) => {
    const hours = readOpeningHours(value);
    expect(hours.ok).toBe(false);
    expect(!hours.ok && hours.reason).toContain(reason);
  });

  it('refuses a value too long to be opening hours without handing it to the parser', () => {
    const started = performance.now();
    const hours = readOpeningHours('x'.repeat(100_000));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(!hours.ok && hours.reason).toContain('太长');
    expect(readOpeningHours(`Mo-Fr 09:00-17:00 || "${'预约'.repeat(400)}"`).ok).toBe(true);
  });

  it('gives the same week whatever the zone of the machine that builds', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      const west = readOpeningHours('Mo-Th 07:30-11:00');
      process.env.TZ = 'Asia/Tokyo';
      const east = readOpeningHours('Mo-Th 07:30-11:00 ');
      expect(west.ok && west.week?.[0]).toEqual([[450, 660]]);
      expect(east.ok && east.week).toEqual(west.ok && west.week);
    } finally {
      process.env.TZ = saved;
    }
  });

  it('words a day and a week from the schedule', () => {
    expect(dayHours([])).toBe('休息');
    expect(dayHours([[0, 1440]])).toBe('全天');
    expect(weekWords([[], [], [], [], [], [], [[600, 960]]])).toBe('周日 10:00–16:00');
    expect(formatIntervals([[540, 720], [810, 1020]])).toBe('9:00–12:00、13:30–17:00');
  });
});

describe('open now, on Shanghai time', () => {
  const { week } = readOpeningHours('Mo-Fr 09:00-17:00; Sa 09:00-12:00') as { week: Week };

  it('reads Shanghai wall-clock time from any instant', () => {
    // 2026-12-01 is a Tuesday; 02:30 UTC is 10:30 in Shanghai.
    expect(shanghaiClock(new Date('2026-12-01T02:30:00Z'))).toEqual({ day: 1, minutes: 630 });
    // 20:00 UTC on Sunday is already Monday 04:00 in Shanghai.
    expect(shanghaiClock(new Date('2026-11-29T20:00:00Z'))).toEqual({ day: 0, minutes: 240 });
  });

  it.each([
    ['2026-12-01T10:30:00+08:00', '今天开放 9:00–17:00，现在正在开放，17:00 关门。（北京时间 10:30）'],
    ['2026-12-01T08:15:00+08:00', '今天开放 9:00–17:00，现在还没开门，9:00 开门。（北京时间 8:15）'],
    ['2026-12-01T17:00:00+08:00', '今天开放 9:00–17:00，现在已关门。下次开放：周三 9:00。（北京时间 17:00）'],
    ['2026-12-05T12:30:00+08:00', '今天开放 9:00–12:00，现在已关门。下次开放：周一 9:00。（北京时间 12:30）'],
    ['2026-12-06T10:00:00+08:00', '今天不开放，现在已关门。下次开放：周一 9:00。（北京时间 10:00）'],
    // The same Sunday-evening instant as Monday morning in Shanghai, from New York's clock.
    ['2026-11-30T20:30:00-05:00', '今天开放 9:00–17:00，现在正在开放，17:00 关门。（北京时间 9:30）'],
  ])('at %s: %s', (when, text) => {
    expect(statusText(openStatus(week, new Date(when)))).toBe(text);
  });

  it('is open just after midnight when the previous evening runs on', () => {
    const late = readOpeningHours('Fr 22:00-02:00') as { week: Week };
    expect(openStatus(late.week, new Date('2026-12-05T01:00:00+08:00'))).toMatchObject({ openNow: true, closesAt: 120 });
    expect(openStatus(late.week, new Date('2026-12-05T02:00:00+08:00'))).toMatchObject({ openNow: false });
  });

  it('never says open for a station that never opens', () => {
    const status = openStatus([[], [], [], [], [], [], []], new Date('2026-12-01T10:00:00+08:00'));
    expect(statusText(status)).toBe('今天不开放，现在已关门。（北京时间 10:00）');
  });
});
