/**
 * Check-ins at a route's stops, kept on the learner's phone. When the phone
 * gives a position, a check-in is "verified" if the position lies within
 * 100 m of the stop and is itself accurate to 100 m or better: a fix that
 * could be off by more than the radius proves nothing either way. Only the
 * outcome and the rounded distance are kept, never the position.
 */
import { haversine } from '../geo/distance.ts';
import type { LngLat } from '../content/model.ts';

/** A check-in counts as at the stop within this distance, metres. */
export const VERIFY_RADIUS_M = 100;
/** Positions less accurate than this (the phone's 68 % radius, metres) cannot verify. */
export const MAX_ACCURACY_M = 100;

/** A position from the Geolocation API. */
export interface Fix {
  lng: number;
  lat: number;
  /** `coords.accuracy`, metres. */
  accuracyM: number;
}

/**
 * - `near`: verified, within the radius.
 * - `far`: the position is farther than the radius.
 * - `inaccurate`: the position is too coarse to tell.
 * - `no-position`: no position (refused, unavailable, timed out).
 */
export type CheckInReason = 'near' | 'far' | 'inaccurate' | 'no-position';

export interface CheckIn {
  /** 1-based position of the stop in the walk. */
  order: number;
  /** The stop's id, to notice when the route changed since. */
  id: string;
  /** ISO time of the check-in. */
  at: string;
  verified: boolean;
  reason: CheckInReason;
  /** Distance from the position to the stop, whole metres. */
  distanceM?: number;
  /** The position's accuracy, whole metres. */
  accuracyM?: number;
}

export interface StopRef {
  order: number;
  id: string;
  point: LngLat;
}

/**
 * @example
 * verifyFix([121.43, 31.2], { lng: 121.4303, lat: 31.2, accuracyM: 15 }) // { verified: true, reason: 'near', distanceM: 29, accuracyM: 15 }
 * verifyFix([121.43, 31.2], null) // { verified: false, reason: 'no-position' }
 */
export function verifyFix(
  stop: LngLat,
  fix: Fix | null,
): Pick<CheckIn, 'verified' | 'reason' | 'distanceM' | 'accuracyM'> {
  if (!fix) return { verified: false, reason: 'no-position' };
  const distanceM = Math.round(haversine(stop, [fix.lng, fix.lat]));
  const accuracyM = Math.round(fix.accuracyM);
  const reason: CheckInReason =
    fix.accuracyM > MAX_ACCURACY_M ? 'inaccurate' : distanceM <= VERIFY_RADIUS_M ? 'near' : 'far';
  return { verified: reason === 'near', reason, distanceM, accuracyM };
}

/**
 * @example
 * makeCheckIn({ order: 1, id: 'a', point: [121.43, 31.2] }, null, new Date('2026-11-20T06:30:00Z'))
 * // { order: 1, id: 'a', at: '2026-11-20T06:30:00.000Z', verified: false, reason: 'no-position' }
 */
export function makeCheckIn(stop: StopRef, fix: Fix | null, now: Date): CheckIn {
  return { order: stop.order, id: stop.id, at: now.toISOString(), ...verifyFix(stop.point, fix) };
}

/** What is stored: check-ins by stop order. */
export interface Progress {
  checkIns: CheckIn[];
}

/**
 * Adds a check-in, replacing an earlier one at the same stop, except that an
 * unverified try never replaces a verified one (a learner who walks on and
 * taps again should not lose the proof).
 *
 * @example
 * recordCheckIn({ checkIns: [] }, checkIn).checkIns.length // 1
 */
export function recordCheckIn(progress: Progress, checkIn: CheckIn): Progress {
  const earlier = progress.checkIns.find((c) => c.order === checkIn.order);
  if (earlier?.verified && !checkIn.verified) return progress;
  const checkIns = [...progress.checkIns.filter((c) => c.order !== checkIn.order), checkIn];
  return { checkIns: checkIns.sort((a, b) => a.order - b.order) };
}

/**
 * Reads stored progress, keeping only well-formed check-ins whose stop is
 * still the same stop at that place in the walk; anything unreadable gives
 * empty progress rather than an error, since storage can be edited or stale.
 *
 * @example
 * parseProgress(localStorage.getItem(key), stops).checkIns
 * parseProgress('not json', stops) // { checkIns: [] }
 */
