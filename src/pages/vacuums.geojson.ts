/**
 * `/vacuums.geojson`: every vacuum (真空地带) of the 街镇 as polygons for GIS
 * tools (RFC 7946, WGS-84), with area, 街镇 and the farthest point.
 */
import type { APIRoute } from 'astro';
import { vacuumsGeoJson } from '../lib/district/view.ts';
import { getSiteData } from '../lib/site/site-data.ts';

export const GET: APIRoute = () =>
  new Response(JSON.stringify(vacuumsGeoJson(getSiteData())), {
    headers: { 'Content-Type': 'application/geo+json; charset=utf-8' },
  });
