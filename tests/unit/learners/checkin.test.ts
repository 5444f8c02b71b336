/**
 * Check-in logic: position verification within 100 m (accuracy included),
 * keeping proof, reading stored progress defensively, and the summary a
 * learner shows the teacher.
 */
import { describe, expect, it } from 'vitest';
import {
  type CheckIn,
  describeCheckIn,
  type Fix,
  formatClock,
  makeCheckIn,
  MAX_ACCURACY_M,
  parseProgress,
  type Progress,
  recordCheckIn,
  summarize,
  VERIFY_RADIUS_M,
  verifyFix,
} from '../../../src/lib/learners/checkin.ts';
import { haversine } from '../../../src/lib/geo/distance.ts';
import type { LngLat } from '../../../src/lib/content/model.ts';

const STOP: LngLat = [121.4371, 31.2051];
/** Metres per degree of longitude and latitude here, from the same sphere as the code. */
const M_LNG = haversine(STOP, [STOP[0] + 0.001, STOP[1]]) / 0.001;
const M_LAT = haversine(STOP, [STOP[0], STOP[1] + 0.001]) / 0.001;
const east = (m: number, accuracyM = 10): Fix => ({ lng: STOP[0] + m / M_LNG, lat: STOP[1], accuracyM });
const north = (m: number, accuracyM = 10): Fix => ({ lng: STOP[0], lat: STOP[1] + m / M_LAT, accuracyM });

const stops = [
  { order: 1, id: 'a', name: '武康大楼', point: STOP },
  { order: 2, id: 'b', name: '巴金故居', point: [121.44, 31.207] as LngLat },
  { order: 3, id: 'c', name: '张乐平故居', point: [121.445, 31.21] as LngLat },
];
const at = (order: number, verified: boolean, time = '2026-11-20T06:00:00.000Z'): CheckIn => ({
  order,
  id: stops[order - 1].id,
  at: time,
  verified,
  reason: verified ? 'near' : 'no-position',
});

describe('verifyFix', () => {
  it('verifies a position within 100 m, in any direction', () => {
    expect(verifyFix(STOP, east(60))).toEqual({ verified: true, reason: 'near', distanceM: 60, accuracyM: 10 });
    expect(verifyFix(STOP, north(99.4))).toMatchObject({ verified: true, distanceM: 99 });
  });

  it('counts exactly 100 m as near and 101 m as far', () => {
    expect(verifyFix(STOP, east(VERIFY_RADIUS_M))).toMatchObject({ verified: true, distanceM: 100 });
    expect(verifyFix(STOP, east(101))).toEqual({ verified: false, reason: 'far', distanceM: 101, accuracyM: 10 });
  });

  it('does not verify with a position coarser than 100 m, even one that lands on the stop', () => {
    expect(verifyFix(STOP, east(0, MAX_ACCURACY_M + 50))).toEqual({ verified: false, reason: 'inaccurate', distanceM: 0, accuracyM: 150 });
    expect(verifyFix(STOP, east(20, MAX_ACCURACY_M))).toMatchObject({ verified: true, reason: 'near' });
  });

  it('says when there is no position at all', () => {
    expect(verifyFix(STOP, null)).toEqual({ verified: false, reason: 'no-position' });
  });
});

describe('makeCheckIn', () => {
  it('keeps the time, the outcome and the rounded distance, never the position', () => {
    const checkIn = makeCheckIn(stops[0], east(42.4, 12.6), new Date('2026-11-20T06:30:00Z'));
    expect(checkIn).toEqual({ order: 1, id: 'a', at: '2026-11-20T06:30:00.000Z', verified: true, reason: 'near', distanceM: 42, accuracyM: 13 });
    expect(JSON.stringify(checkIn)).not.toMatch(/121\.4|31\.2/);
  });
});

