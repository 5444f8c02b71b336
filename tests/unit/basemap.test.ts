/**
 * The content folder's basemap layers: loading and checking
 * `basemap/roads.geojson` and `basemap/transit.geojson` (faults name the
 * file and the feature's index), and the nearest metro station against
 * distances worked out by hand. Fixtures are made up
 * (tests/fixtures/basemap/README.md).
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  basemapCredits,
  lineNames,
  metroSentence,
  nearestMetro,
  roadClass,
  roughDistance,
  type TransitLayer,
} from '../../src/lib/content/basemap.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { toWgs84 } from '../../src/lib/geo/coords.ts';
import { METRES_PER_DEGREE } from '../../src/lib/geo/distance.ts';

const fixture = (name: string) => loadContent(path.resolve('tests/fixtures/basemap', name, 'content'));

/** A content folder holding only a transit file with these stations. */
function transitOf(stations: { name: string; lines: string[]; at: [number, number] }[]): TransitLayer {
  const dir = mkdtempSync(path.join(tmpdir(), 'transit-'));
  mkdirSync(path.join(dir, 'basemap'));
  const features = stations.map((s) => ({
    type: 'Feature',
    properties: { name: s.name, lines: s.lines },
    geometry: { type: 'Point', coordinates: s.at },
  }));
  writeFileSync(path.join(dir, 'basemap', 'transit.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
  const content = loadContent(dir);
  expect(content.problems).toEqual([]);
  return content.basemap.transit!;
}

describe('loading basemap files', () => {
  it('loads the sample streets and metro stations with their credits', () => {
    const { basemap, problems } = loadContent(path.resolve('content'));
    expect(problems.filter((p) => p.file.startsWith('basemap/'))).toEqual([]);
    expect(basemap.roads!.count).toBe(2433);
    expect(basemap.roads!.names.filter((n) => n !== '').length).toBe(1923);
    expect(basemap.transit!.stations).toHaveLength(35);
    expect(basemapCredits(basemap)).toEqual(['© OpenStreetMap contributors', '车站位置：MetroMapOpenMiniProgram（MIT）']);
  });

  it('names the file and the index of each faulty feature, and keeps the good ones', () => {
    const content = fixture('bad');
    const faults = content.problems.map((p) => `${p.code} ${p.file} ${p.field}`);
    expect(faults).toEqual(
      expect.arrayContaining([
        'basemap-invalid basemap/roads.geojson features[1].geometry.type',
        'coordinate-invalid basemap/roads.geojson features[2].geometry.coordinates[1][0]',
        'basemap-invalid basemap/roads.geojson features[4].properties.name',
        'basemap-invalid basemap/transit.geojson features[1].properties.name',
        'basemap-invalid basemap/transit.geojson features[2].geometry.type',
        'coordinate-invalid basemap/transit.geojson features[3].geometry.coordinates[1]',
      ]),
    );
    expect(content.problems).toHaveLength(6);
    expect(content.problems.every((p) => p.severity === 'error')).toBe(true);
    const far = content.problems.find((p) => p.field === 'features[2].geometry.coordinates[1][0]')!;
    expect(far.message).toContain('第 3 个要素（features[2]）');
    expect(far.message).toContain('经度应在 -180 到 180 之间');
    // The good street, the nameless MultiLineString (two parts) and the good station are kept.
    expect(content.basemap.roads!.count).toBe(3);
    expect(content.basemap.roads!.names).toEqual(['好路', '', '']);
    expect(content.basemap.transit!.stations.map((s) => s.name)).toEqual(['好站']);
  });

  it('refuses a file that is not a FeatureCollection, or not JSON, naming the file', () => {
    const problems = fixture('not-a-collection').problems.map((p) => `${p.code} ${p.file} ${p.field ?? ''} ${p.message}`);
    expect(problems).toEqual([
      expect.stringMatching(/^basemap-invalid basemap\/roads\.geojson type .*FeatureCollection/),
      expect.stringMatching(/^basemap-invalid basemap\/transit\.geojson {2}底图文件无法使用：不是有效的 JSON/),
    ]);
    // Each file's hint says how that file should look.
    const [roads, transit] = fixture('not-a-collection').problems;
    expect(roads.hint).toContain('LineString');
    expect(transit.hint).toContain('Point');
    expect(transit.hint).not.toContain('LineString');
  });

  it('refuses a roads file linked from outside the content folder, quoting none of it', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'outside-'));
    writeFileSync(path.join(outside, 'secret.txt'), 'root:x:0:0:root:/root:/bin/bash');
    const dir = mkdtempSync(path.join(tmpdir(), 'roads-link-'));
    mkdirSync(path.join(dir, 'basemap'));
    symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'basemap', 'roads.geojson'));
    const { problems, basemap } = loadContent(dir);
    expect(problems.map((p) => `${p.code} ${p.file}`)).toEqual(['path-outside-content basemap/roads.geojson']);
    expect(JSON.stringify(problems)).not.toContain('root:x');
    expect(basemap.roads).toBeUndefined();
  });

  it('locates a JSON syntax error by line and column without quoting the file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'roads-json-'));
    mkdirSync(path.join(dir, 'basemap'));
    writeFileSync(path.join(dir, 'basemap', 'roads.geojson'), '{"type": "FeatureCollection",\n secret-words }');
    const [only] = loadContent(dir).problems;
    expect(only.message).toMatch(/第 2 行/);
    expect(only.message).not.toContain('secret-words');
  });

  it('lists at most twenty faults of a broken file and counts the rest', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'roads-'));
    mkdirSync(path.join(dir, 'basemap'));
    const features = Array.from({ length: 50 }, () => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [121, 31] } }));
    writeFileSync(path.join(dir, 'basemap', 'roads.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
    const { problems } = loadContent(dir);
    expect(problems).toHaveLength(21);
    expect(problems.find((p) => p.field === 'features')!.message).toContain('另有 30 个要素有问题（共 50 个');
  });

  it('warns about other files in basemap/, which are not read', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'roads-'));
    mkdirSync(path.join(dir, 'basemap'));
    writeFileSync(path.join(dir, 'basemap', 'road.geojson'), '{}');
    const [warning] = loadContent(dir).problems;
    expect(warning).toMatchObject({ code: 'file-ignored', severity: 'warning', file: 'basemap/road.geojson' });
    expect(warning.hint).toContain('roads.geojson');
  });

  it('converts a file that declares crs gcj02 to WGS-84, and refuses a name too long for any street', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'transit-'));
    mkdirSync(path.join(dir, 'basemap'));
    const station = (name: string) => ({ type: 'Feature', properties: { name, lines: ['1'] }, geometry: { type: 'Point', coordinates: [121.439062, 31.204017] } });
    const features = [station('高德站'), station('长'.repeat(101))];
    writeFileSync(path.join(dir, 'basemap', 'transit.geojson'), JSON.stringify({ type: 'FeatureCollection', crs: 'gcj02', features }));
    const { basemap, problems } = loadContent(dir);
    expect(basemap.transit!.stations[0].point).toEqual(toWgs84([121.439062, 31.204017], 'gcj02'));
    expect(problems.map((p) => `${p.code} ${p.field}`)).toEqual(['basemap-invalid features[1].properties.name']);
  });

  it('sorts OpenStreetMap road classes into four widths', () => {
    expect(['motorway', 'trunk', 'primary', 'secondary', 'tertiary', 'primary_link', 'residential', 'living_street', undefined].map(roadClass)).toEqual([
      0, 0, 0, 1, 2, 2, 3, 3, 3,
    ]);
  });
});

