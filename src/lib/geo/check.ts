/**
 * The geometric checks of the content contract (shared/spec/content-format.md,
 * "The checker"): route gaps, stops inside circles and on their path, and
 * region coverage. It takes loaded content and returns the report the
 * checker prints and writes as JSON; loading problems are merged in so one
 * report holds everything.
 */
import { parentOf } from '../district/regions.ts';
import { TIERS, type StationsByTier, type Suggestion, type VacuumReport } from '../district/types.ts';
import { regionVacuums } from '../district/vacuums.ts';
import { createAreaTest } from './contains.ts';
import { type LinePosition, pointToLine } from './distance.ts';
import { findGaps, type Gap } from './gaps.ts';
import { sampleLine } from './sample.ts';
import { createStationIndex, type StationIndex } from './station-index.ts';
import type { Content, LngLat, RouteEntry, RouteStop } from '../content/model.ts';
import { type Problem, problem, sortProblems } from '../content/problems.ts';

export type { StationsByTier, Suggestion, VacuumReport } from '../district/types.ts';

export interface CheckOptions {
  /** Largest distance between tested points of a route, metres. Default 10 (the contract's maximum). */
  spacingM?: number;
  /** How far a stop may lie from its route's path, metres. Default 50. */
  stopPathLimitM?: number;
}

export interface GapReport {
  fromM: number;
  toM: number;
  /** Null only when the content has no stations at all. */
  maxDistanceM: number | null;
  /** Id of the station nearest to the gap's farthest point; null without stations. */
  nearestStation: string | null;
  /** `toM - fromM`. */
  lengthM: number;
  /** The point of the gap farthest from any station, `[lng, lat]`. */
  worstPoint: LngLat;
}

export interface StopReport {
  id: string;
  /** Where the stop projects onto the line, metres from its start. */
  alongM: number;
  /** Distance from the stop to the line (0 on a schematic route, whose line runs through its stops). */
  distanceToPathM: number;
  /** Id of the closest station whose circle holds the stop; absent when none does. */
  coveredBy?: string;
  nearestStation: string | null;
  nearestDistanceM: number | null;
}

export interface RouteReport {
  id: string;
  file: string;
  lengthM: number;
  schematic: boolean;
  gaps: GapReport[];
  stops: StopReport[];
}

export interface RegionReport {
  id: string;
  file: string;
  name: string;
  areaM2: number;
  coveredPercent: number;
  uncoveredAreaM2: number;
  /** Stations whose centre lies in the region. */
  stationCount: number;
  /** Route gaps whose farthest point lies in the region. */
  routeGapCount: number;
  /** `properties.parent` as written (the district for a 街镇), or null for a top-level region. */
  parent: string | null;
  /** Stations whose centre lies in the region, per tier. */
  stationsByTier: StationsByTier;
  /** 真空地带: uncovered connected parts of at least 10,000 m², largest first. */
  vacuums: VacuumReport[];
}

export interface StationReport {
  id: string;
  /** Buildings inside the station's circle, in content order. */
  buildings: string[];
  /** Routes whose line enters or touches the station's circle, in content order. */
  routes: string[];
}

export interface CheckReport {
  ok: boolean;
  errors: Problem[];
  warnings: Problem[];
  routes: RouteReport[];
  regions: RegionReport[];
  stations: StationReport[];
  /** Siting suggestions, present when the checker ran with `--suggest`. */
  suggestions?: Suggestion[];
}

/** A station as the geometry library sees it. */
interface Circle {
  id: string;
  name: string;
  point: LngLat;
  radius: number;
  tier: string;
}

interface Settings {
  spacingM: number;
  stopPathLimitM: number;
}

/**
 * Runs every geometric rule over loaded content. Routes whose line has fewer
 * than two points (the loader has already said why) get their stops checked
 * against the circles but are left out of `routes`, having no length or gaps.
 *
 * @example
 * const report = runCheck(loadContent('content'));
 * report.ok // false
 * report.routes[0].gaps // [{ fromM: 1200.4, toM: 1339.8, maxDistanceM: 561.2, nearestStation: 'tianping', … }]
 */
export function runCheck(content: Content, options: CheckOptions = {}): CheckReport {
  const settings: Settings = {
    spacingM: options.spacingM ?? 10,
    stopPathLimitM: options.stopPathLimitM ?? 50,
  };
  const circles: Circle[] = content.stations.map((s) => ({
    id: s.id,
    name: s.data.name,
    point: s.point,
    radius: s.data.radius,
    tier: s.data.tier,
  }));
  const index = createStationIndex(circles);
  const problems: Problem[] = [...content.problems];

  const routes: RouteReport[] = [];
  const gapPoints: LngLat[] = [];
  for (const route of content.routes) {
    const usable = route.line.length >= 2;
    const stops = checkStops(route, index, usable, settings, problems);
    if (!usable) continue;
    const { lengthM, gaps } = checkLine(route, index, settings, problems);
    for (const gap of gaps) gapPoints.push(gap.worstPoint);
    routes.push({ id: route.id, file: route.file, lengthM: round(lengthM), schematic: route.schematic, gaps, stops });
  }

  const regions: RegionReport[] = content.regions.map((region) => {
    const picture = regionVacuums(region.geometry, index);
    const inside = createAreaTest(region.geometry);
    const stationsInside = circles.filter((c) => inside(c.point));
    return {
      id: region.id,
      file: region.file,
      name: region.name,
      areaM2: round(picture.areaM2),
      coveredPercent: round(picture.coveredPercent),
      uncoveredAreaM2: round(picture.uncoveredAreaM2),
      stationCount: stationsInside.length,
      routeGapCount: gapPoints.filter(inside).length,
      parent: parentOf(region),
      stationsByTier: countByTier(stationsInside),
      vacuums: picture.vacuums,
    };
  });

  const sorted = sortProblems(problems);
  const errors = sorted.filter((p) => p.severity === 'error');
  return {
    ok: errors.length === 0,
    errors,
    warnings: sorted.filter((p) => p.severity === 'warning'),
    routes,
    regions,
    stations: stationReports(content, index),
  };
}

