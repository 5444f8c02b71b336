/** `/events/<id>.ics`: one event, behind the "加入日历" link of its page. */
import type { APIRoute } from 'astro';
import { siteBuildDate } from '../../lib/build-date.ts';
import { icsEvent, toIcs } from '../../lib/ics.ts';
import type { EventEntry } from '../../lib/model.ts';
import { getSiteData } from '../../lib/site-data.ts';

export function getStaticPaths() {
  return getSiteData().content.events.map((entry) => ({ params: { id: entry.id }, props: { entry } }));
}

export const GET: APIRoute<{ entry: EventEntry }> = ({ props, site }) => {
  const ics = toIcs([icsEvent(props.entry, site!)], { stamp: siteBuildDate(), name: props.entry.data.title });
  return new Response(ics, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
