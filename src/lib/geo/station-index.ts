/**
 * A spatial index over service stations, each with its own circle radius.
 * Nearest-neighbour search is geokdbush's great-circle `around` on a kdbush
 * tree: ranking raw degrees (as flatbush or kdbush alone would) ignores cos φ
 * and picks the wrong station several percent of the time in Shanghai.
 */
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import type { LngLat } from '../model.ts';
import { haversineCoords, METRES_PER_DEGREE, pointToSegment } from './distance.ts';

/** What the index needs to know about a station. */
export interface CircleStation {
  id: string;
  /** Centre, WGS-84. */
  point: LngLat;
  /** Radius of the service circle, metres. */
  radius: number;
}

export interface StationHit<S> {
  station: S;
  /** Great-circle distance from the query point to the station, metres. */
  distanceM: number;
}

export interface StationIndex<S extends CircleStation> {
  readonly stations: readonly S[];
  /** The largest radius of any station, metres (0 when there are none). */
  readonly maxRadiusM: number;
  /** The closest station by distance, whatever its radius. */
  nearest(point: LngLat): StationHit<S> | undefined;
  /** The closest station whose circle holds the point. */
  covering(point: LngLat): StationHit<S> | undefined;
  /** Every station whose circle holds the point, closest first. */
  coveringAll(point: LngLat): S[];
  /**
   * Whether any circle holds the point. Built for walking along a line: the
   * station that covered the previous query is tried first, which answers
   * most samples with one distance and no allocation.
   */
  isCovered(lng: number, lat: number): boolean;
  /** Position in `stations` of the closest station, -1 when there are none. */
  nearestIndex(lng: number, lat: number): number;
  /** Every station whose circle the polyline enters or touches, in first-met order. */
  alongLine(line: readonly LngLat[]): S[];
}

export interface StationIndexOptions {
  /**
   * Length of the pieces `alongLine` cuts a line into before asking the tree
   * for stations around each piece's box, metres. Default 250: short enough
   * that a box around a diagonal piece holds few stations out of reach.
   */
  chunkM?: number;
}

/**
 * Builds the index. Radii must be positive; the stations array is kept, not
 * copied, so hits return the caller's own objects.
 *
 * @example
 * const index = createStationIndex([
 *   { id: 'tianping', point: [121.4386, 31.2052], radius: 500 },
 *   { id: 'xujiahui', point: [121.4365, 31.1915], radius: 500 },
 * ]);
 * index.nearest([121.437, 31.2])?.station.id // 'tianping'
 * index.covering([121.437, 31.2])?.distanceM // ≈ 595.5? no: ≈ 584 → undefined when outside every circle
 */
