/**
 * Open or closed, from a weekly schedule, on Shanghai's clock. Pure and tiny:
 * the station page's script (src/scripts/open-now.ts) imports it, so the
 * browser never gets the opening_hours parser, only the week it produced at
 * build time (src/lib/services/opening-hours.ts).
 */

/** `[from, to)` in minutes after midnight; `to` may be 1440 (24:00). */
export type Interval = [number, number];

/** Seven lists of open intervals, Monday first, in Shanghai local time. */
export type Week = Interval[][];

export const DAY_NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** Asia/Shanghai has kept UTC+8 all year since 1991: no daylight saving to look up. */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/**
 * Day of the week (0 = Monday) and minutes after midnight in Shanghai, whatever
 * the zone of the device.
 *
 * @example
 * shanghaiClock(new Date('2026-12-01T02:30:00Z')) // { day: 1, minutes: 630 } (Tuesday 10:30)
 */
export function shanghaiClock(date: Date): { day: number; minutes: number } {
  const local = new Date(date.getTime() + SHANGHAI_OFFSET_MS);
  return { day: (local.getUTCDay() + 6) % 7, minutes: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

/**
 * @example
 * formatTime(540)  // '9:00'
 * formatTime(1440) // '24:00'
 */
export function formatTime(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * @example
 * formatIntervals([[540, 720], [810, 1020]]) // '9:00–12:00、13:30–17:00'
 */
export function formatIntervals(intervals: Interval[]): string {
  return intervals.map(([from, to]) => `${formatTime(from)}–${formatTime(to)}`).join('、');
}

export interface OpenStatus {
  /** The station opens at some time today (Shanghai date). */
  openToday: boolean;
  openNow: boolean;
  /** Today's intervals. */
  today: Interval[];
  /** Shanghai time now, minutes after midnight. */
  minutes: number;
  /** When the current interval ends (open now). */
  closesAt?: number;
  /** When it opens later today (closed now, open later). */
  opensAt?: number;
  /** The next opening on a later day, within a week (closed for the rest of today). */
  next?: { day: number; minutes: number };
}

/**
 * @example
 * openStatus(week, new Date('2026-12-01T02:30:00Z')) // { openToday: true, openNow: true, closesAt: 1020, … }
 */
export function openStatus(week: Week, date: Date): OpenStatus {
  const { day, minutes } = shanghaiClock(date);
  const today = week[day] ?? [];
  const status: OpenStatus = { openToday: today.length > 0, openNow: false, today, minutes };
  const current = today.find(([from, to]) => from <= minutes && minutes < to);
  if (current) return { ...status, openNow: true, closesAt: current[1] };
  const later = today.find(([from]) => from > minutes);
  if (later) return { ...status, opensAt: later[0] };
  for (let ahead = 1; ahead <= 7; ahead++) {
    const first = week[(day + ahead) % 7]?.[0];
    if (first) return { ...status, next: { day: (day + ahead) % 7, minutes: first[0] } };
  }
  return status;
}

/**
 * The sentence the station page shows.
 *
 * @example
 * statusText(openStatus(week, new Date('2026-12-01T10:30:00Z'))) // '今天开放 9:00–17:00，现在已关门。下次开放：周三 9:00。（北京时间 18:30）'
 */
export function statusText(status: OpenStatus): string {
  const clock = `（北京时间 ${formatTime(status.minutes)}）`;
  const hours = formatIntervals(status.today);
  if (status.openNow) return `今天开放 ${hours}，现在正在开放，${formatTime(status.closesAt!)} 关门。${clock}`;
  if (status.opensAt !== undefined) return `今天开放 ${hours}，现在还没开门，${formatTime(status.opensAt)} 开门。${clock}`;
  const next = status.next ? `下次开放：${DAY_NAMES[status.next.day]} ${formatTime(status.next.minutes)}。` : '';
  return `${status.openToday ? `今天开放 ${hours}，现在已关门。` : '今天不开放，现在已关门。'}${next}${clock}`;
}