describe('nearest metro station', () => {
  // Along a meridian a degree of latitude is exactly METRES_PER_DEGREE on the checker's sphere (111,194.9 m).
  const transit = transitOf([
    { name: '北站', lines: ['1', '10'], at: [121.44, 31.21] },
    { name: '南站', lines: ['浦江线'], at: [121.44, 31.19] },
    { name: '东站', lines: [], at: [121.46, 31.2] },
  ]);

  it('finds the station a hand-worked distance away', () => {
    // 0.003° north of 南站: 0.003 × 111,194.9 = 333.6 m; 北站 is 0.017° = 1,890 m away.
    const near = nearestMetro(transit, [121.44, 31.193])!;
    expect(near.station.name).toBe('南站');
    expect(near.distanceM).toBeCloseTo(0.003 * METRES_PER_DEGREE, 1);
    expect(near.distanceM).toBeCloseTo(333.6, 1);
    // 0.0005° south of 北站: 55.6 m.
    expect(nearestMetro(transit, [121.44, 31.2095])!.distanceM).toBeCloseTo(55.6, 1);
  });

  it('measures in metres, not degrees: a degree of longitude is shorter at 31° N', () => {
    // From (121.44, 31.2): 甲站 0.010° north = 1,111.9 m; 乙站 0.011° east = 0.011 × cos 31.2° (0.85537) × 111,194.9 = 1,046.2 m.
    // Nearest in raw degrees would be 甲站.
    const layer = transitOf([
      { name: '甲站', lines: ['1'], at: [121.44, 31.21] },
      { name: '乙站', lines: ['2'], at: [121.451, 31.2] },
    ]);
    const near = nearestMetro(layer, [121.44, 31.2])!;
    expect(near.station.name).toBe('乙站');
    expect(near.distanceM).toBeCloseTo(1046.2, 0);
  });

  it('says nothing when no station is within 5 km, or there is no transit file', () => {
    expect(nearestMetro(transit, [121.6, 31.2])).toBeUndefined();
    expect(nearestMetro(undefined, [121.44, 31.2])).toBeUndefined();
  });

  it('prints the sentence pages use, with the distance rounded and hedged', () => {
    expect(metroSentence(nearestMetro(transit, [121.44, 31.193])!)).toBe('最近地铁站：南站（浦江线），直线约 330 米');
    expect(metroSentence({ station: { name: '衡山路站', lines: ['1'], point: [0, 0] }, distanceM: 352 })).toBe(
      '最近地铁站：衡山路站（1 号线），直线约 350 米',
    );
    expect(metroSentence({ station: { name: '东站', lines: [], point: [0, 0] }, distanceM: 760.7 })).toBe('最近地铁站：东站，直线约 750 米');
  });

  it('rounds distances to 10 m, 50 m, then a tenth of a kilometre', () => {
    expect([3, 347, 612, 990, 1234, 4960].map(roughDistance)).toEqual([
      '约 10 米',
      '约 350 米',
      '约 600 米',
      '约 1.0 公里',
      '约 1.2 公里',
      '约 5.0 公里',
    ]);
    expect(lineNames(['1', '12', '浦江线'])).toBe('1 号线、12 号线、浦江线');
  });
});
