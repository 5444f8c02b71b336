/**
 * What each page's map shows, as one GeoJSON FeatureCollection built at
 * compile time from the loaded content and the checker's report. The same
 * data draws the static SVG (svg.ts), the interactive map (style.ts) and the
 * text next to the map, so the three never disagree. It is written into the
 * page, so the browser fetches nothing to draw a map.
 *
 * Every feature has a `role` the map layers filter on. Circles travel as
 * centre points with a radius (a polygon is drawn from them where needed),
 * which keeps a page of many circles small.
 */
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { CheckReport, RouteReport } from '../geo/check.ts';
import { createAreaTest } from '../geo/contains.ts';
import { haversine } from '../geo/distance.ts';
import { regionsFromOsm } from '../site/lookup.ts';
import type { Content, LngLat, RegionEntry, RouteEntry, StationEntry } from '../content/model.ts';
import type { SiteData } from '../site/site-data.ts';
import type { RoadClass } from '../content/basemap.ts';
import { fitMercator, mapSize, SVG_PADDING } from './svg.ts';
import { streetsInView } from './streets.ts';
import { siteConfig } from '../../site.config.ts';
import {
  atLeast,
  type BBox,
  bboxesMeet,
  circleBBox,
  emptyBBox,
  extendBBox,
  isEmptyBBox,
  roundPosition,
  simplifyLine,
  sliceAlong,
} from './geometry.ts';

export type MapKind = 'route' | 'station' | 'building' | 'home' | 'stations' | 'coverage' | 'region';

/** A station's service circle; the geometry is its centre. */
export interface CircleProps {
  role: 'circle';
  id: string;
  name: string;
  radius: number;
  tier: string;
  /** The circles the page is about (a route's, a building's); others are context. */
  focus: boolean;
}
export interface RouteProps {
  role: 'route';
  id: string;
  name: string;
  /** No recorded path: straight lines through the stops, drawn differently. */
  schematic: boolean;
  lengthM: number | null;
}
/** Where a route leaves every circle, as reported by the checker. */
export interface GapProps {
  role: 'gap';
  route: string;
  fromM: number;
  toM: number;
  lengthM: number;
}
export interface StopProps {
  role: 'stop';
  /** 1-based position in the route. */
  n: number;
  id: string;
  name: string;
  kind: 'buildings' | 'stations';
  /** Metres from the start of the route where the stop meets it; null when the checker could not place it. */
  alongM: number | null;
}
export interface BuildingProps {
  role: 'building';
  id: string;
  name: string;
  focus: boolean;
}
export interface RegionProps {
  role: 'region';
  id: string;
  name: string;
  coveredPercent: number | null;
  /** On district and region maps: false for neighbouring regions drawn only for context. */
  focus?: boolean;
  /** Stations whose centre lies in the region, from the report; absent on maps that do not say. */
  stationCount?: number;
}

/** A vacuum (真空地带) from the report: a connected uncovered part of a region. */
export interface VacuumProps {
  role: 'vacuum';
  /** The region it lies in. */
  region: string;
  /** 1 for the region's largest. */
  rank: number;
  areaM2: number;
}
/** A proposed new station (计算建议), numbered in the order chosen. */
export interface SuggestionProps {
  role: 'suggestion';
  n: number;
  radius: number;
  gainM2: number;
  region: string;
}

/** A street from `basemap/roads.geojson`, clipped to the map's view and simplified to its scale. */
export interface StreetProps {
  role: 'street';
  /** `''` when the street has no name. */
  name: string;
  /** 0 major (motorway, trunk, primary) … 3 residential and smaller (basemap.ts `roadClass`). */
  cls: RoadClass;
}
/** A metro station from `basemap/transit.geojson`. */
export interface MetroProps {
  role: 'metro';
  name: string;
  lines: string[];
}

export type MapProps =
  | StreetProps
  | MetroProps
  | CircleProps
  | RouteProps
  | GapProps
  | StopProps
  | BuildingProps
  | RegionProps
  | VacuumProps
  | SuggestionProps;
