/**
 * Events as iCalendar (RFC 5545) for phones' calendars: `/events.ics` (all)
 * and `/events/<id>.ics` (one). ical-generator writes the text (line folding
 * at 75 octets, escaping of commas, semicolons and newlines); times are
 * written in UTC (`Z`), which every calendar converts to the reader's zone,
 * so no VTIMEZONE is needed.
 */
import ical from 'ical-generator';
import { EVENT_KIND_NAMES } from '../../schemas/events.ts';
import type { EventEntry } from '../content/model.ts';
import { absoluteUrl, entryUrl } from '../site/urls.ts';

/** What the writer needs of an event. */
export interface IcsEvent {
  /** Entry id; the UID is built from it, so it stays the same across builds and hosts. */
  id: string;
  title: string;
  start: Date;
  end?: Date;
  /** The place's name, then its address on a second line. */
  location: { name: string; address?: string; point?: [number, number] };
  /** Absolute URL of the event page. */
  url: string;
  description: string;
}

export interface IcsOptions {
  /** DTSTAMP: when the calendar was written (the build). */
  stamp: Date;
  /** The calendar's name (X-WR-CALNAME / NAME). */
  name?: string;
}

/** Part of every UID: one domain of our own, whatever host the site is deployed on. */
const UID_DOMAIN = 'xuhui-red-routes';

/**
 * @example
 * toIcs([icsEvent(entry, 'https://example.gov.cn')], { stamp: new Date() })
 * // 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//xuhui-red-routes//events//ZH\r\n…'
 */
export function toIcs(events: IcsEvent[], { stamp, name = '徐汇红色文化学习路线 · 活动' }: IcsOptions): string {
  const calendar = ical({ prodId: { company: UID_DOMAIN, product: 'events', language: 'ZH' }, name });
  for (const event of events) {
    const { name: placeName, address, point } = event.location;
    calendar.createEvent({
      id: `${event.id}@${UID_DOMAIN}`,
      stamp,
      start: event.start,
      end: event.end ?? null,
      summary: event.title,
      description: event.description,
      location: point
        ? { title: placeName, address, geo: { lat: round6(point[1]), lon: round6(point[0]) } }
        : [placeName, address].filter(Boolean).join('\n'),
      url: event.url,
    });
  }
  return calendar.toString();
}

/**
 * An event entry as the writer needs it. A demo event says 示例 in its
 * title, so a calendar never shows it as a real appointment.
 */
export function icsEvent(entry: EventEntry, site: URL | string): IcsEvent {
  const { data, place } = entry;
  const demo = data.demo === true;
  const title = demo && !data.title.includes('示例') ? `【示例】${data.title}` : data.title;
  const lines = [
    demo ? `【示例】${data.demoNote ?? '本活动为示例，不是真实的活动安排。'}` : undefined,
    data.summary,
    data.kind ? `类型：${EVENT_KIND_NAMES[data.kind]}` : undefined,
    data.audience ? `对象：${data.audience}` : undefined,
    data.registration ? `报名：${data.registration}` : undefined,
    `详情：${absoluteUrl(entryUrl('events', entry.id), site)}`,
  ];
  return {
    id: entry.id,
    title,
    start: entry.startDate,
    end: entry.endDate,
    location: { name: place?.name ?? data.place, address: place?.address, point: place?.point },
    url: absoluteUrl(entryUrl('events', entry.id), site),
    description: lines.filter(Boolean).join('\n'),
  };
}

/** Six decimals is about 0.1 m: as precise as any source we have. */
const round6 = (degrees: number) => Math.round(degrees * 1e6) / 1e6;
