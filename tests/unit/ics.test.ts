/**
 * The calendar files, read back by an independent parser: Debian's
 * python3-icalendar. What a phone's calendar would show must be what the
 * event says: the instant, the place with its position, the text with its
 * commas, semicolons and line breaks.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import { icsEvent, toIcs, type IcsEvent } from '../../src/lib/services/ics.ts';

const content = loadContent(new URL('../fixtures/events/bad-events/content', import.meta.url).pathname);
const SITE = 'https://example.gov.cn';
const STAMP = new Date('2026-11-29T08:00:00Z');

/** Debian's interpreter, where python3-icalendar is installed (a pyenv python3 may come first on PATH). */
const PYTHON = process.env.ICAL_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

/** Parses with python3-icalendar and returns what it read, as JSON. */
function parseWithPython(ics: string): {
  prodid: string;
  version: string;
  events: { uid: string; dtstamp: string; start: string; end: string | null; summary: string; location: string; geo: [number, number] | null; url: string; description: string }[];
} {
  const script = `
import sys, json, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
out = {"prodid": str(cal["PRODID"]), "version": str(cal["VERSION"]), "events": []}
for e in cal.walk("VEVENT"):
    geo = e.get("GEO")
    out["events"].append({
        "uid": str(e["UID"]),
        "dtstamp": e["DTSTAMP"].dt.isoformat(),
        "start": e["DTSTART"].dt.isoformat(),
        "end": e["DTEND"].dt.isoformat() if "DTEND" in e else None,
        "summary": str(e["SUMMARY"]),
        "location": str(e["LOCATION"]),
        "geo": [geo.latitude, geo.longitude] if geo else None,
        "url": str(e["URL"]),
        "description": str(e["DESCRIPTION"]),
    })
print(json.dumps(out, ensure_ascii=False))
`;
  const run = spawnSync(PYTHON, ['-c', script], { input: ics, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python3-icalendar (${PYTHON}) could not read the calendar (apt-get install python3-icalendar):\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe('iCalendar output', () => {
  const entries = content.events;
  const ics = toIcs(entries.map((e) => icsEvent(e, SITE)), { stamp: STAMP });
  const parsed = parseWithPython(ics);

  it('is a VCALENDAR with PRODID and VERSION 2.0 and one VEVENT per event', () => {
    expect(parsed.version).toBe('2.0');
    expect(parsed.prodid).toMatch(/xuhui-red-routes/);
    expect(parsed.events.map((e) => e.uid)).toEqual(['good@xuhui-red-routes', 'on-route@xuhui-red-routes']);
  });

  it('gives the instants in UTC, as written with their offset', () => {
    const [good, onRoute] = parsed.events;
    expect(good.start).toBe('2026-12-12T06:00:00+00:00');
    expect(good.end).toBe('2026-12-12T08:00:00+00:00');
    expect(good.dtstamp).toBe('2026-11-29T08:00:00+00:00');
    expect(onRoute.start).toBe('2026-12-13T01:00:00+00:00');
    expect(onRoute.end).toBeNull();
  });

  it('round-trips commas, semicolons and line breaks, and names the place with its position', () => {
    const [good, onRoute] = parsed.events;
    expect(good.summary).toBe('音乐党课, 第一讲; 试听');
    expect(good.location).toBe('纪念馆\n某路1号');
    expect(good.geo![0]).toBeCloseTo(31.2052, 6);
    expect(good.geo![1]).toBeCloseTo(121.4405, 6);
    expect(good.url).toBe('https://example.gov.cn/events/good/');
    expect(good.description.split('\n')).toEqual([
      '类型：音乐党课',
      '对象：居民',
      '报名：https://example.com/signup',
      '详情：https://example.gov.cn/events/good/',
    ]);
    // A route's position is its first stop.
    expect(onRoute.location).toBe('小路线\n起点：纪念馆');
    expect(onRoute.geo![0]).toBeCloseTo(31.2052, 6);
  });

  it('folds lines at 75 octets and ends them with CRLF', () => {
    const long: IcsEvent = {
      id: 'long',
      title: '很长的标题'.repeat(20),
      start: new Date('2026-12-12T06:00:00Z'),
      location: { name: '某地' },
      url: 'https://example.gov.cn/events/long/',
      description: '第一行；分号,逗号\n第二行'.repeat(10),
    };
    const text = toIcs([long], { stamp: STAMP });
    const lines = text.split('\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const [event] = parseWithPython(text).events;
    expect(event.summary).toBe(long.title);
    expect(event.description).toBe(long.description);
  });

  it('keeps each UID across builds and hosts, and marks demo events 示例', () => {
    const again = parseWithPython(toIcs(entries.map((e) => icsEvent(e, 'https://other.example')), { stamp: new Date() }));
    expect(again.events.map((e) => e.uid)).toEqual(parsed.events.map((e) => e.uid));
    const demo = icsEvent({ ...entries[1], data: { ...entries[1].data, demo: true } }, SITE);
    expect(demo.title).toBe('【示例】行走党课');
    expect(demo.description.split('\n')[0]).toContain('示例');
  });
});