export type MapFeature =
  | Feature<Point, CircleProps | StopProps | BuildingProps | SuggestionProps | MetroProps>
  | Feature<LineString, RouteProps | GapProps>
  | Feature<MultiLineString, StreetProps>
  | Feature<Polygon | MultiPolygon, RegionProps | VacuumProps>;

export type MapGeometry = MapFeature['geometry'];
/** A feature as stored in MapData: any geometry with any role's properties. */
export type MapDataFeature = Feature<MapGeometry, MapProps>;

export interface MapData {
  kind: MapKind;
  /** Accessible name of the map, e.g. `路线地图：起来！民众觉醒之路`. */
  label: string;
  /** What the map opens on. */
  bounds: BBox;
  /** Credits the map must show (OpenStreetMap for region outlines cut from it). */
  attribution: string[];
  features: FeatureCollection<MapGeometry, MapProps>;
}

/** The credit ODbL asks for wherever OpenStreetMap-derived data is shown. */
export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';

/** Lines are simplified to this many metres before going into the page. */
const LINE_TOLERANCE_M = 1;
/** A building's map shows circles whose edge is at most this far away. */
const NEARBY_M = 1000;
/** The smallest extent a map opens on, metres. */
const MIN_EXTENT_M = 400;

/**
 * A route: its line (schematic or walked), numbered stops, the circles it
 * passes and the gaps the checker found, over the other circles in view.
 *
 * @example
 * const data = routeMapData(getSiteData(), 'qilai-awakening-route');
 * data.features.features.filter((f) => f.properties.role === 'stop').length // 4
 */
export function routeMapData(site: SiteData, routeId: string): MapData {
  const { content, report } = site;
  const route = mustFind(content.routes, routeId, 'route');
  const checked = report.routes.find((r) => r.id === routeId);
  const focusIds = new Set<string>([
    ...report.stations.filter((s) => s.routes.includes(routeId)).map((s) => s.id),
    ...(checked?.stops.flatMap((s) => (s.coveredBy ? [s.coveredBy] : [])) ?? []),
    ...(checked?.gaps.flatMap((g) => (g.nearestStation ? [g.nearestStation] : [])) ?? []),
  ]);
  const focus = content.stations.filter((s) => focusIds.has(s.id));

  const box = extendBBox(emptyBBox(), [...route.line, ...route.stops.map((s) => s.point)]);
  for (const s of focus) extendBBox(box, bboxCorners(circleBBox(s.point, s.data.radius)));
  const bounds = atLeast(box, MIN_EXTENT_M);

  const features: MapFeature[] = [
    ...circlesIn(content.stations, bounds, focusIds),
    ...routeFeatures(route, checked),
    ...stopFeatures(route, checked),
  ];
  return finish(content, 'route', `路线地图：${route.data.title}`, bounds, [], features);
}

/**
 * A station: its circle, the buildings inside it and the routes through it,
 * with neighbouring circles for context.
 *
 * @example
 * stationMapData(getSiteData(), 'xujiahui-station').bounds // the circle's box
 */
export function stationMapData(site: SiteData, stationId: string): MapData {
  const { content, report } = site;
  const station = mustFind(content.stations, stationId, 'station');
  const circle = report.stations.find((s) => s.id === stationId);
  const bounds = atLeast(circleBBox(station.point, station.data.radius), MIN_EXTENT_M);
  const inside = new Set(circle?.buildings ?? []);
  const through = new Set(circle?.routes ?? []);

  const features: MapFeature[] = [
    ...circlesIn(content.stations, bounds, new Set([stationId])),
    ...content.routes.filter((r) => through.has(r.id)).flatMap((r) => routeLine(r, lengthOf(report, r.id))),
    ...content.buildings
      .filter((b) => inside.has(b.id))
      .map((b) => point(b.point, { role: 'building', id: b.id, name: b.data.name, focus: true })),
  ];
  return finish(content, 'station', `站点地图：${station.data.name}服务圈`, bounds, [], features);
}

/**
 * A building: where it is, the circles that hold it, and circles nearby. When
 * none holds it, the nearest circle is brought into view to show how far off it is.
 *
 * @example
 * buildingMapData(getSiteData(), 'baidai-building').features.features[0].properties.role // 'circle'
 */
