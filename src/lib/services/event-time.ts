/**
 * Event dates as editors write them: ISO 8601 with a UTC offset
 * (`2026-12-12T14:00:00+08:00`). A time without an offset means a different
 * instant on every phone that imports the calendar, so it is refused, not
 * guessed.
 */

export type EventTime =
  | { ok: true; date: Date }
  | { ok: false; problem: 'offset-missing' | 'invalid'; reason: string };

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * @example
 * parseEventTime('2026-12-12T14:00:00+08:00') // { ok: true, date: 2026-12-12T06:00:00.000Z }
 * parseEventTime('2026-12-12T14:00')          // { ok: false, problem: 'offset-missing', … }
 * parseEventTime('12月12日')                   // { ok: false, problem: 'invalid', … }
 */
export function parseEventTime(text: string): EventTime {
  const m = ISO.exec(text.trim());
  if (!m) return { ok: false, problem: 'invalid', reason: '不是日期时间的写法。' };
  const [, y, mo, d, h, mi, s, fraction, offset] = m;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  const [hour, minute, second] = [Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) {
    return { ok: false, problem: 'invalid', reason: `没有 ${month} 月 ${day} 日这一天。` };
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return { ok: false, problem: 'invalid', reason: '钟点超出范围（时 0–23，分和秒 0–59）。' };
  }
  if (h === undefined) return { ok: false, problem: 'offset-missing', reason: '只有日期，没有钟点和时区。' };
  if (!offset) return { ok: false, problem: 'offset-missing', reason: '没有时区（UTC 偏移）。' };
  const zone = offset.toUpperCase() === 'Z' ? 'Z' : offset.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  if (zone !== 'Z' && (Number(zone.slice(1, 3)) > 14 || Number(zone.slice(4)) > 59)) {
    return { ok: false, problem: 'invalid', reason: `时区 ${offset} 超出范围（北京时间是 +08:00）。` };
  }
  return { ok: true, date: new Date(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${fraction ?? ''}${zone}`) };
}

/** The example a hint shows: what was written, completed with +08:00 when that is all it lacks. */
export function offsetExample(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?)?$/.exec(text.trim());
  if (!m) return '2026-12-12T14:00:00+08:00';
  return `${m[1]}T${m[2] ?? '14:00'}${m[3] ?? ':00'}+08:00`;
}
