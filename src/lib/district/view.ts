/**
 * The district picture as the pages show it: one row of figures per region
 * (the /coverage/ table, its CSV and the region pages), the vacuums as a
 * GeoJSON download, and the siting suggestions. Every coverage, station and
 * vacuum figure is read from the checker's report (the one `npm run check --
 * --json` writes); only which red sites and routes lie in a region is
 * worked out here, from the same loaded content.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { RegionReport } from '../geo/check.ts';
import { createSitePlanner, regionOfPoint, type SitePlanner, type Suggestion, type Tier, TIERS } from './index.ts';
import { type AreaGeometry, ringsOf } from '../geo/area-geometry.ts';
import { createAreaTest } from '../geo/contains.ts';
import { haversine } from '../geo/distance.ts';
import { regionsFromOsm } from '../site/lookup.ts';
import { OSM_ATTRIBUTION } from '../map/map-data.ts';
import type { Content, LngLat, RegionEntry } from '../content/model.ts';
import type { SiteData } from '../site/site-data.ts';
import { siteConfig } from '../../site.config.ts';

/** One region's figures, as a table row. */
export interface RegionRow {
  id: string;
  name: string;
  parent: string | null;
  areaM2: number;
  coveredPercent: number;
  uncoveredAreaM2: number;
  stationsByTier: Record<Tier, number>;
  /** Stations whose centre lies in the region, all tiers. */
  stationCount: number;
  /** Stations per km² of the region. */
  stationsPerKm2: number;
  vacuumCount: number;
  /** Area of the largest vacuum, m²; null when there is none. */
  largestVacuumM2: number | null;
  /** Ids of the red sites (buildings) inside the region, in content order. */
  buildings: string[];
  /** Ids of the routes whose line enters the region, in content order. */
  routes: string[];
}

/** A top-level region (the district) with the regions inside it. */
export interface RegionTable {
  top: RegionRow;
  /** The regions whose `parent` is `top`, in content order (the default order of the table). */
  rows: RegionRow[];
  /** Highest and lowest coverage among `rows` (every region tied for either), and the difference; null with fewer than two rows. */
  spread: { highest: RegionRow[]; lowest: RegionRow[]; points: number } | null;
}

/** A proposed station, as `suggestSites` returns it. */
export type SiteSuggestion = Suggestion;

const rowCache = new WeakMap<Content, Map<string, RegionRow>>();

/**
 * The figures of one region: the report's, plus the red sites and routes inside.
 *
 * @example
 * const row = regionRow(getSiteData(), 'tianping');
 * row.coveredPercent // the report's coveredPercent for tianping
 * row.stationsByTier.subdistrict // 1
 */
export function regionRow(site: SiteData, id: string): RegionRow {
  let rows = rowCache.get(site.content);
  if (!rows) rowCache.set(site.content, (rows = new Map()));
  const known = rows.get(id);
  if (known) return known;
  const report = site.report.regions.find((r) => r.id === id);
  const region = site.content.regions.find((r) => r.id === id);
  if (!report || !region) throw new Error(`No region "${id}" in the report`);
  const row = buildRow(site.content, region, report);
  rows.set(id, row);
  return row;
}

function buildRow(content: Content, region: RegionEntry, r: RegionReport): RegionRow {
  const inside = createAreaTest(region.geometry);
  const stationsByTier = Object.fromEntries(TIERS.map((t) => [t, r.stationsByTier[t] ?? 0])) as Record<Tier, number>;
  const stationCount = TIERS.reduce((n, t) => n + stationsByTier[t], 0);
  return {
    id: r.id,
    name: r.name,
    parent: r.parent ?? null,
    areaM2: r.areaM2,
    coveredPercent: r.coveredPercent,
    uncoveredAreaM2: r.uncoveredAreaM2,
    stationsByTier,
    stationCount,
    stationsPerKm2: r.areaM2 > 0 ? stationCount / (r.areaM2 / 1e6) : 0,
    vacuumCount: r.vacuums.length,
    largestVacuumM2: r.vacuums.length > 0 ? Math.max(...r.vacuums.map((v) => v.areaM2)) : null,
    buildings: content.buildings.filter((b) => inside(b.point)).map((b) => b.id),
    routes: content.routes.filter((route) => lineMeetsArea(route.line, region.geometry, inside)).map((route) => route.id),
  };
}

