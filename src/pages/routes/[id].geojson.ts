/**
 * `/routes/<id>.geojson`: the route's line and its stops for GIS tools
 * (RFC 7946, WGS-84).
 */
import type { APIRoute } from 'astro';
import { downloadInput, toGeoJson } from '../../lib/learners/downloads.ts';
import type { RouteEntry } from '../../lib/content/model.ts';
import { getSiteData } from '../../lib/site/site-data.ts';

export function getStaticPaths() {
  return getSiteData().content.routes.map((entry) => ({ params: { id: entry.id }, props: { entry } }));
}

export const GET: APIRoute<{ entry: RouteEntry }> = ({ props, site }) => {
  const { route, stops } = downloadInput(props.entry, site!);
  return new Response(toGeoJson(route, stops), { headers: { 'Content-Type': 'application/geo+json; charset=utf-8' } });
};