export function parseProgress(text: string | null, stops: readonly Pick<StopRef, 'order' | 'id'>[]): Progress {
  let value: unknown;
  try {
    value = JSON.parse(text ?? '');
  } catch {
    return { checkIns: [] };
  }
  const list = (value as { checkIns?: unknown } | null)?.checkIns;
  if (!Array.isArray(list)) return { checkIns: [] };
  const ids = new Map(stops.map((s) => [s.order, s.id]));
  const checkIns = list.filter(
    (c): c is CheckIn =>
      typeof c === 'object' &&
      c !== null &&
      ids.get(c.order) === c.id &&
      typeof c.at === 'string' &&
      !Number.isNaN(Date.parse(c.at)) &&
      typeof c.verified === 'boolean' &&
      ['near', 'far', 'inaccurate', 'no-position'].includes(c.reason),
  );
  return checkIns.reduce(recordCheckIn, { checkIns: [] });
}

export interface SummaryRow {
  order: number;
  id: string;
  name: string;
  required: boolean;
  checkIn?: CheckIn;
}

export interface Summary {
  rows: SummaryRow[];
  total: number;
  checked: number;
  verified: number;
  /** Stops that must be checked in at: the required ones, or all when none are marked. */
  requiredTotal: number;
  requiredChecked: number;
  /** Every required stop (every stop, when none are marked) has a check-in. */
  complete: boolean;
  /** ISO times of the first and last check-in. */
  firstAt?: string;
  lastAt?: string;
}

/**
 * The learner's record for showing to a teacher. A required stop visited
 * twice on a loop counts once it is checked in at either visit.
 *
 * @example
 * summarize(stops, progress, ['a']) // { total: 4, checked: 2, verified: 1, requiredTotal: 1, requiredChecked: 1, complete: true, … }
 */
export function summarize(
  stops: readonly { order: number; id: string; name: string }[],
  progress: Progress,
  required: readonly string[],
): Summary {
  const byOrder = new Map(progress.checkIns.map((c) => [c.order, c]));
  const rows = stops.map((s) => ({
    order: s.order,
    id: s.id,
    name: s.name,
    required: required.length === 0 || required.includes(s.id),
    checkIn: byOrder.get(s.order),
  }));
  const checkedIds = new Set(rows.filter((r) => r.checkIn).map((r) => r.id));
  const mustIds = new Set(rows.filter((r) => r.required).map((r) => r.id));
  const requiredChecked = [...mustIds].filter((id) => checkedIds.has(id)).length;
  const times = progress.checkIns.map((c) => c.at).sort();
  return {
    rows,
    total: rows.length,
    checked: rows.filter((r) => r.checkIn).length,
    verified: rows.filter((r) => r.checkIn?.verified).length,
    requiredTotal: mustIds.size,
    requiredChecked,
    complete: requiredChecked === mustIds.size,
    firstAt: times[0],
    lastAt: times.at(-1),
  };
}

/**
 * One line on a check-in for the page and the printed summary.
 *
 * @example
 * describeCheckIn({ reason: 'near', distanceM: 35, verified: true, … }) // '位置已核验：距经停点约 35 米'
 * describeCheckIn({ reason: 'no-position', verified: false, … }) // '未核验：没有获得位置（未允许定位或定位失败）'
 */
export function describeCheckIn(checkIn: CheckIn): string {
  switch (checkIn.reason) {
    case 'near':
      return `位置已核验：距经停点约 ${checkIn.distanceM} 米`;
    case 'far':
      return `未核验：距经停点约 ${checkIn.distanceM} 米，超出 ${VERIFY_RADIUS_M} 米`;
    case 'inaccurate':
      return `未核验：定位误差约 ${checkIn.accuracyM} 米，不足以确认是否在 ${VERIFY_RADIUS_M} 米内`;
    case 'no-position':
      return '未核验：没有获得位置（未允许定位或定位失败）';
  }
}

/**
 * `HH:MM` of a check-in in the phone's time zone (or the one given).
 *
 * @example
 * formatClock('2026-11-20T06:30:00.000Z', 'Asia/Shanghai') // '14:30'
 */
export function formatClock(at: string, timeZone?: string): string {
  return new Date(at).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone });
}