export function buildingMapData(site: SiteData, buildingId: string): MapData {
  const { content, report } = site;
  const building = mustFind(content.buildings, buildingId, 'building');
  const covering = new Set(report.stations.filter((s) => s.buildings.includes(buildingId)).map((s) => s.id));
  // One distance per station: a page per building would otherwise sort every station.
  const edges = content.stations.map((s) => haversine(building.point, s.point) - s.data.radius);
  const nearby = content.stations.filter((s, i) => covering.has(s.id) || edges[i] <= NEARBY_M);
  const nearest = content.stations[edges.reduce((best, edge, i) => (edge < edges[best] ? i : best), 0)];
  const shown = nearby.length > 0 || !nearest ? nearby : [nearest];

  const box = extendBBox(emptyBBox(), [building.point]);
  const framed = covering.size > 0 ? shown.filter((s) => covering.has(s.id)) : nearest ? [nearest] : [];
  for (const s of framed) extendBBox(box, bboxCorners(circleBBox(s.point, s.data.radius)));
  const bounds = atLeast(box, MIN_EXTENT_M);

  const features: MapFeature[] = [
    ...shown.map((s) => circleFeature(s, covering.has(s.id))),
    point(building.point, { role: 'building', id: building.id, name: building.data.name, focus: true }),
  ];
  return finish(content, 'building', `建筑位置地图：${building.data.name}`, bounds, [], features);
}

/**
 * The home page: the innermost region outlines (the 街镇, which tile the
 * district, so its own outline would only repeat theirs), every circle and route.
 *
 * @example
 * homeMapData(getSiteData()).attribution // ['© OpenStreetMap contributors'] for the sample regions
 */
export function homeMapData(site: SiteData): MapData {
  const { content, report } = site;
  const innermost = new Set(innermostRegions(report));
  const features: MapFeature[] = [
    ...regionFeatures(content.regions.filter((r) => innermost.has(r.id)), report),
    ...content.stations.map((s) => circleFeature(s, true)),
    ...content.routes.flatMap((r) => routeLine(r, lengthOf(report, r.id))),
  ];
  return finish(content, 'home', '徐汇区党建服务圈与学习路线总览地图', overviewBounds(content), regionCredits(content), features);
}

/**
 * The stations index: every circle, coloured by tier.
 *
 * @example
 * stationsMapData(getSiteData()).features.features.length // one per station
 */
export function stationsMapData(site: SiteData): MapData {
  const { content } = site;
  const features = content.stations.map((s) => circleFeature(s, true));
  const box = emptyBBox();
  for (const s of content.stations) extendBBox(box, bboxCorners(circleBBox(s.point, s.data.radius)));
  return finish(content, 'stations', '党群服务站点服务圈分布地图', box, [], features);
}

/** Where the proposed stations are, for the district and region maps. */
export interface SuggestionInput {
  point: LngLat;
  region: string;
  gainM2: number;
}

/**
 * /coverage/: the district's choropleth. The innermost regions (the 街镇)
 * shaded by coverage, their vacuums from the report (hatched), every
 * station's circle and centre by tier, and the proposed stations numbered.
 *
 * @example
 * coverageMapData(getSiteData(), siteSuggestions(getSiteData())).features.features.some((f) => f.properties.role === 'vacuum') // true
 */
export function coverageMapData(site: SiteData, suggestions: readonly SuggestionInput[] = []): MapData {
  const { content, report } = site;
  const leaves = innermostRegions(report);
  const features: MapFeature[] = [
    ...regionShades(content, report, leaves, () => true),
    ...vacuumFeatures(report, leaves),
    ...content.stations.map((s) => circleFeature(s, true)),
    ...suggestionFeatures(suggestions),
  ];
  const box = emptyBBox();
  for (const r of content.regions) extendBBox(box, outerPoints(r));
  if (isEmptyBBox(box)) for (const s of content.stations) extendBBox(box, bboxCorners(circleBBox(s.point, s.data.radius)));
  return finish(content, 'coverage', '各区域服务圈覆盖率、站点与真空地带地图', box, regionCredits(content), features);
}

