import { buildingSchema } from './buildings.ts';
import { classicSchema } from './classics.ts';
import { eventSchema } from './events.ts';
import { figureSchema } from './figures.ts';
import { routeSchema } from './routes.ts';
import { stationSchema } from './stations.ts';

/** The Markdown collections, in the order reports and pages list them. */
export const ENTRY_SCHEMAS = {
  stations: stationSchema,
  buildings: buildingSchema,
  figures: figureSchema,
  classics: classicSchema,
  routes: routeSchema,
  events: eventSchema,
} as const;

export type EntryCollection = keyof typeof ENTRY_SCHEMAS;
export const ENTRY_COLLECTIONS = Object.keys(ENTRY_SCHEMAS) as EntryCollection[];
