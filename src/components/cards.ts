/**
 * What a list shows for each entry: title, a line of facts and the summary.
 * One place decides the facts line of every kind of entry, so the home page,
 * index pages and "related" lists agree.
 */
import { entryTitle, formatYear, formatYears } from '../lib/site/format.ts';
import type { AnyEntry, RouteEntry } from '../lib/content/model.ts';
import { entryUrl } from '../lib/site/urls.ts';
import { estimateWalk, formatDistance, formatMinutes } from '../lib/learners/walking.ts';
import { CLASSIC_KIND_NAMES } from '../schemas/classics.ts';
import { TIER_NAMES } from '../schemas/stations.ts';

export interface CardItem {
  href: string;
  title: string;
  /** One line of facts under the title. */
  meta?: string;
  summary?: string;
  demo: boolean;
  schematic: boolean;
}

function metaOf(entry: AnyEntry): string | undefined {
  const parts: (string | undefined)[] = [];
  switch (entry.collection) {
    case 'buildings':
      parts.push(entry.data.subdistrict, entry.data.address, entry.data.era);
      break;
    case 'figures':
      parts.push(formatYears(entry.data.born, entry.data.died), entry.data.role);
      break;
    case 'classics':
      parts.push(entry.data.kind && CLASSIC_KIND_NAMES[entry.data.kind], formatYear(entry.data.year));
      break;
    case 'stations':
      parts.push(TIER_NAMES[entry.data.tier], entry.data.subdistrict);
      break;
    case 'routes':
      parts.push(`${entry.stops.length} 个经停点`, entry.data.subdistrict);
      break;
  }
  const text = parts.filter(Boolean).join(' · ');
  return text || undefined;
}

/**
 * @example
 * cardFor(building) // { href: '/buildings/baidai-building/', title: '百代小楼', meta: '徐家汇街道 · 衡山路811号', … }
 * cardFor(route, '2.3 公里') // the given facts line instead of the default
 */
export function cardFor(entry: AnyEntry, meta = metaOf(entry)): CardItem {
  return {
    href: entryUrl(entry.collection, entry.id),
    title: entryTitle(entry),
    meta,
    summary: entry.data.summary,
    demo: entry.data.demo === true,
    schematic: entry.collection === 'routes' && entry.schematic,
  };
}

/**
 * A route's card with its length and estimated time, the two things a
 * teacher choosing a route needs first.
 *
 * @example
 * routeCard(route, 2310) // meta: '5 个经停点 · 2.3 公里 · 约 1 小时 25 分钟'
 */
export function routeCard(route: RouteEntry, lengthM: number | undefined): CardItem {
  if (lengthM === undefined) return cardFor(route);
  const { totalMinutes } = estimateWalk(lengthM, route.stops.length, { minutesPerStop: route.data.minutesPerStop });
  const minutes = route.data.durationMinutes ?? totalMinutes;
  return cardFor(route, `${route.stops.length} 个经停点 · ${formatDistance(lengthM)} · 约 ${formatMinutes(minutes)}`);
}