/** Length and gaps of a route's line; reports each gap. */
function checkLine(
  route: RouteEntry,
  index: StationIndex<Circle>,
  settings: Settings,
  problems: Problem[],
): { lengthM: number; gaps: GapReport[] } {
  const samples = sampleLine(route.line, { spacingM: settings.spacingM });
  const gaps = findGaps(samples, index);
  const field = route.schematic ? 'stops' : 'path';
  const where = { file: route.file, line: route.lines[field], field };
  for (const gap of gaps) {
    problems.push(
      problem(
        'route-gap',
        where,
        {
          fromM: gap.fromM,
          toM: gap.toM,
          lengthM: samples.lengthM,
          station: gap.nearestStation && stationLabel(gap.nearestStation),
          maxDistanceM: gap.maxDistanceM,
          radius: gap.nearestStation?.radius,
        },
        { severity: route.data.allowGaps ? 'warning' : 'error' },
      ),
    );
  }
  return { lengthM: samples.lengthM, gaps: gaps.map(gapReport) };
}

function gapReport(gap: Gap<Circle>): GapReport {
  return {
    fromM: round(gap.fromM),
    toM: round(gap.toM),
    maxDistanceM: finiteOrNull(gap.maxDistanceM),
    nearestStation: gap.nearestStation?.id ?? null,
    lengthM: round(gap.toM - gap.fromM),
    worstPoint: [roundDegrees(gap.worstPoint[0]), roundDegrees(gap.worstPoint[1])],
  };
}

/**
 * Every stop must be inside a circle and, on a route with a path, near the
 * path. Stops with unknown ids were reported by the loader and are missing
 * from `route.stops`, so each resolved stop is matched back to its place in
 * the frontmatter list to name the right `stops[i]` line. Stops are placed
 * along the line in walking order, so the last stop of a round walk sits at
 * its end, not back at 0 m.
 */
function checkStops(
  route: RouteEntry,
  index: StationIndex<Circle>,
  usable: boolean,
  settings: Settings,
  problems: Problem[],
): StopReport[] {
  const written = route.data.stops;
  const reports: StopReport[] = [];
  let next = 0;
  let segment = 0;
  for (const stop of route.stops) {
    const at = written.indexOf(stop.id, next);
    if (at >= 0) next = at + 1;
    const field = at >= 0 ? `stops[${at}]` : 'stops';
    const where = { file: route.file, line: route.lines[field] ?? route.lines.stops, field };
    const covering = index.covering(stop.point);
    const nearest = index.nearest(stop.point);
    if (!covering) {
      problems.push(
        problem('stop-outside-circle', where, {
          stop: stopLabel(stop),
          station: nearest && stationLabel(nearest.station),
          distanceM: nearest?.distanceM,
          radius: nearest?.station.radius,
        }),
      );
    }
    const position = usable ? placeStop(stop.point, route.line, segment) : undefined;
    if (position) segment = position.segment;
    if (position && !route.schematic && position.distanceM > settings.stopPathLimitM) {
      problems.push(
        problem('stop-off-path', where, {
          stop: stopLabel(stop),
          distanceM: position.distanceM,
          limitM: settings.stopPathLimitM,
        }),
      );
    }
    if (!position) continue;
    const report: StopReport = {
      id: stop.id,
      alongM: round(position.alongM),
      distanceToPathM: round(position.distanceM),
      nearestStation: nearest?.station.id ?? null,
      nearestDistanceM: nearest ? round(nearest.distanceM) : null,
    };
    if (covering) report.coveredBy = covering.station.id;
    reports.push(report);
  }
  return reports;
}

/**
 * Where a stop lies on the line: the closest point from the previous stop's
 * segment on, unless the stop is clearly nearer an earlier part of the line
 * (stops out of order), where the closest point overall is the honest answer.
 */
function placeStop(point: LngLat, line: LngLat[], fromSegment: number): LinePosition {
  const onward = pointToLine(point, line, { fromSegment });
  const anywhere = pointToLine(point, line);
  return onward.distanceM <= anywhere.distanceM + 1 ? onward : anywhere;
}

/** For each station, the buildings in its circle and the routes that enter it. */
function stationReports(content: Content, index: StationIndex<Circle>): StationReport[] {
  const byId = new Map<string, StationReport>();
  for (const s of content.stations) byId.set(s.id, { id: s.id, buildings: [], routes: [] });
  for (const building of content.buildings) {
    for (const station of index.coveringAll(building.point)) byId.get(station.id)!.buildings.push(building.id);
  }
  for (const route of content.routes) {
    if (route.line.length < 2) continue;
    for (const station of index.alongLine(route.line)) byId.get(station.id)!.routes.push(route.id);
  }
  return [...byId.values()];
}

function countByTier(stations: readonly Circle[]): StationsByTier {
  const counts = Object.fromEntries(TIERS.map((t) => [t, 0])) as StationsByTier;
  for (const s of stations) counts[s.tier as keyof StationsByTier]++;
  return counts;
}

function stationLabel(station: Circle): string {
  return `${station.name}（${station.id}）`;
}

function stopLabel(stop: RouteStop): string {
  return `${stop.name}（${stop.id}）`;
}

/** Metres and percentages are reported to 0.1. */
function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? round(value) : null;
}

/** Six decimals of a degree are about 0.1 m: as precise as the gap ends. */
function roundDegrees(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