export function createStationIndex<S extends CircleStation>(
  stations: readonly S[],
  options: StationIndexOptions = {},
): StationIndex<S> {
  const chunkM = options.chunkM ?? 250;
  const n = stations.length;
  const lngs = new Float64Array(n);
  const lats = new Float64Array(n);
  const radii = new Float64Array(n);
  let maxRadiusM = 0;
  const tree = new KDBush(Math.max(n, 1));
  for (let i = 0; i < n; i++) {
    const s = stations[i];
    lngs[i] = s.point[0];
    lats[i] = s.point[1];
    radii[i] = s.radius;
    if (s.radius > maxRadiusM) maxRadiusM = s.radius;
    tree.add(lngs[i], lats[i]);
  }
  // kdbush refuses an empty tree; a dummy point that nothing ever reads keeps
  // every method free of special cases except the early returns below.
  if (n === 0) tree.add(0, 0);
  tree.finish();

  // geokdbush's sphere is 6371 km, ours 6371.0088 km: a metre of slack keeps
  // its cut-off from dropping a station our own distance would accept.
  const searchKm = (maxRadiusM + 1) / 1000;
  let queryLng = 0;
  let queryLat = 0;
  // Allocated once, so the per-sample search creates no closure.
  const coversQuery = (i: number) => haversineCoords(queryLng, queryLat, lngs[i], lats[i]) <= radii[i];
  let lastCovering = -1;

  function coveringIds(lng: number, lat: number, maxResults: number): number[] {
    if (n === 0) return [];
    queryLng = lng;
    queryLat = lat;
    return around(tree, lng, lat, maxResults, searchKm, coversQuery);
  }

  function hit(i: number, point: LngLat): StationHit<S> {
    return { station: stations[i], distanceM: haversineCoords(point[0], point[1], lngs[i], lats[i]) };
  }

  function nearestIndex(lng: number, lat: number): number {
    return n === 0 ? -1 : around(tree, lng, lat, 1)[0];
  }

  function isCovered(lng: number, lat: number): boolean {
    if (lastCovering >= 0 && haversineCoords(lng, lat, lngs[lastCovering], lats[lastCovering]) <= radii[lastCovering]) {
      return true;
    }
    const ids = coveringIds(lng, lat, 1);
    if (ids.length === 0) return false;
    lastCovering = ids[0];
    return true;
  }

  // Generation stamps mark stations already found by `alongLine` without
  // clearing an array per line.
  const seen = new Uint32Array(n);
  let generation = 0;

  function alongLine(line: readonly LngLat[]): S[] {
    const found: S[] = [];
    if (n === 0 || line.length === 0) return found;
    generation++;
    let start = 0;
    while (start < line.length) {
      const end = chunkEnd(line, start, chunkM);
      const box = expandedBox(line, start, end, maxRadiusM + 1);
      for (const i of tree.range(box[0], box[1], box[2], box[3])) {
        if (seen[i] === generation) continue;
        if (!nearPiece(line, start, end, i)) continue;
        seen[i] = generation;
        found.push(stations[i]);
      }
      if (end === line.length - 1) break;
      start = end;
    }
    return found;
  }

  function nearPiece(line: readonly LngLat[], start: number, end: number, i: number): boolean {
    const centre = stations[i].point;
    if (start === end) return haversineCoords(centre[0], centre[1], line[start][0], line[start][1]) <= radii[i];
    for (let v = start; v < end; v++) {
      if (pointToSegment(centre, line[v], line[v + 1]).distanceM <= radii[i]) return true;
    }
    return false;
  }

  return {
    stations,
    maxRadiusM,
    nearest(point) {
      const i = nearestIndex(point[0], point[1]);
      return i < 0 ? undefined : hit(i, point);
    },
    covering(point) {
      const ids = coveringIds(point[0], point[1], 1);
      return ids.length === 0 ? undefined : hit(ids[0], point);
    },
    coveringAll(point) {
      return coveringIds(point[0], point[1], Infinity).map((i) => stations[i]);
    },
    isCovered,
    nearestIndex,
    alongLine,
  };
}

/** Last vertex of the piece starting at `start` that is about `chunkM` long (at least one segment). */
function chunkEnd(line: readonly LngLat[], start: number, chunkM: number): number {
  let end = start;
  let walkedM = 0;
  while (end + 1 < line.length) {
    walkedM += haversineCoords(line[end][0], line[end][1], line[end + 1][0], line[end + 1][1]);
    end++;
    if (walkedM >= chunkM) break;
  }
  return end;
}

/** Bounding box of vertices start..end grown by `marginM` on every side: [minLng, minLat, maxLng, maxLat]. */
function expandedBox(line: readonly LngLat[], start: number, end: number, marginM: number): number[] {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (let v = start; v <= end; v++) {
    const [lng, lat] = line[v];
    if (lng < minLng) minLng = lng;
    if (lng > maxLng) maxLng = lng;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  }
  const dLat = marginM / METRES_PER_DEGREE;
  // Longitude degrees shrink towards the pole, so size the margin at the
  // box's most poleward latitude to stay on the generous side.
  const poleward = Math.min(89, Math.max(Math.abs(minLat), Math.abs(maxLat)) + dLat);
  const dLng = dLat / Math.cos((poleward * Math.PI) / 180);
  return [minLng - dLng, minLat - dLat, maxLng + dLng, maxLat + dLat];
}