/**
 * One table per top-level region: the region itself on top, the regions
 * inside it below, and the spread of their coverage.
 *
 * @example
 * const [district] = regionTables(getSiteData());
 * district.top.name // '徐汇区'
 * district.rows.length // 13
 */
export function regionTables(site: SiteData): RegionTable[] {
  return site.report.regions
    .filter((r) => !r.parent)
    .map((top) => {
      const rows = site.report.regions.filter((r) => r.parent === top.id).map((r) => regionRow(site, r.id));
      return { top: regionRow(site, top.id), rows, spread: spreadOf(rows) };
    });
}

function spreadOf(rows: RegionRow[]): RegionTable['spread'] {
  if (rows.length < 2) return null;
  const shares = rows.map((r) => r.coveredPercent);
  const top = Math.max(...shares);
  const bottom = Math.min(...shares);
  return {
    highest: rows.filter((r) => r.coveredPercent === top),
    lowest: rows.filter((r) => r.coveredPercent === bottom),
    points: Math.round((top - bottom) * 10) / 10,
  };
}

/** The regions inside `id` (its children), in content order. */
export function childRows(site: SiteData, id: string): RegionRow[] {
  return site.report.regions.filter((r) => r.parent === id).map((r) => regionRow(site, r.id));
}

/** Regions with no station at all inside, for the plain sentence the dashboard owes them. */
export function regionsWithoutStations(rows: RegionRow[]): RegionRow[] {
  return rows.filter((r) => r.stationCount === 0);
}

const planners = new WeakMap<Content, { planner: SitePlanner; found: Map<string, SiteSuggestion[]> }>();

/**
 * Siting suggestions with the site's settings (src/site.config.ts): for the
 * whole district when `region` is absent, else for that region. The
 * checker's own planner (`suggestSites`) with the CLI's default radius,
 * prepared once per build and asked once per region.
 *
 * @example
 * siteSuggestions(getSiteData()).length // 5
 * siteSuggestions(getSiteData(), 'huajing')[0].region // 'huajing'
 */
export function siteSuggestions(site: SiteData, region?: string): SiteSuggestion[] {
  if (site.content.regions.length === 0) return [];
  const { district, region: perRegion, radiusM } = siteConfig.suggestions;
  let cached = planners.get(site.content);
  if (!cached) {
    cached = { planner: createSitePlanner(site.content, { radiusM }), found: new Map() };
    planners.set(site.content, cached);
  }
  const key = region ?? '';
  let found = cached.found.get(key);
  if (!found) {
    found = cached.planner.suggest(region ? perRegion : district, region);
    cached.found.set(key, found);
  }
  return found;
}

/** Column headers of the table and its CSV, in order. */
export const TABLE_COLUMNS = [
  '区域',
  '面积（平方公里）',
  '覆盖率（%）',
  '未覆盖（平方公里）',
  '区级中心',
  '街镇中心',
  '居民区站',
  '楼宇站',
  '园区站',
  '站点合计',
  '每平方公里站点',
  '真空地带（处）',
  '最大真空地带（平方公里）',
  '红色建筑',
  '经过的路线',
] as const;

/** A row's cells as numbers (or the name), in TABLE_COLUMNS order; the table and the CSV print these. */
export function rowCells(row: RegionRow): (string | number | null)[] {
  return [
    row.name,
    km2(row.areaM2),
    row.coveredPercent,
    km2(row.uncoveredAreaM2),
    ...TIERS.map((t) => row.stationsByTier[t]),
    row.stationCount,
    Math.round(row.stationsPerKm2 * 100) / 100,
    row.vacuumCount,
    row.largestVacuumM2 === null ? null : km2(row.largestVacuumM2),
    row.buildings.length,
    row.routes.length,
  ];
}

/** m² to km², three decimals (1,000 m²): finer than any boundary drawn by hand. */
export function km2(m2: number): number {
  return Math.round(m2 / 1000) / 1000;
}

/**
 * The table as CSV for spreadsheets: UTF-8 with a byte-order mark (without
 * it Excel reads Chinese as mojibake), CRLF line ends and RFC 4180 quoting.
 * One row per region: each top-level region, then the regions inside it.
 *
 * @example
 * coverageCsv(regionTables(site)).slice(0, 1) // '\uFEFF'
 */
