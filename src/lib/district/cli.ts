/**
 * The checker's siting flags (`--suggest <k> [--region <id>] [--radius <m>]`):
 * what they must look like, and the Chinese lines printed for the result.
 * Every refusal is one line saying what to change (exit status 2).
 */
import { formatArea, formatLngLat, formatPercent } from '../site/format.ts';
import { haversine } from '../geo/distance.ts';
import type { Content } from '../content/model.ts';
import { closest } from '../content/problems.ts';
import { topLevelRegions } from './regions.ts';
import type { Suggestion } from './types.ts';

export interface SitingRequest {
  k: number;
  region?: string;
  radiusM: number;
}

/** The flags as `parseArgs` returns them: strings, absent when not given. */
export interface SitingFlags {
  suggest?: string;
  region?: string;
  radius?: string;
}

/**
 * The siting request the flags ask for: undefined without `--suggest`, or
 * a one-line Chinese refusal.
 *
 * @example
 * parseSitingFlags({ suggest: '5' })                 // { request: { k: 5, radiusM: 500 } }
 * parseSitingFlags({ suggest: '0' }).error           // '参数错误：--suggest 应为 1 到 100 之间的整数（新站点的个数），收到“0”。'
 * parseSitingFlags({ region: 'longhua' }).error      // '参数错误：--region 只能和 --suggest 一起使用，例如 --suggest 2 --region longhua。'
 */
export function parseSitingFlags(flags: SitingFlags): { request?: SitingRequest; error?: string } {
  if (flags.suggest === undefined) {
    const alone = flags.region !== undefined ? `--region ${flags.region}` : flags.radius !== undefined ? `--radius ${flags.radius}` : '';
    if (alone) return { error: `参数错误：${alone.split(' ')[0]} 只能和 --suggest 一起使用，例如 --suggest 2 ${alone}。` };
    return {};
  }
  const k = strictNumber(flags.suggest);
  if (!(Number.isInteger(k) && k >= 1 && k <= 100)) {
    return { error: `参数错误：--suggest 应为 1 到 100 之间的整数（新站点的个数），收到“${flags.suggest}”。` };
  }
  const radiusM = flags.radius === undefined ? 500 : strictNumber(flags.radius);
  if (!(Number.isFinite(radiusM) && radiusM > 0)) {
    return { error: `参数错误：--radius 应为大于 0 的米数（新站点的服务半径，默认 500），收到“${flags.radius}”。` };
  }
  if (flags.region !== undefined && flags.region.trim() === '') {
    return { error: '参数错误：--region 后面应写区域的 id（content/regions/ 中的文件名，不含 .geojson）。' };
  }
  return { request: flags.region === undefined ? { k, radiusM } : { k, region: flags.region, radiusM } };
}

/** `Number` accepts '' and ' ' as 0 and '0x10' as 16; a person typing a count means digits. */
function strictNumber(text: string): number {
  return /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(text) ? Number(text) : NaN;
}

/**
 * Whether the content can answer the request: it needs regions, and the
 * region asked for must exist. Undefined when it can, else one Chinese line.
 *
 * @example
 * sitingTargetError(content, { k: 2, region: 'longhau', radiusM: 500 })
 * // '参数错误：没有 id 为“longhau”的区域，是不是“longhua”？…'
 */
export function sitingTargetError(content: Content, request: SitingRequest): string | undefined {
  if (content.regions.length === 0) {
    return `参数错误：--suggest 需要区域，但 ${content.dir}/regions/ 中没有可用的区域文件；请先添加区域（.geojson），或去掉 --suggest。`;
  }
  if (request.region === undefined || content.regions.some((r) => r.id === request.region)) return undefined;
  const ids = content.regions.map((r) => r.id);
  const near = closest(request.region, ids);
  const known = near ? `是不是“${near}”？` : `现有区域：${ids.slice(0, 20).join('、')}${ids.length > 20 ? ' 等' : ''}。`;
  return `参数错误：没有 id 为“${request.region}”的区域，${known}--region 后写 content/regions/ 中的文件名（不含 .geojson）。`;
}

/**
 * The terminal lines for the suggestions: where (街镇 and coordinates,
 * nearest existing station and its distance), how much each adds, and the
 * covered share before → after.
 *
 * @example
 * formatSuggestions(suggestions, content, { request, coveredPercentBefore: 22.9 })
 * // '选址建议：在现有站点之外再设 5 个站点（服务半径 500 米）…\n  1. 华泾镇（huajing） 经度 121.460247，纬度 31.122441\n …'
 */
export function formatSuggestions(
  suggestions: readonly Suggestion[],
  content: Content,
  options: { request: SitingRequest; coveredPercentBefore: number },
): string {
  const { request } = options;
  const names = new Map(content.regions.map((r) => [r.id, r.name]));
  const measured = request.region === undefined ? topLevelRegions(content.regions).map((r) => r.id) : [request.region];
  const area = measured.length > 3 ? `${measured.length} 个顶层区域` : measured.map((id) => `${names.get(id)}（${id}）`).join('、');
  const lines = [
    `选址建议：在${area}再设 ${request.k} 个站点（服务半径 ${request.radiusM} 米）时，依次新覆盖面积最大的位置。这是计算结果，供规划参考，不是决定。`,
  ];
  let before = options.coveredPercentBefore;
  suggestions.forEach((s, i) => {
    const place = s.region ? `${names.get(s.region) ?? s.region}（${s.region}）` : '不在任何区域内';
    lines.push(`  ${i + 1}. ${place}  ${formatLngLat(s.point)}`);
    const nearest = nearestStation(content, s.point);
    lines.push(nearest ? `     最近的现有站点：${nearest.name}（${nearest.id}），${Math.round(nearest.distanceM)} 米` : '     内容中还没有任何站点');
    lines.push(
      `     新覆盖 ${Math.round(s.gainM2).toLocaleString('en')} 平方米（${formatArea(s.gainM2)}）；覆盖率 ${formatPercent(before)} → ${formatPercent(s.coveredPercentAfter)}`,
    );
    before = s.coveredPercentAfter;
  });
  if (suggestions.length < request.k) {
    lines.push(`  只给出 ${suggestions.length} 个：再多的站点已不能新覆盖任何面积。`);
  }
  return lines.join('\n');
}

function nearestStation(content: Content, point: [number, number]) {
  let best: { id: string; name: string; distanceM: number } | undefined;
  for (const s of content.stations) {
    const d = haversine(point, s.point);
    if (!best || d < best.distanceM) best = { id: s.id, name: s.data.name, distanceM: d };
  }
  return best;
}

/**
 * Covered share of the measured area before any suggestion, from the
 * report's regions: the region asked for, or the top-level regions
 * weighted by area.
 *
 * @example
 * coveredBefore(report.regions, content, { k: 5, radiusM: 500 }) // 22.9
 */
export function coveredBefore(
  regions: readonly { id: string; areaM2: number; coveredPercent: number }[],
  content: Content,
  request: SitingRequest,
): number {
  const ids = new Set(request.region !== undefined ? [request.region] : topLevelRegions(content.regions).map((r) => r.id));
  const measured = regions.filter((r) => ids.has(r.id));
  const area = measured.reduce((sum, r) => sum + r.areaM2, 0);
  return area > 0 ? measured.reduce((sum, r) => sum + r.areaM2 * r.coveredPercent, 0) / area : 0;
}

