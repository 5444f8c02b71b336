/**
 * The GPX and GeoJSON writers: their output is read back with the site's own
 * track parsers (src/lib/content/tracks.ts) and an XML parser, and compared with
 * what went in.
 */
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { type DownloadRoute, type DownloadStop, downloadInput, SCHEMATIC_NOTE, toGeoJson, toGpx } from '../../../src/lib/learners/downloads.ts';
import { loadContent } from '../../../src/lib/content/load.ts';
import { parseGeoJsonTrack, parseGpxTrack } from '../../../src/lib/content/tracks.ts';

const route: DownloadRoute = {
  id: 'walk',
  title: '武康路 <漫步> & “红色”足迹',
  line: [
    [121.4371234, 31.2051234],
    [121.4380001, 31.2060009],
    [121.4392, 31.2071],
  ],
  schematic: false,
  url: 'https://example.gov.cn/red/routes/walk/',
  summary: '一条测试路线',
};
const stops: DownloadStop[] = [
  { id: 'a', name: '武康大楼', point: [121.4371, 31.2051], order: 1, kind: 'buildings', task: '原名叫什么？', url: 'https://example.gov.cn/red/buildings/a/' },
  { id: 'b', name: '站点 "B"', point: [121.4392, 31.2071], order: 2, kind: 'stations' },
];

function parseXml(text: string): Document {
  return new DOMParser().parseFromString(text, 'text/xml') as unknown as Document;
}

const closeTo = (actual: number[][], expected: number[][]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((p, i) => {
    expect(p[0]).toBeCloseTo(expected[i][0], 7);
    expect(p[1]).toBeCloseTo(expected[i][1], 7);
  });
};

describe('toGpx', () => {
  const gpx = toGpx(route, stops);
  const doc = parseXml(gpx);

  it('reads back as the same track with the site parser', () => {
    closeTo(parseGpxTrack(gpx).line, route.line);
  });

  it('has a named waypoint per stop, in walking order, with its task and link', () => {
    const wpts = Array.from(doc.getElementsByTagName('wpt'));
    expect(wpts.map((w) => w.getElementsByTagName('name')[0].textContent)).toEqual(['武康大楼', '站点 "B"']);
    expect(wpts.map((w) => w.getElementsByTagName('cmt')[0].textContent)).toEqual(['第 1 站', '第 2 站']);
    expect(wpts.map((w) => [Number(w.getAttribute('lon')), Number(w.getAttribute('lat'))])).toEqual(stops.map((s) => s.point));
    expect(wpts[0].getElementsByTagName('desc')[0].textContent).toBe('原名叫什么？');
    expect(wpts[0].getElementsByTagName('link')[0].getAttribute('href')).toBe(stops[0].url);
    expect(wpts[1].getElementsByTagName('desc')).toHaveLength(0);
  });

  it('is GPX 1.1 in its namespace, metadata first and waypoints before the track, as the schema orders them', () => {
    const root = doc.documentElement;
    expect(root.namespaceURI).toBe('http://www.topografix.com/GPX/1/1');
    expect(root.getAttribute('version')).toBe('1.1');
    const order = Array.from(root.childNodes)
      .filter((n) => n.nodeType === 1)
      .map((n) => (n as Element).localName);
    expect(order).toEqual(['metadata', 'wpt', 'wpt', 'trk']);
    expect(doc.getElementsByTagName('metadata')[0].getElementsByTagName('name')[0].textContent).toBe(route.title);
  });

  it('marks a schematic route in the track, so apps do not present it as a path', () => {
    const schematic = parseXml(toGpx({ ...route, schematic: true }, stops));
    const trk = schematic.getElementsByTagName('trk')[0];
    expect(trk.getElementsByTagName('type')[0].textContent).toBe('schematic');
    expect(trk.getElementsByTagName('desc')[0].textContent).toBe(SCHEMATIC_NOTE);
    expect(doc.getElementsByTagName('trk')[0].getElementsByTagName('type')[0].textContent).toBe('walking');
  });
});

describe('toGeoJson', () => {
  const json = JSON.parse(toGeoJson(route, stops));

  it('is a FeatureCollection of the line and then one point per stop, without a crs member (RFC 7946: WGS-84)', () => {
    expect(json.type).toBe('FeatureCollection');
    expect(json.crs).toBeUndefined();
    expect(json.features.map((f: { geometry: { type: string } }) => f.geometry.type)).toEqual(['LineString', 'Point', 'Point']);
  });

  it('reads back as the same line with the site parser', () => {
    closeTo(parseGeoJsonTrack(JSON.stringify(json.features[0])).line, route.line);
  });

  it('gives each stop its name, order and position', () => {
    const points = json.features.slice(1);
    expect(points.map((f: { properties: object }) => f.properties)).toEqual([
      { name: '武康大楼', order: 1, id: 'a', role: 'stop', kind: 'buildings', task: '原名叫什么？', url: stops[0].url },
      { name: '站点 "B"', order: 2, id: 'b', role: 'stop', kind: 'stations' },
    ]);
    expect(points.map((f: { geometry: { coordinates: number[] } }) => f.geometry.coordinates)).toEqual(stops.map((s) => s.point));
  });

  it('flags a schematic route in the line properties', () => {
    expect(json.features[0].properties).toMatchObject({ name: route.title, schematic: false });
    const schematic = JSON.parse(toGeoJson({ ...route, schematic: true }, stops));
    expect(schematic.features[0].properties).toMatchObject({ schematic: true, description: SCHEMATIC_NOTE });
  });
});

describe('downloadInput on the sample content', () => {
  const content = loadContent(new URL('../../../content', import.meta.url).pathname);

  it.each(content.routes.map((r) => [r.id, r] as const))('%s round-trips through both files', (_id, entry) => {
    const { route: r, stops: s } = downloadInput(entry, 'https://example.gov.cn');
    expect(r.url).toBe(`https://example.gov.cn/routes/${entry.id}/`);
    expect(s.map((stop) => stop.name)).toEqual(entry.stops.map((stop) => stop.name));
    closeTo(parseGpxTrack(toGpx(r, s)).line, entry.line);
    const geo = JSON.parse(toGeoJson(r, s));
    closeTo(parseGeoJsonTrack(JSON.stringify(geo.features[0])).line, entry.line);
    expect(geo.features[0].properties.schematic).toBe(entry.schematic);
  });
});
