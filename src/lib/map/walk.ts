/**
 * "Walk this route" (走这条路线): where the walker is relative to the route,
 * computed on the phone from the page's map data. Positions are never sent
 * anywhere; these functions only compare them with the stops and circles.
 */
import { haversine, pointToLine } from '../geo/distance.ts';
import type { LngLat } from '../content/model.ts';
import { formatDistance } from '../learners/walking.ts';
import type { MapData } from './map-data.ts';

export interface WalkStop {
  n: number;
  name: string;
  point: LngLat;
  /** Where the stop meets the route, metres from its start. */
  alongM: number;
}

export interface WalkCircle {
  id: string;
  name: string;
  point: LngLat;
  radius: number;
}

export interface WalkPlan {
  line: LngLat[];
  stops: WalkStop[];
  circles: WalkCircle[];
}

export interface WalkStatus {
  /** How far along the route the walker's closest point on it is, metres. */
  alongM: number;
  /** Distance from the walker to the route, metres. */
  offRouteM: number;
  /** A stop within ARRIVED_M of the walker. */
  at: WalkStop | null;
  /** The next stop and its straight-line distance; null after the last one. */
  next: { stop: WalkStop; distanceM: number } | null;
  /** Every stop is behind the walker (or they stand at the last one). */
  finished: boolean;
  /** Circles holding the walker, nearest centre first. */
  inside: { circle: WalkCircle; distanceM: number }[];
  /** The nearest circle when none holds the walker. */
  nearest: { circle: WalkCircle; distanceM: number } | null;
}

/** Within this many metres of a stop, the walker has arrived. */
export const ARRIVED_M = 30;
/** Farther than this from the line, the walker is told how far off the route they are. */
export const OFF_ROUTE_M = 100;

/**
 * The route, its placed stops and the circles on a route page's map.
 *
 * @example
 * walkPlan(data).stops.map((s) => s.n) // [1, 2, 3, 4]
 */
export function walkPlan(data: MapData): WalkPlan {
  const plan: WalkPlan = { line: [], stops: [], circles: [] };
  for (const f of data.features.features) {
    const p = f.properties;
    if (p.role === 'route' && f.geometry.type === 'LineString') plan.line = f.geometry.coordinates as LngLat[];
    if (p.role === 'stop' && f.geometry.type === 'Point' && p.alongM !== null) {
      plan.stops.push({ n: p.n, name: p.name, point: f.geometry.coordinates as LngLat, alongM: p.alongM });
    }
    if (p.role === 'circle' && f.geometry.type === 'Point') {
      plan.circles.push({ id: p.id, name: p.name, point: f.geometry.coordinates as LngLat, radius: p.radius });
    }
  }
  return plan;
}

/**
 * Where the walker stands: the next stop is the first one not yet passed
 * along the route (a stop just behind, within ARRIVED_M, still counts as
 * reached, not as next), and the circles are tested by distance to their centres.
 *
 * @example
 * // Stops 乙 and 丙 1 km and 2 km up a straight route; 站点B's circle (500 m) centred 900 m up.
 * walkStatus(north(600), plan)
 * // { alongM: 600, offRouteM: 0, at: null, next: { stop: 乙, distanceM: 400 }, finished: false,
 * //   inside: [{ circle: 站点B, distanceM: 300 }], nearest: null }
 */
export function walkStatus(here: LngLat, plan: WalkPlan): WalkStatus {
  const position = plan.line.length > 0 ? pointToLine(here, plan.line) : { alongM: 0, distanceM: 0 };
  const at = plan.stops.find((s) => haversine(here, s.point) <= ARRIVED_M) ?? null;
  const ahead = plan.stops.find((s) => s !== at && s.n > (at?.n ?? 0) && s.alongM >= position.alongM - ARRIVED_M);
  const byDistance = plan.circles
    .map((circle) => ({ circle, distanceM: haversine(here, circle.point) }))
    .sort((a, b) => a.distanceM - b.distanceM);
  const inside = byDistance.filter((c) => c.distanceM <= c.circle.radius);
  return {
    alongM: position.alongM,
    offRouteM: position.distanceM,
    at,
    next: ahead ? { stop: ahead, distanceM: haversine(here, ahead.point) } : null,
    finished: plan.stops.length > 0 && !ahead,
    inside,
    nearest: inside.length === 0 ? (byDistance[0] ?? null) : null,
  };
}

/**
 * The status in one or more short Chinese sentences, for the live region.
 *
 * @example
 * describeWalk(walkStatus(north(600), plan), 12)
 * // '下一站：第 2 站 乙，直线约 400 米。你在“站点B”服务圈内（距站点 300 米）。定位精度约 12 米。'
 */
export function describeWalk(status: WalkStatus, accuracyM?: number): string {
  const parts: string[] = [];
  if (status.at) parts.push(`你已到达第 ${status.at.n} 站 ${status.at.name}。`);
  if (status.next) {
    parts.push(`下一站：第 ${status.next.stop.n} 站 ${status.next.stop.name}，直线约 ${formatDistance(status.next.distanceM)}。`);
  } else if (status.finished) {
    parts.push(status.at ? '这是路线的最后一站。' : '你已走过路线的最后一站。');
  }
  if (status.offRouteM > OFF_ROUTE_M) parts.push(`你离路线约 ${formatDistance(status.offRouteM)}。`);
  if (status.inside.length > 0) {
    const [first, ...others] = status.inside;
    const more = others.length > 0 ? `，也在${others.map((c) => `“${c.circle.name}”`).join('、')}服务圈内` : '';
    parts.push(`你在“${first.circle.name}”服务圈内（距站点 ${formatDistance(first.distanceM)}）${more}。`);
  } else if (status.nearest) {
    const { circle, distanceM } = status.nearest;
    parts.push(
      `你不在任何服务圈内；最近的是“${circle.name}”，距站点 ${formatDistance(distanceM)}，在服务圈外约 ${formatDistance(distanceM - circle.radius)}。`,
    );
  }
  if (accuracyM !== undefined) parts.push(`定位精度约 ${formatDistance(accuracyM)}。`);
  return parts.join('');
}

/**
 * What to say when no position comes, by the GeolocationPositionError code.
 *
 * @example
 * geolocationMessage(1) // '无法显示你的位置：你没有允许本网站使用位置。…'
 */
export function geolocationMessage(code: number | 'unsupported'): string {
  switch (code) {
    case 1:
      return '无法显示你的位置：你没有允许本网站使用位置。如需使用，请在浏览器的网站设置中允许“位置”，再点一次“走这条路线”。不使用定位也可以按下方的经停点列表步行。';
    case 2:
      return '暂时无法确定你的位置（可能在室内或信号较弱）。请到开阔处稍候再试。';
    case 3:
      return '获取位置超时。请稍候再点一次“走这条路线”。';
    default:
      return '这个浏览器不能提供位置（需要 HTTPS 访问并支持定位）。可以按下方的经停点列表步行。';
  }
}
