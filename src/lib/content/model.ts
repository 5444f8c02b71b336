/**
 * The loaded content model: what `loadContent()` returns and everything after
 * it (checker, pages, maps, downloads) works from. All coordinates here are
 * WGS-84 `[lng, lat]`; the datum an editor wrote is kept only for display.
 */
import type { Building } from '../../schemas/buildings.ts';
import type { Classic } from '../../schemas/classics.ts';
import type { Crs } from '../../schemas/common.ts';
import type { AudioFormat } from './audio.ts';
import type { Event } from '../../schemas/events.ts';
import type { Figure } from '../../schemas/figures.ts';
import type { RegionGeometry, RegionProperties } from '../../schemas/regions.ts';
import type { Route } from '../../schemas/routes.ts';
import type { Station } from '../../schemas/stations.ts';
import type { BasemapLayers } from './basemap.ts';
import type { OpeningHoursInfo } from '../services/opening-hours.ts';
import type { Problem } from './problems.ts';

/** `[lng, lat]` in WGS-84 degrees. */
export type LngLat = [number, number];

/** Where a value was written, so problems can name the line. */
export type FieldLines = Record<string, number>;

export interface EntryBase<C extends string, D> {
  collection: C;
  id: string;
  /** Path relative to the content directory, forward slashes, e.g. `routes/wukang.mdx`. */
  file: string;
  /** Absolute path on disk. */
  absPath: string;
  /** Validated frontmatter; `location` (where present) already in WGS-84. */
  data: D;
  /** Markdown/MDX body without the frontmatter. */
  body: string;
  /** 1-based line of each frontmatter field path (`title`, `stops[1]`, `location.lng`). */
  lines: FieldLines;
  /** The entry's `images` whose files were found and can be processed, in order. */
  images: EntryImage[];
}

/** An image file beside its entry, checked by the loader (src/lib/content/images.ts). */
export interface EntryImage {
  /** As written in the frontmatter, relative to the entry file. */
  src: string;
  /** Path relative to the content directory, forward slashes. */
  file: string;
  absPath: string;
  alt: string;
  credit: string;
  license: string;
}

/** A recording beside its entry, checked by the loader (src/lib/content/audio.ts); all text fields trimmed. */
export interface EntryAudio {
  /** Position in the entry's `audio` list, for `audio[i].<field>` and page anchors. */
  index: number;
  /** `file` as written in the frontmatter, relative to the entry file. */
  src: string;
  /** Path relative to the content directory, forward slashes. */
  file: string;
  absPath: string;
  /** From the extension; the checker makes sure the bytes agree (withAudioChecks). */
  format: AudioFormat;
  bytes: number;
  title: string;
  credit: string;
  license: string;
  transcript: string;
}

/** Buildings and classics may carry recordings. */
export interface WithAudio {
  /** The entry's `audio` whose files were found and can be served, in order. */
  audio: EntryAudio[];
}

/** A place converted to WGS-84, with what the editor originally wrote. */
export interface Placed {
  /** WGS-84 position. */
  point: LngLat;
  /** Coordinates and datum as written in the file. */
  original: { lng: number; lat: number; crs: Crs };
}

export type StationEntry = EntryBase<'stations', Station> &
  Placed & {
    /** `openingHours` read by the opening_hours parser; absent when the station gives none. */
    hours?: OpeningHoursInfo;
  };
export type BuildingEntry = EntryBase<'buildings', Building> & Placed & WithAudio;
export type FigureEntry = EntryBase<'figures', Figure>;
export type ClassicEntry = EntryBase<'classics', Classic> & WithAudio;

/** A stop of a route, resolved to the building or station it names. */
export interface RouteStop {
  id: string;
  kind: 'buildings' | 'stations';
  name: string;
  point: LngLat;
}

export interface RouteEntry extends EntryBase<'routes', Route> {
  /** The walking line in WGS-84: the track, or straight segments through the stops. */
  line: LngLat[];
  /** True when the route has no path and `line` is drawn through its stops. */
  schematic: boolean;
  /** Where the line came from. */
  pathSource: 'inline' | 'geojson' | 'gpx' | 'schematic';
  /** Stops that resolved (unknown ids are reported and left out here). */
  stops: RouteStop[];
}

/** Where an event takes place: the station, building or route its `place` names. */
export interface EventPlace {
  collection: 'stations' | 'buildings' | 'routes';
  id: string;
  name: string;
  /** The place's address (a route: its first stop's name). */
  address?: string;
  /** WGS-84 position (a route: its first stop). */
  point?: LngLat;
  /** The place's `subdistrict` as written, for the search filter. */
  subdistrict?: string;
}

export interface EventEntry extends EntryBase<'events', Event> {
  /** `start` as an instant. */
  startDate: Date;
  /** `end` as an instant; absent when the event gives none. */
  endDate?: Date;
  /** Absent only when `place` names nothing (already reported). */
  place?: EventPlace;
}

export interface RegionEntry {
  collection: 'regions';
  id: string;
  file: string;
  absPath: string;
  name: string;
  properties: RegionProperties;
  geometry: RegionGeometry;
}

export type AnyEntry =
  | StationEntry
  | BuildingEntry
  | FigureEntry
  | ClassicEntry
  | RouteEntry
  | EventEntry;

/** Everything in a content directory, plus every problem found while loading. */
export interface Content {
  /** Absolute content directory. */
  dir: string;
  stations: StationEntry[];
  buildings: BuildingEntry[];
  figures: FigureEntry[];
  classics: ClassicEntry[];
  routes: RouteEntry[];
  /** Dated lessons and activities, earliest first. */
  events: EventEntry[];
  regions: RegionEntry[];
  /** `basemap/roads.geojson` and `basemap/transit.geojson`, when the folder has them. */
  basemap: BasemapLayers;
  problems: Problem[];
}
