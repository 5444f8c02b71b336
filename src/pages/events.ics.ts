/** `/events.ics`: every event, for subscribing in a phone's calendar (RFC 5545). */
import type { APIRoute } from 'astro';
import { siteBuildDate } from '../lib/site/build-date.ts';
import { icsEvent, toIcs } from '../lib/services/ics.ts';
import { getSiteData } from '../lib/site/site-data.ts';

export const GET: APIRoute = ({ site }) => {
  const events = getSiteData().content.events.map((entry) => icsEvent(entry, site!));
  return new Response(toIcs(events, { stamp: siteBuildDate() }), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
};
