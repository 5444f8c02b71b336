/**
 * One list of the district's 三张清单 (services, needs and projects of every
 * station), for `/services/` and `/services.json`. Each item knows its
 * station, the station's tier and the 街镇 its position lies in
 * (regionOfPoint), so the page can filter by all three.
 */
import { regionOfPoint } from '../district/index.ts';
import type { Content, StationEntry } from '../content/model.ts';
import { absoluteUrl, entryUrl } from '../site/urls.ts';
import { TIER_NAMES, type Project, type ServiceItem } from '../../schemas/stations.ts';

export const SERVICE_KINDS = [
  { id: 'service', field: 'services', label: '服务清单' },
  { id: 'need', field: 'needs', label: '需求清单' },
  { id: 'project', field: 'projects', label: '项目清单' },
] as const;

export type ServiceKind = (typeof SERVICE_KINDS)[number]['id'];

/** One station with its lists, as /services.json publishes it. */
export interface StationServices {
  id: string;
  name: string;
  tier: StationEntry['data']['tier'];
  tierName: string;
  /** The 街镇 the station's position lies in, from the region outlines; null outside all of them. */
  region: { id: string; name: string } | null;
  url: string;
  address: string | null;
  phone: string | null;
  /** As written (OpenStreetMap opening_hours syntax, or free text). */
  openingHours: string | null;
  /** The station itself is illustrative (`demo: true`). */
  demoStation: boolean;
  services: (ServiceItem & { demo: boolean })[];
  needs: (ServiceItem & { demo: boolean })[];
  projects: (Project & { demo: boolean })[];
}

/**
 * The stations that publish at least one list, in content order.
 *
 * @example
 * serviceDirectory(content, 'https://example.gov.cn')[0].services[0] // { name: '党员组织关系转接', demo: true, … }
 */
export function serviceDirectory(content: Content, site: URL | string): StationServices[] {
  return content.stations
    .filter((s) => SERVICE_KINDS.some((k) => (s.data[k.field]?.length ?? 0) > 0))
    .map((station) => {
      const { data } = station;
      const demo = new Set<string>(data.demoFields ?? []);
      const region = regionOfPoint(station.point, content.regions);
      const mark = <T,>(field: string, items: T[] | undefined) => (items ?? []).map((item) => ({ ...item, demo: demo.has(field) }));
      return {
        id: station.id,
        name: data.name,
        tier: data.tier,
        tierName: TIER_NAMES[data.tier],
        region: region ? { id: region.id, name: region.name } : null,
        url: absoluteUrl(entryUrl('stations', station.id), site),
        address: data.address ?? null,
        phone: data.phone ?? null,
        openingHours: data.openingHours ?? null,
        demoStation: data.demo === true,
        services: mark('services', data.services),
        needs: mark('needs', data.needs),
        projects: mark('projects', data.projects),
      };
    });
}

/**
 * `tel:` link of a phone number as written (`021-6400 0000` → `tel:+862164000000`):
 * digits only, and a Chinese area code gets the country code so the link also
 * works from a phone registered abroad.
 *
 * @example
 * telHref('021-64000000') // 'tel:+862164000000'
 * telHref('+86 21 6400 0000') // 'tel:+862164000000'
 */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^0-9+]/g, '');
  if (digits.startsWith('+')) return `tel:${digits}`;
  return digits.startsWith('0') ? `tel:+86${digits.slice(1)}` : `tel:${digits}`;
}
