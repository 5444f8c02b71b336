/**
 * A route as files for navigation apps and GIS tools: GPX 1.1 (the stops as
 * named waypoints, the line as a track) and GeoJSON (RFC 7946: a LineString
 * and a Point per stop). Both are WGS-84, like everything in the model. A
 * schematic route says so in the files too, so nobody follows its straight
 * lines through buildings.
 */
import { escapeXml } from '../map/svg.ts';
import type { LngLat, RouteEntry } from '../content/model.ts';
import { absoluteUrl } from '../site/urls.ts';

/** What the writers need of a route. */
export interface DownloadRoute {
  id: string;
  title: string;
  line: LngLat[];
  schematic: boolean;
  /** Absolute URL of the route page. */
  url?: string;
  summary?: string;
}

/** A stop in walking order. */
export interface DownloadStop {
  id: string;
  name: string;
  point: LngLat;
  /** 1-based position in the walk. */
  order: number;
  kind: 'buildings' | 'stations';
  task?: string;
  /** Absolute URL of the stop's page. */
  url?: string;
}

export const SCHEMATIC_NOTE = '示意路线：经停点之间按直线连接，不是实际步行道路，请按现场道路步行。';

const CREATOR = '徐汇红色文化学习路线';

/**
 * 7 decimals are about a centimetre: more than any track here holds, and
 * short enough to keep files small.
 */
const round = (n: number) => Math.round(n * 1e7) / 1e7;

/**
 * GPX 1.1 with a `<wpt>` per stop (name, `<cmt>` 第 n 站, the task as
 * `<desc>`, a link to its page) and one `<trk>`, elements in the order the
 * schema requires.
 *
 * @example
 * toGpx({ id: 'r', title: '路线', line: [[121.43, 31.2], [121.44, 31.2]], schematic: false }, [])
 * // '<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="…" …><trk><name>路线</name>…'
 */
export function toGpx(route: DownloadRoute, stops: DownloadStop[]): string {
  const pt = (tag: string, [lng, lat]: LngLat) => `<${tag} lat="${round(lat)}" lon="${round(lng)}"`;
  const link = (href?: string) => (href ? `<link href="${escapeXml(href)}"/>` : '');
  const text = (tag: string, value?: string) => (value ? `<${tag}>${escapeXml(value)}</${tag}>` : '');
  const description = [route.summary, route.schematic ? SCHEMATIC_NOTE : undefined].filter(Boolean).join(' ');

  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<gpx version="1.1" creator="${CREATOR}" xmlns="http://www.topografix.com/GPX/1/1">`,
    `<metadata>${text('name', route.title)}${text('desc', description)}${link(route.url)}</metadata>`,
    ...stops.map(
      (s) =>
        `${pt('wpt', s.point)}>${text('name', s.name)}${text('cmt', `第 ${s.order} 站`)}${text('desc', s.task)}` +
        `${link(s.url)}${text('type', s.kind === 'stations' ? '党群服务站点' : '红色建筑')}</wpt>`,
    ),
    `<trk>${text('name', route.title)}${text('desc', route.schematic ? SCHEMATIC_NOTE : undefined)}` +
      `${link(route.url)}${text('type', route.schematic ? 'schematic' : 'walking')}<trkseg>`,
    ...route.line.map((p) => `${pt('trkpt', p)}/>`),
    '</trkseg></trk>',
    '</gpx>',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * A FeatureCollection: first the route's LineString (`name`, `schematic`,
 * and a `description` on schematic routes), then a Point per stop with
 * `name` and `order` (1-based), `id`, `kind`, `task` and `url`.
 *
 * @example
 * JSON.parse(toGeoJson(route, stops)).features.map((f) => f.geometry.type) // ['LineString', 'Point', 'Point', …]
 */
export function toGeoJson(route: DownloadRoute, stops: DownloadStop[]): string {
  const position = ([lng, lat]: LngLat) => [round(lng), round(lat)];
  const collection = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: {
          name: route.title,
          id: route.id,
          role: 'route',
          schematic: route.schematic,
          ...(route.schematic ? { description: SCHEMATIC_NOTE } : {}),
          ...(route.url ? { url: route.url } : {}),
        },
        geometry: { type: 'LineString', coordinates: route.line.map(position) },
      },
      ...stops.map((s) => ({
        type: 'Feature',
        properties: {
          name: s.name,
          order: s.order,
          id: s.id,
          role: 'stop',
          kind: s.kind,
          ...(s.task ? { task: s.task } : {}),
          ...(s.url ? { url: s.url } : {}),
        },
        geometry: { type: 'Point', coordinates: position(s.point) },
      })),
    ],
  };
  return `${JSON.stringify(collection, null, 1)}\n`;
}

/**
 * The writers' input for a loaded route: stops in order with their tasks
 * and absolute page URLs on `site`.
 *
 * @example
 * const { route, stops } = downloadInput(entry, Astro.site!);
 * toGpx(route, stops);
 */
export function downloadInput(entry: RouteEntry, site: URL | string): { route: DownloadRoute; stops: DownloadStop[] } {
  const tasks = entry.data.tasks ?? {};
  return {
    route: {
      id: entry.id,
      title: entry.data.title,
      line: entry.line,
      schematic: entry.schematic,
      url: absoluteUrl(`/routes/${entry.id}/`, site),
      summary: entry.data.summary,
    },
    stops: entry.stops.map((stop, i) => ({
      id: stop.id,
      name: stop.name,
      point: stop.point,
      order: i + 1,
      kind: stop.kind,
      task: tasks[stop.id],
      url: absoluteUrl(`/${stop.kind}/${stop.id}/`, site),
    })),
  };
}