/**
 * A region's page: the region shaded by coverage with its neighbours in
 * grey, its vacuums, the circles reaching into it, its red sites and
 * routes, and the stations proposed for it.
 *
 * @example
 * regionMapData(getSiteData(), 'huajing', siteSuggestions(getSiteData(), 'huajing')).label // '区域地图：华泾镇'
 */
export function regionMapData(site: SiteData, regionId: string, suggestions: readonly SuggestionInput[] = []): MapData {
  const { content, report } = site;
  const region = mustFind(content.regions, regionId, 'region');
  const bounds = atLeast(extendBBox(emptyBBox(), outerPoints(region)), MIN_EXTENT_M);
  const checked = report.regions.find((r) => r.id === regionId);
  const siblings = report.regions.filter(
    (r) => r.id !== regionId && (r.parent ?? null) === (checked?.parent ?? null) && !hasChildren(report, r.id),
  );
  const shown = [checked, ...siblings].flatMap((r) => (r ? [r.id] : []));
  const inside = new Set(content.buildings.filter((b) => createAreaTest(region.geometry)(b.point)).map((b) => b.id));
  const features: MapFeature[] = [
    ...regionShades(content, report, shown, (id) => id === regionId).filter(
      (f) => f.properties.focus || bboxesMeet(areaBBox(f.geometry), bounds),
    ),
    ...vacuumFeatures(report, [regionId]),
    ...circlesIn(content.stations, bounds, new Set(content.stations.map((s) => s.id))),
    ...content.routes
      .filter((r) => r.line.length >= 2 && bboxesMeet(extendBBox(emptyBBox(), r.line), bounds))
      .flatMap((r) => routeLine(r, lengthOf(report, r.id))),
    ...content.buildings
      .filter((b) => inside.has(b.id))
      .map((b) => point(b.point, { role: 'building', id: b.id, name: b.data.name, focus: true })),
    ...suggestionFeatures(suggestions),
  ];
  return finish(content, 'region', `区域地图：${region.name}`, bounds, regionCredits(content), features);
}

/** Regions with no region inside them: the ones a choropleth shades. */
function innermostRegions(report: CheckReport): string[] {
  return report.regions.filter((r) => !hasChildren(report, r.id)).map((r) => r.id);
}

function hasChildren(report: CheckReport, id: string): boolean {
  return report.regions.some((r) => r.parent === id);
}

function regionShades(
  content: Content,
  report: CheckReport,
  ids: readonly string[],
  isFocus: (id: string) => boolean,
): Feature<Polygon | MultiPolygon, RegionProps>[] {
  const wanted = new Set(ids);
  return content.regions
    .filter((region) => wanted.has(region.id))
    .map((region) => {
      const checked = report.regions.find((r) => r.id === region.id);
      const stationCount = checked
        ? Object.values(checked.stationsByTier ?? {}).reduce((n, c) => n + c, 0)
        : undefined;
      return {
        type: 'Feature',
        geometry: roundArea(region.geometry),
        properties: {
          role: 'region',
          id: region.id,
          name: region.name,
          coveredPercent: checked?.coveredPercent ?? null,
          focus: isFocus(region.id),
          stationCount,
        },
      };
    });
}

function vacuumFeatures(report: CheckReport, ids: readonly string[]): Feature<Polygon | MultiPolygon, VacuumProps>[] {
  const wanted = new Set(ids);
  return report.regions
    .filter((r) => wanted.has(r.id))
    .flatMap((r) =>
      r.vacuums.map((v, i) => ({
        type: 'Feature' as const,
        geometry: roundArea(v.geometry),
        properties: { role: 'vacuum' as const, region: r.id, rank: i + 1, areaM2: v.areaM2 },
      })),
    );
}

function suggestionFeatures(suggestions: readonly SuggestionInput[]): Feature<Point, SuggestionProps>[] {
  return suggestions.map((s, i) =>
    point(s.point, { role: 'suggestion', n: i + 1, radius: siteConfig.suggestions.radiusM, gainM2: s.gainM2, region: s.region }),
  );
}

function outerPoints(region: RegionEntry): number[][] {
  return region.geometry.type === 'Polygon' ? region.geometry.coordinates[0] : region.geometry.coordinates.flatMap((p) => p[0]);
}

