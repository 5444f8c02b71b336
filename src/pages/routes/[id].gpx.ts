/**
 * `/routes/<id>.gpx`: the route for navigation apps (track plus the stops as
 * named waypoints), WGS-84. Static hosts pick the Content-Type from the
 * extension; this one is what `astro preview` sends.
 */
import type { APIRoute } from 'astro';
import { downloadInput, toGpx } from '../../lib/learners/downloads.ts';
import type { RouteEntry } from '../../lib/content/model.ts';
import { getSiteData } from '../../lib/site/site-data.ts';

export function getStaticPaths() {
  return getSiteData().content.routes.map((entry) => ({ params: { id: entry.id }, props: { entry } }));
}

export const GET: APIRoute<{ entry: RouteEntry }> = ({ props, site }) => {
  const { route, stops } = downloadInput(props.entry, site!);
  return new Response(toGpx(route, stops), { headers: { 'Content-Type': 'application/gpx+xml; charset=utf-8' } });
};
