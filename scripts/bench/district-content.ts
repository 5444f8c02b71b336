/**
 * The whole district as a content directory, for the district benchmark:
 * the district outline and its 13 街镇 from OpenStreetMap (copies of
 * shared/reference/ in tests/fixtures/district/, ODbL) and the 11 sourced
 * party-service sites (GCJ-02 as Amap gives them), plus one illustrative
 * station at a vertex-average point of each 街镇 that has no sourced one, so
 * that every 街镇 has a centre as in "1+13+X". Never sample content.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toWgs84 } from '../../src/lib/geo/coords.ts';
import { createAreaTest } from '../../src/lib/geo/contains.ts';

const FIXTURES = new URL('../../tests/fixtures/district/', import.meta.url);

/** 街镇 ids by OSM name, pinyin as the sample content will use them. */
export const SUBDISTRICT_IDS: Record<string, string> = {
  天平路街道: 'tianping',
  湖南路街道: 'hunan',
  斜土路街道: 'xietu',
  枫林路街道: 'fenglin',
  长桥街道: 'changqiao',
  田林街道: 'tianlin',
  虹梅路街道: 'hongmei',
  康健新村街道: 'kangjian',
  徐家汇街道: 'xujiahui',
  凌云路街道: 'lingyun',
  龙华街道: 'longhua',
  漕河泾街道: 'caohejing',
  华泾镇: 'huajing',
};

const TIER_OF_KIND: Record<string, string> = {
  centre: 'subdistrict',
  'other party-service site': 'neighborhood',
  'speech-site proxy': 'building',
};

/**
 * Writes the district content and returns its directory.
 *
 * @example
 * writeDistrictContent('/tmp/xuhui') // '/tmp/xuhui' with regions/ (14 files) and stations/ (~15)
 */
export function writeDistrictContent(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'regions'), { recursive: true });
  mkdirSync(path.join(dir, 'stations'), { recursive: true });
  const district = JSON.parse(readFileSync(new URL('xuhui-district.geojson', FIXTURES), 'utf8'));
  writeFileSync(path.join(dir, 'regions', 'xuhui.geojson'), JSON.stringify(district));
  const subdistricts = JSON.parse(readFileSync(new URL('xuhui-subdistricts.geojson', FIXTURES), 'utf8')).features;
  const tests = subdistricts.map((f: { geometry: never }) => createAreaTest(f.geometry));
  for (const f of subdistricts) {
    const feature = { ...f, properties: { ...f.properties, parent: 'xuhui' } };
    writeFileSync(path.join(dir, 'regions', `${SUBDISTRICT_IDS[f.properties.name]}.geojson`), JSON.stringify(feature));
  }

  const rows = readFileSync(new URL('party-service-sites.csv', FIXTURES), 'utf8').trim().split('\n').slice(1);
  const hasCentre = new Set<number>();
  rows.forEach((row, i) => {
    const [name, , lng, lat, crs, kind] = row.split(',');
    const tier = TIER_OF_KIND[kind] ?? 'neighborhood';
    const at = subdistricts.findIndex((_: unknown, s: number) => tests[s](toWgs84([Number(lng), Number(lat)], crs as 'gcj02')));
    if (tier === 'subdistrict' && at >= 0) hasCentre.add(at);
    writeStation(dir, `site-${i + 1}`, name, tier, `{ lng: ${lng}, lat: ${lat}, crs: ${crs} }`);
  });
  subdistricts.forEach((f: { properties: { name: string }; geometry: { coordinates: number[][][][] } }, s: number) => {
    if (hasCentre.has(s)) return;
    const ring = f.geometry.coordinates[0][0];
    const lng = ring.reduce((sum, p) => sum + p[0], 0) / ring.length;
    const lat = ring.reduce((sum, p) => sum + p[1], 0) / ring.length;
    writeStation(dir, `demo-${SUBDISTRICT_IDS[f.properties.name]}`, `${f.properties.name}社区党群服务中心（示例）`, 'subdistrict', `{ lng: ${lng.toFixed(6)}, lat: ${lat.toFixed(6)} }`);
  });
  return dir;
}

function writeStation(dir: string, id: string, name: string, tier: string, location: string): void {
  writeFileSync(path.join(dir, 'stations', `${id}.md`), `---\nname: ${name}\ntier: ${tier}\nlocation: ${location}\n---\n`);
}