function areaBBox(geometry: Polygon | MultiPolygon): BBox {
  const outer = geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates.flatMap((p) => p[0]);
  return extendBBox(emptyBBox(), outer);
}

/** The features of one role, typed by it. */
export function featuresOf<R extends MapProps['role']>(
  data: MapData,
  role: R,
): Feature<MapGeometry, Extract<MapProps, { role: R }>>[] {
  return data.features.features.filter(
    (f): f is Feature<MapGeometry, Extract<MapProps, { role: R }>> => f.properties.role === role,
  );
}

function finish(
  content: Content,
  kind: MapKind,
  label: string,
  bounds: BBox,
  attribution: string[],
  features: MapFeature[],
): MapData {
  const box: BBox = isEmptyBBox(bounds) ? [121.40, 31.14, 121.48, 31.22] : bounds;
  const rounded = [...roundPosition([box[0], box[1]]), ...roundPosition([box[2], box[3]])] as BBox;
  // The district and region maps are choropleths to read and compare: streets would only hide the shading.
  const base = kind === 'coverage' || kind === 'region' ? { features: [], credits: [] } : basemapFeatures(content, rounded);
  return {
    kind,
    label,
    bounds: rounded,
    attribution: [...new Set([...attribution, ...base.credits])],
    features: { type: 'FeatureCollection', features: [...base.features, ...features] },
  };
}

/**
 * Street coordinates are rounded to what the map can show: five decimals
 * (about a metre) up close, four (about 10 m) on an overview where a map
 * unit is 12 m or more.
 */
function streetRounding(metresPerUnit: number): (position: readonly number[]) => LngLat {
  const k = metresPerUnit >= 12 ? 1e4 : 1e5;
  return ([lng, lat]) => [Math.round(lng * k) / k, Math.round(lat * k) / k];
}

/**
 * The streets and metro stations in the static map's view, at its scale,
 * with the credits of the layers drawn. Streets go first: every other layer
 * is drawn over them.
 */
function basemapFeatures(content: Content, bounds: BBox): { features: MapFeature[]; credits: string[] } {
  const { roads, transit } = content.basemap ?? {};
  const size = mapSize(bounds);
  const p = fitMercator(bounds, size, SVG_PADDING);
  const [west, north] = p.unproject([0, 0]);
  const [east, south] = p.unproject([size.width, size.height]);
  const view: BBox = [west, south, east, north];
  const features: MapFeature[] = [];
  const credits: string[] = [];
  if (roads) {
    const metresPerUnit = p.metresPerUnit((south + north) / 2);
    const pieces = streetsInView(roads, view, size, p.project, { metresPerUnit });
    const round = streetRounding(metresPerUnit);
    // One feature per street (a name and a class): its pieces are the parts of a MultiLineString, which keeps the page small.
    const streets = new Map<string, Feature<MultiLineString, StreetProps>>();
    for (const piece of pieces) {
      const key = `${piece.cls}|${piece.name}`;
      let street = streets.get(key);
      if (!street) {
        street = { type: 'Feature', geometry: { type: 'MultiLineString', coordinates: [] }, properties: { role: 'street', name: piece.name, cls: piece.cls } };
        streets.set(key, street);
      }
      street.geometry.coordinates.push(piece.line.map((xy) => round(p.unproject(xy))));
    }
    features.push(...streets.values());
    if (pieces.length > 0 && roads.credit) credits.push(roads.credit);
  }
  if (transit) {
    const inView = transit.stations.filter((s) => bboxesMeet([...s.point, ...s.point] as BBox, view));
    for (const s of inView) features.push(point(s.point, { role: 'metro', name: s.name, lines: s.lines }));
    if (inView.length > 0 && transit.credit) credits.push(transit.credit);
  }
  return { features, credits };
}

function mustFind<T extends { id: string }>(entries: T[], id: string, what: string): T {
  const found = entries.find((e) => e.id === id);
  if (!found) throw new Error(`No ${what} with id "${id}" to draw a map of`);
  return found;
}

function point<P extends CircleProps | StopProps | BuildingProps | SuggestionProps | MetroProps>(at: LngLat, properties: P): Feature<Point, P> {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: roundPosition(at) }, properties };
}

