import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGeoJsonTrack, parseGpxTrack, TrackError } from '../../src/lib/content/tracks.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/tracks/${name}`, import.meta.url), 'utf8');
const EXPECTED = [
  [121.43, 31.2],
  [121.431, 31.2005],
  [121.432, 31.201],
];

describe('track files', () => {
  it.each([
    'linestring.geojson',
    'feature-linestring.geojson',
    'collection-linestring.geojson',
    'feature-multilinestring.geojson',
    'collection-multilinestring.geojson',
  ])('reads %s as one line, parts joined in order', (name) => {
    expect(parseGeoJsonTrack(fixture(name))).toEqual({ line: EXPECTED });
  });

  it('keeps the datum a GeoJSON file declares for itself', () => {
    expect(parseGeoJsonTrack(fixture('feature-own-crs.geojson')).crs).toBe('gcj02');
  });

  it('reads every segment of a GPX track, ignoring elevation', () => {
    expect(parseGpxTrack(fixture('track.gpx'))).toEqual({ line: EXPECTED });
  });

  it('falls back to the GPX route when there is no track', () => {
    expect(parseGpxTrack(fixture('route.gpx'))).toEqual({ line: EXPECTED });
  });

  it.each([
    ['bad-empty-collection.geojson', /只含一个要素/],
    ['bad-point.geojson', /Point/],
    ['bad-swapped.geojson', /超出经纬度范围/],
    ['bad-json.geojson', /不是有效的 JSON/],
  ])('explains why %s cannot be used', (name, reason) => {
    expect(() => parseGeoJsonTrack(fixture(name))).toThrow(TrackError);
    expect(() => parseGeoJsonTrack(fixture(name))).toThrow(reason);
  });

  it.each([
    ['bad-missing-lon.gpx', /lat\/lon/],
    ['bad-xml.gpx', /XML 格式错误/],
    ['bad-not-gpx.gpx', /<gpx>/],
  ])('explains why %s cannot be used', (name, reason) => {
    expect(() => parseGpxTrack(fixture(name))).toThrow(reason);
  });
});
