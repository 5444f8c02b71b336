/**
 * A route's stops in walking order with where each meets the line and the
 * walk between them, as the route page, its worksheet and the check-in list
 * show them. Distances are differences of the checker's `alongM`, so they
 * follow the walking track when there is one and the straight schematic
 * line otherwise.
 */
import type { RouteReport, StopReport } from '../geo/check.ts';
import type { RouteEntry, RouteStop } from '../content/model.ts';

export interface PlacedStop extends RouteStop {
  /** 1-based position in the walk; a loop may visit the same id twice, the order tells them apart. */
  order: number;
  /** The checker's result; absent when it could not place the stop on the line. */
  result?: StopReport;
  /** Walk from the previous stop, metres (absent for the first stop or an unplaced one). */
  legFromPrevM?: number;
  /** Walk to the next stop, metres. */
  legToNextM?: number;
  /** The route's learning task for this stop. */
  task?: string;
}

/**
 * The checker reports stops in route order but leaves out any it could not
 * place, so they are matched by id in order.
 *
 * @example
 * placeStops(route, report.routes[0]).map((s) => [s.order, s.name, s.legFromPrevM])
 * // [[1, '聂耳铜像广场', undefined], [2, '夏衍旧居', 412.3], …]
 */
export function placeStops(route: RouteEntry, checked: RouteReport | undefined): PlacedStop[] {
  const tasks = route.data.tasks ?? {};
  const results: (StopReport | undefined)[] = [];
  let from = 0;
  for (const stop of route.stops) {
    const at = checked ? checked.stops.findIndex((r, j) => j >= from && r.id === stop.id) : -1;
    results.push(at >= 0 ? checked!.stops[at] : undefined);
    if (at >= 0) from = at + 1;
  }
  const leg = (a?: StopReport, b?: StopReport) => (a && b ? b.alongM - a.alongM : undefined);
  return route.stops.map((stop, i) => ({
    ...stop,
    order: i + 1,
    result: results[i],
    legFromPrevM: leg(results[i - 1], results[i]),
    legToNextM: leg(results[i], results[i + 1]),
    task: tasks[stop.id],
  }));
}
