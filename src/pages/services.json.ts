/**
 * `/services.json`: the same lists as /services/, for other systems. Shape
 * (README.md, “三张清单”): `{ generated, about, stations: StationServices[] }`,
 * see src/lib/services/lists.ts.
 */
import type { APIRoute } from 'astro';
import { siteBuildDate } from '../lib/site/build-date.ts';
import { serviceDirectory } from '../lib/services/lists.ts';
import { getSiteData } from '../lib/site/site-data.ts';

export const GET: APIRoute = ({ site }) => {
  const body = {
    generated: siteBuildDate().toISOString(),
    about:
      '徐汇区党群服务站点的三张清单（services 服务清单、needs 需求清单、projects 项目清单）。demo 为 true 的项是示例，没有公开来源。region 是按区域边界判断的所在街镇。',
    stations: serviceDirectory(getSiteData().content, site!),
  };
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
