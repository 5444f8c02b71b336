/**
 * Entries by id, for pages that follow links (a route's stops, a building's
 * figures). Built once per loaded content: pages are rendered one by one and
 * would otherwise scan every collection for every link.
 */
import type { Content } from '../content/model.ts';

const byId = <T extends { id: string }>(entries: T[]) => new Map(entries.map((e) => [e.id, e]));

const index = (content: Content) => ({
  stations: byId(content.stations),
  buildings: byId(content.buildings),
  figures: byId(content.figures),
  classics: byId(content.classics),
  routes: byId(content.routes),
  events: byId(content.events),
});

export type ContentIndex = ReturnType<typeof index>;

const cache = new WeakMap<Content, ContentIndex>();

/**
 * @example
 * const { buildings } = contentIndex(content);
 * buildings.get('baidai-building')?.data.name
 */
export function contentIndex(content: Content): ContentIndex {
  let found = cache.get(content);
  if (!found) {
    found = index(content);
    cache.set(content, found);
  }
  return found;
}

/** The entries of `ids` that exist, in the given order. */
export function pick<T>(map: Map<string, T>, ids: readonly string[]): T[] {
  return ids.flatMap((id) => map.get(id) ?? []);
}

/**
 * True when any region outline is OpenStreetMap data, whose licence (ODbL)
 * requires "© OpenStreetMap contributors" wherever it is shown.
 */
export function regionsFromOsm(content: Content): boolean {
  return content.regions.some((r) =>
    /openstreetmap|odbl/i.test(`${r.properties.source ?? ''} ${r.properties.license ?? ''}`),
  );
}
