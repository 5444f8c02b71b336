/** `/events/<id>.ics`: one event, behind the "加入日历" link of its page. */
import type { APIRoute } from 'astro';
import { siteBuildDate } from '../../lib/site/build-date.ts';
import { icsEvent, toIcs } from '../../lib/services/ics.ts';
import type { EventEntry } from '../../lib/content/model.ts';
import { getSiteData } from '../../lib/site/site-data.ts';

export function getStaticPaths() {
  return getSiteData().content.events.map((entry) => ({ params: { id: entry.id }, props: { entry } }));
}

export const GET: APIRoute<{ entry: EventEntry }> = ({ props, site }) => {
  const ics = toIcs([icsEvent(props.entry, site!)], { stamp: siteBuildDate(), name: props.entry.data.title });
  return new Response(ics, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
