/**
 * Synthetic content in the contract format, for benchmarks: city-sized
 * station networks and routes, reproducible from a seed. Never used as sample
 * content: every entry says it is generated.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { METRES_PER_DEGREE } from '../../src/lib/geo/distance.ts';
import { seededRandom } from '../lib/random.ts';

export interface GenerateOptions {
  stations: number;
  routes: number;
  /** Length of each route, metres. */
  routeLengthM: number;
  /** Buildings besides the two at each route's ends. */
  extraBuildings?: number;
  /** Side of the square area, metres. */
  sideM?: number;
  centre?: [number, number];
  seed?: number;
  /** Body text per entry, to make build benchmarks realistic. */
  bodies?: boolean;
  /**
   * Put one of the stations at each end of every route, so that every stop is
   * covered and the content passes the checks (a build refuses content with errors).
   */
  coverStops?: boolean;
}

const BODY = '这是为性能测试自动生成的条目，并非真实地点。'.repeat(6);

/**
 * Writes a content directory and returns its path.
 *
 * @example
 * generateContent('/tmp/city', { stations: 10_000, routes: 1_000, routeLengthM: 5_000 })
 */
export function generateContent(dir: string, options: GenerateOptions): string {
  const {
    stations,
    routes,
    routeLengthM,
    extraBuildings = 0,
    sideM = 100_000,
    centre = [121.47, 31.23],
    seed = 42,
    bodies = false,
    coverStops = false,
  } = options;
  const rand = seededRandom(seed);
  const mPerLng = METRES_PER_DEGREE * Math.cos((centre[1] * Math.PI) / 180);
  const toLngLat = (x: number, y: number): [number, number] => [
    +(centre[0] + x / mPerLng).toFixed(6),
    +(centre[1] + y / METRES_PER_DEGREE).toFixed(6),
  ];
  const randomXY = () => [(rand() - 0.5) * sideM, (rand() - 0.5) * sideM];
  const body = bodies ? `\n${BODY}\n` : '';

  rmSync(dir, { recursive: true, force: true });
  for (const c of ['stations', 'buildings', 'routes']) mkdirSync(path.join(dir, c), { recursive: true });
  const tiers = ['neighborhood', 'building', 'park'];
  let stationCount = 0;
  const station = ([lng, lat]: [number, number]) => {
    const i = stationCount++;
    writeFileSync(
      path.join(dir, 'stations', `s${i}.md`),
      `---\nname: 生成站点 ${i}\ntier: ${tiers[i % 3]}\nlocation: { lng: ${lng}, lat: ${lat} }\ndemo: true\n---\n${body}`,
    );
  };
  const building = (id: string, [lng, lat]: [number, number]) =>
    writeFileSync(
      path.join(dir, 'buildings', `${id}.md`),
      `---\nname: 生成建筑 ${id}\nlocation: { lng: ${lng}, lat: ${lat} }\ndemo: true\n---\n${body}`,
    );
  for (let i = 0; i < extraBuildings; i++) building(`b${i}`, toLngLat(...(randomXY() as [number, number])));
  const stepM = 100;
  for (let r = 0; r < routes; r++) {
    let [x, y] = randomXY();
    let heading = rand() * 2 * Math.PI;
    const line: [number, number][] = [toLngLat(x, y)];
    for (let walked = 0; walked < routeLengthM; walked += stepM) {
      heading += (rand() - 0.5) * 0.8;
      x += Math.cos(heading) * stepM;
      y += Math.sin(heading) * stepM;
      line.push(toLngLat(x, y));
    }
    building(`r${r}-start`, line[0]);
    building(`r${r}-end`, line[line.length - 1]);
    if (coverStops) {
      station(line[0]);
      station(line[line.length - 1]);
    }
    writeFileSync(path.join(dir, 'routes', `r${r}.geojson`), JSON.stringify({ type: 'LineString', coordinates: line }));
    writeFileSync(
      path.join(dir, 'routes', `r${r}.md`),
      `---\ntitle: 生成路线 ${r}\nstops: [r${r}-start, r${r}-end]\npath: r${r}.geojson\nallowGaps: true\ndemo: true\n---\n${body}`,
    );
  }
  while (stationCount < stations) station(toLngLat(...(randomXY() as [number, number])));
  return dir;
}