describe('recordCheckIn', () => {
  it('adds check-ins in walking order', () => {
    const p = [at(3, true), at(1, false)].reduce(recordCheckIn, { checkIns: [] } as Progress);
    expect(p.checkIns.map((c) => c.order)).toEqual([1, 3]);
  });

  it('replaces an unverified check-in with a later verified one', () => {
    const p = [at(1, false), at(1, true, '2026-11-20T06:05:00.000Z')].reduce(recordCheckIn, { checkIns: [] } as Progress);
    expect(p.checkIns).toEqual([at(1, true, '2026-11-20T06:05:00.000Z')]);
  });

  it('never lets an unverified try replace a verified check-in', () => {
    const verified: Progress = { checkIns: [at(1, true)] };
    expect(recordCheckIn(verified, at(1, false, '2026-11-20T07:00:00.000Z'))).toBe(verified);
  });
});

describe('parseProgress', () => {
  it('reads back what was stored', () => {
    const progress: Progress = { checkIns: [at(1, true), at(2, false)] };
    expect(parseProgress(JSON.stringify(progress), stops)).toEqual(progress);
  });

  it.each([null, '', 'not json', '[]', '{"checkIns": 3}', 'null'])('gives empty progress for %j', (text) => {
    expect(parseProgress(text, stops)).toEqual({ checkIns: [] });
  });

  it('drops malformed check-ins and those whose stop changed since', () => {
    const stored = {
      checkIns: [
        at(1, true),
        { ...at(2, true), id: 'moved' },
        { ...at(3, true), at: 'yesterday' },
        { ...at(3, true), reason: 'guess' },
        { order: 9, id: 'x', at: '2026-11-20T06:00:00.000Z', verified: true, reason: 'near' },
        'junk',
        null,
      ],
    };
    expect(parseProgress(JSON.stringify(stored), stops)).toEqual({ checkIns: [at(1, true)] });
  });
});

describe('summarize', () => {
  const progress: Progress = {
    checkIns: [at(1, true, '2026-11-20T06:00:00.000Z'), at(3, false, '2026-11-20T07:10:00.000Z')],
  };

  it('counts check-ins and verified ones; without required stops every stop is required', () => {
    const s = summarize(stops, progress, []);
    expect(s).toMatchObject({ total: 3, checked: 2, verified: 1, requiredTotal: 3, requiredChecked: 2, complete: false });
    expect(s.firstAt).toBe('2026-11-20T06:00:00.000Z');
    expect(s.lastAt).toBe('2026-11-20T07:10:00.000Z');
    expect(s.rows.map((r) => [r.order, r.name, r.required, r.checkIn?.verified])).toEqual([
      [1, '武康大楼', true, true],
      [2, '巴金故居', true, undefined],
      [3, '张乐平故居', true, false],
    ]);
  });

  it('is complete once every required stop has a check-in, verified or not', () => {
    expect(summarize(stops, progress, ['a', 'c'])).toMatchObject({ requiredTotal: 2, requiredChecked: 2, complete: true });
    expect(summarize(stops, progress, ['b'])).toMatchObject({ requiredTotal: 1, requiredChecked: 0, complete: false });
    expect(summarize(stops, progress, ['b']).rows.map((r) => r.required)).toEqual([false, true, false]);
  });

  it('counts a stop a loop visits twice once checked in at either visit', () => {
    const loop = [...stops, { order: 4, id: 'a', name: '武康大楼', point: STOP }];
    const s = summarize(loop, { checkIns: [{ ...at(1, true), order: 4 }] }, ['a']);
    expect(s).toMatchObject({ requiredTotal: 1, requiredChecked: 1, complete: true, checked: 1 });
  });
});

describe('describeCheckIn and formatClock', () => {
  it('says in Chinese whether and why a check-in was verified', () => {
    expect(describeCheckIn(makeCheckIn(stops[0], east(35), new Date()))).toBe('位置已核验：距经停点约 35 米');
    expect(describeCheckIn(makeCheckIn(stops[0], east(420), new Date()))).toBe('未核验：距经停点约 420 米，超出 100 米');
    expect(describeCheckIn(makeCheckIn(stops[0], east(5, 250), new Date()))).toBe('未核验：定位误差约 250 米，不足以确认是否在 100 米内');
    expect(describeCheckIn(makeCheckIn(stops[0], null, new Date()))).toBe('未核验：没有获得位置（未允许定位或定位失败）');
  });

  it('shows the time of day in the given time zone', () => {
    expect(formatClock('2026-11-20T06:30:00.000Z', 'Asia/Shanghai')).toBe('14:30');
  });
});
