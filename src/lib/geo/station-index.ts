/**
 * A spatial index over service stations, each with its own circle radius.
 * Nearest-neighbour search is geokdbush's great-circle `around` on a kdbush
 * tree: ranking raw degrees (as flatbush or kdbush alone would) ignores cos φ
 * and picks the wrong station several percent of the time in Shanghai.
 */
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import type { LngLat } from '../content/model.ts';
import { EARTH_RADIUS_M, flatDistanceM, haversineCoords, METRES_PER_DEGREE, pointToSegment, projectOnSegment } from './distance.ts';

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

/**
 * The stations that matter for points close to one spot, so that testing
 * many such points (the samples of a piece of line) costs a few
 * multiplications per candidate and allocates nothing. Only valid for points
 * within the reach it was made for.
 */
export interface NearbyStations {
  /**
   * Whether any circle holds the point. The circle that held the previous
   * point is tried first; on a miss the circle holding the point deepest is
   * remembered, as the one a walker stays inside longest.
   */
  isCovered(lng: number, lat: number): boolean;
  /** Distance from the point to its nearest station, metres (Infinity without stations). */
  nearestDistanceM(lng: number, lat: number): number;
  /** Whether the circle remembered by `isCovered` holds every point within `reachM` of the point. */
  holdsDisc(lng: number, lat: number, reachM: number): boolean;
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
  /** Whether any circle holds the point; remembers the last covering station and tries it first. */
  isCovered(lng: number, lat: number): boolean;
  /** Position in `stations` of the closest station, -1 when there are none. */
  nearestIndex(lng: number, lat: number): number;
  /** The stations that can cover, or be nearest to, any point within `reachM` metres of `centre`. */
  near(centre: LngLat, reachM: number): NearbyStations;
  /** Every station whose circle the polyline enters or touches, each once. */
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

const RAD = Math.PI / 180;

/**
 * Builds the index. Radii must be positive; the stations array is kept, not
 * copied, so hits return the caller's own objects.
 *
 * @example
 * const index = createStationIndex([
 *   { id: 'tianping', point: [121.4386, 31.2052], radius: 500 },
 *   { id: 'park', point: [121.4300, 31.2100], radius: 1500 },
 * ]);
 * index.nearest([121.4386, 31.1992])?.station.id  // 'tianping' (667 m)
 * index.covering([121.4386, 31.1992])?.station.id // 'park' (1453 m, inside its 1500 m circle)
 */
export function createStationIndex<S extends CircleStation>(
  stations: readonly S[],
  options: StationIndexOptions = {},
): StationIndex<S> {
  const chunkM = options.chunkM ?? 250;
  const n = stations.length;
  const circles = circleArrays(stations);
  const { lngs, lats, radii } = circles;
  const maxRadiusM = radii.reduce((max, r) => Math.max(max, r), 0);
  const tree = new KDBush(Math.max(n, 1));
  for (let i = 0; i < n; i++) tree.add(lngs[i], lats[i]);
  // kdbush refuses an empty tree; every method returns early when n is 0,
  // so this placeholder is never read.
  if (n === 0) tree.add(0, 0);
  tree.finish();
  let lastCovering = -1;

  /**
   * Stations whose circle holds the point, closest first. A box search, not
   * geokdbush: `around` with a filter walks the whole tree when nothing
   * passes the filter, because it stops only on popping a point beyond the
   * distance limit and filtered points never enter its queue.
   */
  function coveringIds(lng: number, lat: number): number[] {
    if (n === 0) return [];
    const box = boxAround([lng, lat, lng, lat], maxRadiusM + 1);
    const lngR = lng * RAD;
    const latR = lat * RAD;
    const cosQuery = Math.cos(latR);
    const found: { i: number; h: number }[] = [];
    for (const i of tree.range(box[0], box[1], box[2], box[3])) {
      const h = havDistance(circles, i, lngR, latR, cosQuery);
      if (h <= circles.havRadius[i]) found.push({ i, h });
    }
    return found.sort((a, b) => a.h - b.h).map((f) => f.i);
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
    const ids = coveringIds(lng, lat);
    if (ids.length === 0) return false;
    lastCovering = ids[0];
    return true;
  }

  function near(centre: LngLat, reachM: number): NearbyStations {
    if (n === 0) return nearbyStations(() => new Uint32Array(0), circles, -1);
    const [x, y] = centre;
    const j = nearestIndex(x, y);
    const closestM = haversineCoords(x, y, lngs[j], lats[j]);
    // For a point p within reach of the centre c, a station covering p lies
    // within its own radius + reach of c, and p's nearest station within
    // d(c) + 2·reach of c (triangle inequality twice); no other station can
    // change an answer about p.
    const candidates = () => {
      const nearestM = closestM + 2 * reachM + 1;
      const ids = rangeAround(x, y, Math.max(maxRadiusM + reachM + 1, nearestM));
      const kept = ids.filter((i) => {
        const d = haversineCoords(x, y, lngs[i], lats[i]);
        return d <= nearestM || d <= radii[i] + reachM + 1;
      });
      return Uint32Array.from(kept);
    };
    // The nearest station is the first circle to try: where it holds the
    // whole neighbourhood, the candidate list is never needed.
    return nearbyStations(candidates, circles, closestM <= radii[j] ? j : -1);
  }

  function rangeAround(lng: number, lat: number, marginM: number): number[] {
    const box = boxAround([lng, lat, lng, lat], marginM);
    return tree.range(box[0], box[1], box[2], box[3]);
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
    for (;;) {
      const end = chunkEnd(line, start, chunkM);
      const bounds = pieceBounds(line, start, end);
      const box = boxAround(bounds, maxRadiusM + 1);
      for (const i of tree.range(box[0], box[1], box[2], box[3])) {
        if (seen[i] === generation || !pieceEntersCircle(line, start, end, bounds, i)) continue;
        seen[i] = generation;
        found.push(stations[i]);
      }
      if (end === line.length - 1) return found;
      start = end;
    }
  }

  /**
   * Whether vertices start..end (bounds in degrees) come within station i's
   * radius. Decided on a flat plane around the station, which is exact to
   * centimetres within a few kilometres of it, unless the answer is within a
   * metre or 0.1 % of the radius; there the great-circle distance settles it.
   */
  function pieceEntersCircle(line: readonly LngLat[], start: number, end: number, bounds: number[], i: number): boolean {
    const x = lngs[i];
    const y = lats[i];
    const kx = circles.cosLat[i];
    const r = radii[i];
    const sure = r * 0.999 - 1;
    const unsure = r * 1.001 + 1;
    // Most candidates are out of reach of the piece's whole bounding box.
    const bx = Math.max(bounds[0] - x, 0, x - bounds[2]) * kx * METRES_PER_DEGREE;
    const by = Math.max(bounds[1] - y, 0, y - bounds[3]) * METRES_PER_DEGREE;
    if (bx * bx + by * by > unsure * unsure) return false;
    // A lone vertex is tested as a segment of zero length.
    for (let v = start; v < Math.max(start + 1, end); v++) {
      const a = line[v];
      const b = line[Math.min(v + 1, end)];
      const d = flatDistanceM(x, y, kx, a, b, projectOnSegment(x, y, kx, a, b));
      if (d <= sure) return true;
      if (d <= unsure && pointToSegment(stations[i].point, a, b).distanceM <= r) return true;
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
      const ids = coveringIds(point[0], point[1]);
      return ids.length === 0 ? undefined : hit(ids[0], point);
    },
    coveringAll(point) {
      return coveringIds(point[0], point[1]).map((i) => stations[i]);
    },
    isCovered,
    nearestIndex,
    near,
    alongLine,
  };
}

/** Station centres and radii in flat arrays, with what haversine comparisons need precomputed. */
interface CircleArrays {
  lngs: Float64Array;
  lats: Float64Array;
  radii: Float64Array;
  lngR: Float64Array;
  latR: Float64Array;
  cosLat: Float64Array;
  /** hav(radius / R): a point is inside when its hav(distance / R) is at most this. */
  havRadius: Float64Array;
}

function circleArrays(stations: readonly CircleStation[]): CircleArrays {
  const n = stations.length;
  const out: CircleArrays = {
    lngs: new Float64Array(n),
    lats: new Float64Array(n),
    radii: new Float64Array(n),
    lngR: new Float64Array(n),
    latR: new Float64Array(n),
    cosLat: new Float64Array(n),
    havRadius: new Float64Array(n),
  };
  stations.forEach((s, i) => {
    out.lngs[i] = s.point[0];
    out.lats[i] = s.point[1];
    out.radii[i] = s.radius;
    out.lngR[i] = s.point[0] * RAD;
    out.latR[i] = s.point[1] * RAD;
    out.cosLat[i] = Math.cos(out.latR[i]);
    out.havRadius[i] = hav(s.radius / EARTH_RADIUS_M);
  });
  return out;
}

/** hav(d / R) between station i and a query point given in radians with its cos φ. */
function havDistance(c: CircleArrays, i: number, lngR: number, latR: number, cosQuery: number): number {
  const sLat = Math.sin((latR - c.latR[i]) / 2);
  const sLng = Math.sin((lngR - c.lngR[i]) / 2);
  return sLat * sLat + cosQuery * c.cosLat[i] * sLng * sLng;
}

/**
 * The candidates of `near`, listed only when first needed and compared in
 * haversine space: a point is inside a circle when hav(d/R) ≤ hav(r/R), so
 * no square root or arcsine is taken per station. `first` is the circle to
 * try before any other (-1 for none).
 */
function nearbyStations(list: () => Uint32Array, circles: CircleArrays, first: number): NearbyStations {
  let ids: Uint32Array | undefined;
  let last = first;
  return {
    isCovered(lngDeg, latDeg) {
      const lng = lngDeg * RAD;
      const lat = latDeg * RAD;
      const cosQuery = Math.cos(lat);
      if (last >= 0 && havDistance(circles, last, lng, lat, cosQuery) <= circles.havRadius[last]) return true;
      ids ??= list();
      let deepest = 0;
      last = -1;
      for (let k = 0; k < ids.length; k++) {
        const depth = circles.havRadius[ids[k]] - havDistance(circles, ids[k], lng, lat, cosQuery);
        if (depth >= deepest) {
          deepest = depth;
          last = ids[k];
        }
      }
      return last >= 0;
    },
    nearestDistanceM(lngDeg, latDeg) {
      const lng = lngDeg * RAD;
      const lat = latDeg * RAD;
      const cosQuery = Math.cos(lat);
      ids ??= list();
      let least = Infinity;
      for (let k = 0; k < ids.length; k++) {
        const h = havDistance(circles, ids[k], lng, lat, cosQuery);
        if (h < least) least = h;
      }
      return least === Infinity ? Infinity : 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(least)));
    },
    holdsDisc(lng, lat, reachM) {
      return last >= 0 && haversineCoords(lng, lat, circles.lngs[last], circles.lats[last]) + reachM <= circles.radii[last];
    },
  };
}

