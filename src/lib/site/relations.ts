/**
 * The links between entries as the site shows them. Links are symmetric: a
 * figure named on a building's page also lists that building, whichever side
 * the editor wrote it on (content-format.md).
 */
import type { Content } from '../content/model.ts';

export interface Relations {
  /** `buildings:song-qingling-residence` → set of `figures:song-qingling`, … */
  links: Map<string, Set<string>>;
  /** Building or station id → routes that stop there, in route order. */
  routesByStop: Map<string, string[]>;
}

type Linkable = 'buildings' | 'figures' | 'classics';
const LINK_FIELDS: Record<Linkable, Linkable[]> = {
  buildings: ['figures', 'classics'],
  figures: ['buildings', 'classics'],
  classics: ['figures', 'buildings'],
};

/** Key of an entry in `Relations.links`. */
export const key = (collection: string, id: string) => `${collection}:${id}`;

/**
 * @example
 * const r = buildRelations(content);
 * linked(r, 'figures', 'nie-er', 'classics') // ['march-of-the-volunteers']
 */
export function buildRelations(content: Content): Relations {
  const links = new Map<string, Set<string>>();
  const add = (a: string, b: string) => {
    if (!links.has(a)) links.set(a, new Set());
    links.get(a)!.add(b);
  };
  const known = new Set<string>();
  for (const collection of Object.keys(LINK_FIELDS) as Linkable[]) {
    for (const entry of content[collection]) known.add(key(collection, entry.id));
  }
  for (const collection of Object.keys(LINK_FIELDS) as Linkable[]) {
    for (const entry of content[collection]) {
      for (const field of LINK_FIELDS[collection]) {
        for (const id of ((entry.data as Record<string, unknown>)[field] as string[] | undefined) ?? []) {
          const from = key(collection, entry.id);
          const to = key(field, id);
          if (!known.has(to)) continue;
          add(from, to);
          add(to, from);
        }
      }
    }
  }
  const routesByStop = new Map<string, string[]>();
  for (const route of content.routes) {
    for (const stop of new Set(route.stops.map((s) => s.id))) {
      if (!routesByStop.has(stop)) routesByStop.set(stop, []);
      routesByStop.get(stop)!.push(route.id);
    }
  }
  return { links, routesByStop };
}

/** Ids of the entries of `target` linked to an entry, in id order. */
export function linked(relations: Relations, collection: string, id: string, target: Linkable): string[] {
  const prefix = `${target}:`;
  return [...(relations.links.get(key(collection, id)) ?? [])]
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length))
    .sort();
}