function circleFeature(s: StationEntry, focus: boolean): Feature<Point, CircleProps> {
  return point(s.point, { role: 'circle', id: s.id, name: s.data.name, radius: s.data.radius, tier: s.data.tier, focus });
}

/** Every circle that reaches into `bounds`; those in `focus` marked so. */
function circlesIn(stations: StationEntry[], bounds: BBox, focus: Set<string>): Feature<Point, CircleProps>[] {
  return stations
    .filter((s) => focus.has(s.id) || bboxesMeet(circleBBox(s.point, s.data.radius), bounds))
    .map((s) => circleFeature(s, focus.has(s.id)));
}

function line<P extends RouteProps | GapProps>(points: readonly LngLat[], properties: P): Feature<LineString, P> {
  return {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: simplifyLine(points, LINE_TOLERANCE_M).map(roundPosition) },
    properties,
  };
}

/** A route's line, or nothing when it has fewer than two points (the checker has said why). */
function routeLine(route: RouteEntry, lengthM: number | null): Feature<LineString, RouteProps>[] {
  if (route.line.length < 2) return [];
  return [line(route.line, { role: 'route', id: route.id, name: route.data.title, schematic: route.schematic, lengthM })];
}

function routeFeatures(route: RouteEntry, checked: RouteReport | undefined): MapFeature[] {
  const gaps = (checked?.gaps ?? []).map((gap) =>
    line(sliceAlong(route.line, gap.fromM, gap.toM), {
      role: 'gap',
      route: route.id,
      fromM: gap.fromM,
      toM: gap.toM,
      lengthM: gap.lengthM,
    }),
  );
  return [...routeLine(route, checked?.lengthM ?? null), ...gaps.filter((g) => g.geometry.coordinates.length >= 2)];
}

/**
 * Numbered stops. The checker lists the stops it could place in route order
 * and leaves out the rest, so they are matched by id in order, as the stop
 * list does (a loop may visit a stop twice).
 */
function stopFeatures(route: RouteEntry, checked: RouteReport | undefined): Feature<Point, StopProps>[] {
  let from = 0;
  return route.stops.map((stop, i) => {
    const at = checked ? checked.stops.findIndex((r, j) => j >= from && r.id === stop.id) : -1;
    if (at >= 0) from = at + 1;
    return point(stop.point, {
      role: 'stop',
      n: i + 1,
      id: stop.id,
      name: stop.name,
      kind: stop.kind,
      alongM: at >= 0 ? checked!.stops[at].alongM : null,
    });
  });
}

function regionFeatures(regions: RegionEntry[], report: CheckReport): Feature<Polygon | MultiPolygon, RegionProps>[] {
  return regions.map((region) => ({
    type: 'Feature',
    geometry: roundArea(region.geometry),
    properties: {
      role: 'region',
      id: region.id,
      name: region.name,
      coveredPercent: report.regions.find((r) => r.id === region.id)?.coveredPercent ?? null,
    },
  }));
}

/** Regions, circles and routes together: the extent of the whole content. */
function overviewBounds(content: Content): BBox {
  const box = emptyBBox();
  for (const r of content.regions) extendBBox(box, outerPoints(r));
  for (const s of content.stations) extendBBox(box, bboxCorners(circleBBox(s.point, s.data.radius)));
  for (const r of content.routes) extendBBox(box, r.line);
  return box;
}

/** Region outlines are usually cut from OpenStreetMap, whose licence asks for credit wherever they are shown. */
function regionCredits(content: Content): string[] {
  return regionsFromOsm(content) ? [OSM_ATTRIBUTION] : [];
}

function roundArea(geometry: Polygon | MultiPolygon | RegionEntry['geometry']): Polygon | MultiPolygon {
  const ring = (r: number[][]) => r.map(roundPosition);
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map(ring)) };
}

function bboxCorners(box: BBox): LngLat[] {
  return [
    [box[0], box[1]],
    [box[2], box[3]],
  ];
}

function lengthOf(report: CheckReport, routeId: string): number | null {
  return report.routes.find((r) => r.id === routeId)?.lengthM ?? null;
}