function hav(theta: number): number {
  const s = Math.sin(theta / 2);
  return s * s;
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

/** Bounds of vertices start..end: [minLng, minLat, maxLng, maxLat]. */
function pieceBounds(line: readonly LngLat[], start: number, end: number): number[] {
  const bounds = [Infinity, Infinity, -Infinity, -Infinity];
  for (let v = start; v <= end; v++) {
    const [lng, lat] = line[v];
    bounds[0] = Math.min(bounds[0], lng);
    bounds[1] = Math.min(bounds[1], lat);
    bounds[2] = Math.max(bounds[2], lng);
    bounds[3] = Math.max(bounds[3], lat);
  }
  return bounds;
}

/** A box in degrees holding everything within `marginM` of `box`; both [minLng, minLat, maxLng, maxLat]. */
function boxAround([minLng, minLat, maxLng, maxLat]: number[], marginM: number): number[] {
  const dLat = marginM / METRES_PER_DEGREE;
  // Longitude degrees shrink towards the pole, so size the margin at the
  // box's most poleward latitude to stay on the generous side.
  const poleward = Math.min(89, Math.max(Math.abs(minLat), Math.abs(maxLat)) + dLat);
  const dLng = dLat / Math.cos(poleward * RAD);
  return [minLng - dLng, minLat - dLat, maxLng + dLng, maxLat + dLat];
}
