/**
 * Events on the pages: coming or past (the build date decides; a script
 * re-sorts on the visitor's clock, src/scripts/events-clock.ts), their time
 * in Beijing time, and the events held at a place.
 */
import type { EventEntry } from '../content/model.ts';
import { DAY_NAMES, formatTime, shanghaiClock } from './open-now.ts';

/** An event is over once its end (or, without one, its start) has passed. */
export const eventOver = (event: EventEntry): Date => event.endDate ?? event.startDate;

/**
 * Coming events soonest first, past events latest first.
 *
 * @example
 * const { coming, past } = splitEvents(content.events, new Date());
 */
export function splitEvents(events: readonly EventEntry[], now: Date): { coming: EventEntry[]; past: EventEntry[] } {
  const coming = events.filter((e) => eventOver(e) > now).sort((a, b) => +a.startDate - +b.startDate);
  const past = events.filter((e) => eventOver(e) <= now).sort((a, b) => +b.startDate - +a.startDate);
  return { coming, past };
}

/** Events held at a station, building or route, in start order. */
export function eventsAt(events: readonly EventEntry[], collection: string, id: string): EventEntry[] {
  return events.filter((e) => e.place?.collection === collection && e.place.id === id);
}

/**
 * Date and time in Beijing time, whatever offset the editor wrote.
 *
 * @example
 * formatEventTime(new Date('2026-12-12T06:00:00Z'), new Date('2026-12-12T08:00:00Z'))
 * // '2026年12月12日（周六）14:00–16:00'
 */
export function formatEventTime(start: Date, end?: Date): string {
  const day = (date: Date) => {
    const local = new Date(date.getTime() + 8 * 3600 * 1000);
    return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日（${DAY_NAMES[shanghaiClock(date).day]}）`;
  };
  const time = (date: Date) => formatTime(shanghaiClock(date).minutes);
  if (!end) return `${day(start)}${time(start)} 开始`;
  if (day(start) === day(end)) return `${day(start)}${time(start)}–${time(end)}`;
  return `${day(start)}${time(start)} 至 ${day(end)}${time(end)}`;
}