export function coverageCsv(tables: RegionTable[]): string {
  const header = ['区域代号', '上级区域', ...TABLE_COLUMNS];
  const lines = [header];
  for (const table of tables) {
    for (const row of [table.top, ...table.rows]) {
      const [name, ...figures] = rowCells(row);
      lines.push([row.id, row.parent ?? '', spreadsheetText(String(name)), ...figures.map((c) => (c === null ? '' : String(c)))]);
    }
  }
  return `\uFEFF${lines.map((cells) => cells.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * Text a spreadsheet will not run: a name starting with `=`, `+`, `-` or `@`
 * would be read as a formula (CSV injection), so it gets a leading apostrophe,
 * which Excel and LibreOffice show as plain text.
 *
 * @example
 * spreadsheetText('=HYPERLINK("http://x")') // `'=HYPERLINK("http://x")`
 */
export function spreadsheetText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export interface VacuumProps {
  /** Id of the region the vacuum lies in (the smallest one: a 街镇). */
  region: string;
  regionName: string;
  parent: string | null;
  /** 1 for the region's largest vacuum. */
  rank: number;
  areaM2: number;
  /** The point farthest from every station, `[lng, lat]`. */
  farthestPoint: LngLat;
  maxDistanceM: number | null;
  nearestStation: string | null;
  nearestStationName: string | null;
}

/**
 * Every vacuum of the innermost regions (the 街镇; a region with no
 * region inside it counts as innermost), as GeoJSON (RFC 7946, WGS-84),
 * largest first within each region. The district's own vacuums are these
 * joined across 街镇 lines, so they are left out rather than counted twice.
 *
 * @example
 * vacuumsGeoJson(getSiteData()).features[0].properties.region // 'caohejing'
 */
export function vacuumsGeoJson(
  site: SiteData,
): FeatureCollection<Polygon | MultiPolygon, VacuumProps> & { attribution?: string } {
  const parents = new Set(site.report.regions.flatMap((r) => (r.parent ? [r.parent] : [])));
  const names = new Map(site.content.stations.map((s) => [s.id, s.data.name]));
  const features = site.report.regions
    .filter((r) => !parents.has(r.id))
    .flatMap((r) =>
      r.vacuums.map(
        (v, i): Feature<Polygon | MultiPolygon, VacuumProps> => ({
          type: 'Feature',
          geometry: v.geometry,
          properties: {
            region: r.id,
            regionName: r.name,
            parent: r.parent ?? null,
            rank: i + 1,
            areaM2: v.areaM2,
            farthestPoint: v.point,
            maxDistanceM: v.maxDistanceM,
            nearestStation: v.nearestStation,
            nearestStationName: v.nearestStation ? (names.get(v.nearestStation) ?? null) : null,
          },
        }),
      ),
    );
  // Cut from OpenStreetMap outlines, the vacuums stay under ODbL and carry its credit.
  const credit = regionsFromOsm(site.content) ? { attribution: `${OSM_ATTRIBUTION} (ODbL 1.0)` } : {};
  return { type: 'FeatureCollection', ...credit, features };
}

/**
 * True when a line has a point inside the area: a vertex inside, or a
 * segment crossing the outline (a route may clip a corner between two
 * vertices that both lie outside).
 */
export function lineMeetsArea(line: readonly LngLat[], geometry: AreaGeometry, inside = createAreaTest(geometry)): boolean {
  if (line.some(inside)) return true;
  const rings = ringsOf(geometry);
  for (let i = 1; i < line.length; i++) {
    for (const ring of rings) {
      for (let j = 1; j < ring.length; j++) {
        if (segmentsCross(line[i - 1], line[i], ring[j - 1], ring[j])) return true;
      }
    }
  }
  return false;
}

function segmentsCross(a: readonly number[], b: readonly number[], c: readonly number[], d: readonly number[]): boolean {
  const side = (p: readonly number[], q: readonly number[], r: readonly number[]) =>
    Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0;
}

/** A suggestion as the pages list it. */
export interface SuggestionItem extends SiteSuggestion {
  n: number;
  regionName: string;
  /** Covered share of the measured area before this suggestion (after the ones before it). */
  coveredPercentBefore: number;
  nearestStation: { id: string; name: string; distanceM: number } | null;
}

/**
 * Suggestions with what a reader needs beside them: the 街镇's name, the
 * coverage before → after, and the nearest existing station.
 *
 * @example
 * suggestionItems(site, siteSuggestions(site))[0].coveredPercentBefore // the district's coveredPercent
 */
export function suggestionItems(site: SiteData, suggestions: readonly SiteSuggestion[], region?: string): SuggestionItem[] {
  const names = new Map(site.report.regions.map((r) => [r.id, r.name]));
  let before = measuredPercent(site, region);
  return suggestions.map((s, i) => {
    const nearest = site.content.stations
      .map((st) => ({ id: st.id, name: st.data.name, distanceM: haversine(s.point, st.point) }))
      .sort((a, b) => a.distanceM - b.distanceM)[0];
    const item = { ...s, n: i + 1, regionName: names.get(s.region) ?? s.region, coveredPercentBefore: before, nearestStation: nearest ?? null };
    before = s.coveredPercentAfter;
    return item;
  });
}

/** Covered share of a region, or of every top-level region together (area-weighted), as `suggestSites` measures it. */
function measuredPercent(site: SiteData, region?: string): number {
  const measured = site.report.regions.filter((r) => (region ? r.id === region : !r.parent));
  const area = measured.reduce((n, r) => n + r.areaM2, 0);
  if (area === 0) return 0;
  return Math.round((measured.reduce((n, r) => n + r.areaM2 * r.coveredPercent, 0) / area) * 10) / 10;
}

/** Everything a region's page shows beyond its row. */
export interface RegionPage {
  row: RegionRow;
  parent: RegionRow | null;
  /** Regions inside this one (the district's 街镇). */
  children: RegionRow[];
  /** Place by coverage among the regions sharing its parent, 1 = highest, `tied` when others share it; null without siblings. */
  rank: { place: number; of: number; tied: boolean } | null;
  /** Ids of the stations whose centre lies in the region, per tier, in content order. */
  stations: Record<Tier, string[]>;
  /** The report's vacuums, largest first, with the nearest station's name. */
  vacuums: { n: number; areaM2: number; point: LngLat; maxDistanceM: number | null; nearestStation: string | null; nearestStationName: string | null }[];
}

/**
 * @example
 * const page = regionPage(getSiteData(), 'huajing');
 * page.row.stationCount // 0
 * page.vacuums[0].n // 1 (the largest)
 */
export function regionPage(site: SiteData, id: string): RegionPage {
  const row = regionRow(site, id);
  const report = site.report.regions.find((r) => r.id === id)!;
  const region = site.content.regions.find((r) => r.id === id)!;
  const inside = createAreaTest(region.geometry);
  const stations = Object.fromEntries(TIERS.map((t) => [t, [] as string[]])) as Record<Tier, string[]>;
  for (const s of site.content.stations) if (inside(s.point)) stations[s.data.tier].push(s.id);
  const names = new Map(site.content.stations.map((s) => [s.id, s.data.name]));
  const siblings = site.report.regions.filter((r) => (r.parent ?? null) === row.parent);
  const higher = siblings.filter((r) => r.coveredPercent > row.coveredPercent).length;
  const tied = siblings.filter((r) => r.coveredPercent === row.coveredPercent).length > 1;
  return {
    row,
    parent: row.parent && site.report.regions.some((r) => r.id === row.parent) ? regionRow(site, row.parent) : null,
    children: childRows(site, id),
    rank: siblings.length > 1 ? { place: higher + 1, of: siblings.length, tied } : null,
    stations,
    vacuums: report.vacuums.map((v, i) => ({
      n: i + 1,
      areaM2: v.areaM2,
      point: v.point,
      maxDistanceM: v.maxDistanceM,
      nearestStation: v.nearestStation,
      nearestStationName: v.nearestStation ? (names.get(v.nearestStation) ?? null) : null,
    })),
  };
}

/** A region as an entry's page names it. */
export interface RegionRef {
  id: string;
  name: string;
}

/**
 * The region an entry belongs to, for its page: the one its `subdistrict`
 * names (when a region has that name), and the smallest region holding its
 * position, worked out from the boundaries. The two may disagree (a
 * hand-written 街道 against the OpenStreetMap lines): the page shows both.
 *
 * @example
 * entryRegion(content, { point: [121.4466, 31.2058] }) // { named: null, located: { id: 'tianping', name: '天平路街道' } }
 */
export function entryRegion(content: Content, entry: { point: LngLat; subdistrict?: string }): { named: RegionRef | null; located: RegionRef | null } {
  const named = entry.subdistrict ? content.regions.find((r) => r.name === entry.subdistrict) : undefined;
  const located = regionOfPoint(entry.point, content.regions);
  const ref = (r: RegionEntry | undefined) => (r ? { id: r.id, name: r.name } : null);
  return { named: ref(named), located: ref(located) };
}
