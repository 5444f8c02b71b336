/**
 * Chinese wording of numbers, names and checker results on the pages. Kept
 * apart from the components so the same sentence reads the same everywhere.
 */
import type { AnyEntry, LngLat } from '../content/model.ts';
import type { PageCollection } from './urls.ts';

/** Singular names, used as labels and as the search filter "kind". */
export const COLLECTION_LABELS: Record<PageCollection, string> = {
  routes: '路线',
  buildings: '建筑',
  figures: '人物',
  classics: '经典',
  stations: '站点',
  events: '活动',
};

/** Buildings, stations and figures have a `name`; classics and routes a `title`. */
export function entryTitle(entry: AnyEntry): string {
  return 'name' in entry.data ? entry.data.name : entry.data.title;
}

/** `1935` → `1935年`; nothing for no year. */
export function formatYear(year?: number): string | undefined {
  return year === undefined ? undefined : `${year}年`;
}

/**
 * @example
 * formatYears(1912, 1935) // '1912—1935年'
 * formatYears(1912)       // '1912年生'
 */
export function formatYears(born?: number, died?: number): string | undefined {
  if (born !== undefined && died !== undefined) return `${born}—${died}年`;
  if (born !== undefined) return `${born}年生`;
  if (died !== undefined) return `卒于${died}年`;
  return undefined;
}

/** Six decimals is about 0.1 m: as precise as any source we have. */
export function formatLngLat([lng, lat]: LngLat | [number, number]): string {
  return `经度 ${lng.toFixed(6)}，纬度 ${lat.toFixed(6)}`;
}

/**
 * A stretch along a route, in metres below 1 km and in kilometres above, with
 * enough decimals that its two ends never print as the same number.
 *
 * @example
 * formatAlongRange(1200, 1340) // '第 1.2–1.3 公里处'
 * formatAlongRange(230, 370)   // '第 230–370 米处'
 */
export function formatAlongRange(fromM: number, toM: number): string {
  if (toM < 1000) return `第 ${Math.round(fromM)}–${Math.round(toM)} 米处`;
  const km = (m: number, digits: number) => (m / 1000).toFixed(digits);
  let digits = 1;
  while (digits < 3 && km(fromM, digits) === km(toM, digits)) digits++;
  return `第 ${km(fromM, digits)}–${km(toM, digits)} 公里处`;
}

/** `11158470` → `11.16 平方公里`. */
export function formatArea(m2: number): string {
  return `${(m2 / 1e6).toFixed(2)} 平方公里`;
}

/** `63.24` → `63.2%`. */
export function formatPercent(percent: number): string {
  return `${percent.toFixed(1)}%`;
}
