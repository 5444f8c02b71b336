/**
 * Everything one page's map needs at build time: the data for its kind, and
 * the basemap setting (read once per build).
 */
import path from 'node:path';
import { siteSuggestions } from '../district/view.ts';
import { getSiteData } from '../site/site-data.ts';
import { url } from '../site/urls.ts';
import { type Basemap, basemapFromEnv } from './basemap.ts';
import {
  buildingMapData,
  coverageMapData,
  homeMapData,
  regionMapData,
  type MapData,
  type MapKind,
  routeMapData,
  stationMapData,
  stationsMapData,
} from './map-data.ts';

/** Kinds of map about one entry, which need its id. */
export type EntryMapKind = Extract<MapKind, 'route' | 'station' | 'building'>;

/**
 * @example
 * pageMapData('route', 'qilai-awakening-route').label // '路线地图：起来！民众觉醒之路'
 * pageMapData('home').kind // 'home'
 */
export function pageMapData(kind: MapKind, id?: string): MapData {
  const site = getSiteData();
  const needId = (): string => {
    if (!id) throw new Error(`A ${kind} map needs the entry id`);
    return id;
  };
  switch (kind) {
    case 'route':
      return routeMapData(site, needId());
    case 'station':
      return stationMapData(site, needId());
    case 'building':
      return buildingMapData(site, needId());
    case 'home':
      return homeMapData(site);
    case 'stations':
      return stationsMapData(site);
    case 'coverage':
      return coverageMapData(site, siteSuggestions(site));
    case 'region':
      return regionMapData(site, needId(), siteSuggestions(site, needId()));
  }
}

let basemap: Promise<Basemap | null> | undefined;

/**
 * The basemap from the build's environment, read once; a PMTiles file is
 * looked up in `public/` of the project being built.
 */
export function siteBasemap(): Promise<Basemap | null> {
  basemap ??= basemapFromEnv(process.env, { publicDir: path.resolve(process.cwd(), 'public'), siteUrl: url });
  return basemap;
}
