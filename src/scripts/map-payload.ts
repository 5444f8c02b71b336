/**
 * What a map figure carries in its page: the map data and the basemap
 * setting, as JSON in a `<script type="application/json">`, so drawing a map
 * needs no request for data.
 */
import type { Basemap } from '../lib/map/basemap.ts';
import type { MapData } from '../lib/map/map-data.ts';

export interface MapPayload {
  data: MapData;
  basemap: Basemap | null;
}

/** The payload of a `[data-map]` figure. */
export function readPayload(figure: HTMLElement): MapPayload {
  const script = figure.querySelector('script[data-map-data]');
  if (!script?.textContent) throw new Error('map figure without data');
  return JSON.parse(script.textContent) as MapPayload;
}

/**
 * Serialises a payload for the page. `<` is escaped so no string in the data
 * (a title with `</script>`) can end the script element early.
 *
 * @example
 * payloadJson({ data, basemap: null }) // '{"data":{"kind":"route",…},"basemap":null}'
 */
export function payloadJson(payload: MapPayload): string {
  return JSON.stringify(payload).replace(/</g, '\\u003c');
}

/** A walker's position, handed from the walk mode to the map (`map:position` events). */
export interface PositionDetail {
  lng: number;
  lat: number;
  accuracyM: number;
}

export const POSITION_EVENT = 'map:position';
export const POSITION_CLEAR_EVENT = 'map:position-clear';
