/**
 * The text alternative printed next to every map, derived from the same map
 * data so the words and the drawing agree: the ordered stops with distances,
 * the gaps in words, what each circle holds. Structured (text and links), so
 * the component only lays it out.
 */
import { haversine } from '../geo/distance.ts';
import { formatAlongRange, formatPercent } from '../site/format.ts';
import type { LngLat } from '../content/model.ts';
import { entryUrl } from '../site/urls.ts';
import { formatDistance } from '../learners/walking.ts';
import { TIER_NAMES } from '../../schemas/stations.ts';
import { featuresOf, type MapData } from './map-data.ts';
import { COVERAGE_CLASSES } from './palette.ts';

/** A run of text or a link inside a sentence. */
export type Inline = string | { text: string; href: string };

export interface MapStopText {
  n: number;
  name: string;
  href: string;
  /** `起点`, `距上一站 420 米，距起点 1.2 公里`. */
  detail: string;
}

export interface MapText {
  /** Paragraphs, each a list of text runs and links. */
  paragraphs: Inline[][];
  /** A route's stops in walking order. */
  stops: MapStopText[];
}

/**
 * @example
 * mapText(routeMapData(site, 'qilai-awakening-route')).stops[1]
 * // { n: 2, name: '夏衍旧居', href: '/buildings/xia-yan-residence/', detail: '距上一站 793 米，距起点 793 米' }
 */
export function mapText(data: MapData): MapText {
  const text = kindText(data);
  const base = basemapText(data);
  return base.length > 0 ? { ...text, paragraphs: [...text.paragraphs, base] } : text;
}

/** What the streets and metro stations under the map are, in one sentence. */
function basemapText(data: MapData): Inline[] {
  const named = new Set(featuresOf(data, 'street').map((f) => f.properties.name).filter((n) => n !== ''));
  const metro = featuresOf(data, 'metro');
  const parts: Inline[] = [];
  if (featuresOf(data, 'street').length > 0) {
    parts.push(`灰色线是街道（越粗越深的是主干道）${named.size > 0 ? '，街名沿街标注' : ''}。`);
  }
  if (metro.length > 0) {
    parts.push(`带 M 的白色圆圈是地铁站：${metro.map((m) => m.properties.name).join('、')}。`);
  }
  return parts;
}

function kindText(data: MapData): MapText {
  switch (data.kind) {
    case 'route':
      return routeText(data);
    case 'station':
      return { paragraphs: stationText(data), stops: [] };
    case 'building':
      return { paragraphs: buildingText(data), stops: [] };
    case 'home':
      return { paragraphs: overviewText(data), stops: [] };
    case 'stations':
      return { paragraphs: tierText(data), stops: [] };
    case 'coverage':
    case 'region':
      return { paragraphs: choroplethText(data), stops: [] };
  }
}

const pointOf = (f: { geometry: { type: string; coordinates?: unknown } }) => f.geometry.coordinates as LngLat;

/** `A、B和C` with links. */
function listOf(items: Inline[]): Inline[] {
  return items.flatMap((item, i) => (i === 0 ? [item] : [i === items.length - 1 ? '和' : '、', item]));
}

function routeText(data: MapData): MapText {
  const [route] = featuresOf(data, 'route');
  const gaps = featuresOf(data, 'gap');
  const focus = featuresOf(data, 'circle').filter((c) => c.properties.focus);
  const stops = featuresOf(data, 'stop').map((f, i, all) => {
    const { n, name, kind, id, alongM } = f.properties;
    const previous = i > 0 ? all[i - 1].properties.alongM : null;
    const detail =
      i === 0
        ? alongM === null || alongM < 10
          ? '起点'
          : `距路线起点 ${formatDistance(alongM)}`
        : alongM === null
          ? '未能确定在路线上的位置'
          : previous === null
            ? `距起点 ${formatDistance(alongM)}`
            : `距上一站 ${formatDistance(alongM - previous)}，距起点 ${formatDistance(alongM)}`;
    return { n, name, href: entryUrl(kind, id), detail };
  });

  const line: Inline[] = route
    ? [
        route.properties.schematic
          ? `地图上的灰色虚线是示意路线（按经停点直线连接，不是实际步行道路）`
          : `地图上的蓝色实线是步行路线`,
        route.properties.lengthM === null ? '' : `，全长 ${formatDistance(route.properties.lengthM)}`,
        `；红色圆点按顺序标出 ${stops.length} 个经停点。`,
      ]
    : [`地图标出 ${stops.length} 个经停点。`];
  const circles: Inline[] =
    focus.length === 0
      ? ['沿途没有党建服务圈。']
      : ['沿途的党建服务圈（浅红色圆）属于', ...listOf(focus.map((c) => ({ text: c.properties.name, href: entryUrl('stations', c.properties.id) }))), '。'];
  const gapText: Inline[] =
    gaps.length === 0
      ? ['全程都在服务圈内。']
      : [
          `有 ${gaps.length} 段离开了服务圈（地图上用黄黑相间的条纹和“缺口”标出）：`,
          gaps
            .map((g) => `${formatAlongRange(g.properties.fromM, g.properties.toM)}，长约 ${formatDistance(g.properties.lengthM)}`)
            .join('；'),
          '。',
        ];
  return { paragraphs: [line, [...circles, ...gapText]], stops };
}

function stationText(data: MapData): Inline[][] {
  const [circle] = featuresOf(data, 'circle').filter((c) => c.properties.focus);
  if (!circle) return [];
  const centre = pointOf(circle);
  const buildings = featuresOf(data, 'building');
  const routes = featuresOf(data, 'route');
  const others = featuresOf(data, 'circle').filter((c) => !c.properties.focus);
  const paragraphs: Inline[][] = [
    [`地图中心的浅红色圆是“${circle.properties.name}”的服务圈，半径 ${formatDistance(circle.properties.radius)}。`],
    buildings.length === 0
      ? ['圈内没有收录的红色建筑。']
      : [
          `圈内有 ${buildings.length} 处红色建筑（菱形）：`,
          ...listOf(
            buildings.map((b) => ({
              text: `${b.properties.name}（距站点 ${formatDistance(haversine(centre, pointOf(b)))}）`,
              href: entryUrl('buildings', b.properties.id),
            })),
          ),
          '。',
        ],
    routes.length === 0
      ? ['没有路线经过这个服务圈。']
      : [
          `经过的路线 ${routes.length} 条：`,
          ...listOf(routes.map((r) => ({ text: r.properties.name, href: entryUrl('routes', r.properties.id) }))),
          '。',
        ],
  ];
  if (others.length > 0) {
    paragraphs.push([
      '周围灰色的是相邻站点的服务圈：',
      ...listOf(others.map((c) => ({ text: c.properties.name, href: entryUrl('stations', c.properties.id) }))),
      '。',
    ]);
  }
  return paragraphs;
}

function buildingText(data: MapData): Inline[][] {
  const [building] = featuresOf(data, 'building');
  if (!building) return [];
  const here = pointOf(building);
  const circles = featuresOf(data, 'circle')
    .map((c) => ({ c, distanceM: haversine(here, pointOf(c)) }))
    .sort((a, b) => a.distanceM - b.distanceM);
  const link = ({ c }: (typeof circles)[number]) => ({ text: c.properties.name, href: entryUrl('stations', c.properties.id) });
  const covering = circles.filter(({ c }) => c.properties.focus);
  const nearby = circles.filter(({ c }) => !c.properties.focus);
  const paragraphs: Inline[][] = [[`菱形标出“${building.properties.name}”的位置。`]];
  if (covering.length > 0) {
    paragraphs.push([
      '它在',
      ...listOf(covering.map((x) => ({ ...link(x), text: `${x.c.properties.name}（距站点 ${formatDistance(x.distanceM)}）` }))),
      '的服务圈内（浅红色）。',
    ]);
  } else if (nearby[0]) {
    const { c, distanceM } = nearby[0];
    paragraphs.push([
      '它不在任何服务圈内；最近的站点是',
      link(nearby[0]),
      `，距离 ${formatDistance(distanceM)}，在服务圈外约 ${formatDistance(distanceM - c.properties.radius)}。`,
    ]);
  } else {
    paragraphs.push(['附近没有收录的党群服务站点。']);
  }
  const others = covering.length > 0 ? nearby : nearby.slice(1);
  if (others.length > 0) {
    paragraphs.push([
      '附近其他站点的服务圈（灰色）：',
      ...listOf(others.map((x) => ({ ...link(x), text: `${x.c.properties.name}（距 ${formatDistance(x.distanceM)}）` }))),
      '。',
    ]);
  }
  return paragraphs;
}

function regionsSentence(data: MapData): string {
  return featuresOf(data, 'region')
    .map((r) => (r.properties.coveredPercent === null ? r.properties.name : `${r.properties.name}（服务圈覆盖 ${formatPercent(r.properties.coveredPercent)}）`))
    .join('、');
}

function overviewText(data: MapData): Inline[][] {
  const circles = featuresOf(data, 'circle');
  const routes = featuresOf(data, 'route');
  const schematic = routes.filter((r) => r.properties.schematic).length;
  const regions = regionsSentence(data);
  return [
    [
      regions ? `地图显示区域${regions}的边界（虚线），` : '地图显示',
      `${circles.length} 个站点的 500 米党建服务圈（浅红色）和 ${routes.length} 条学习路线`,
      schematic > 0 ? `（其中 ${schematic} 条为示意路线，以灰色虚线表示）` : '',
      '。',
    ],
    ['路线：', ...listOf(routes.map((r) => ({ text: r.properties.name, href: entryUrl('routes', r.properties.id) }))), '。'],
  ];
}

function tierText(data: MapData): Inline[][] {
  const circles = featuresOf(data, 'circle');
  const counts = Object.entries(TIER_NAMES)
    .map(([tier, name]) => ({ name, count: circles.filter((c) => c.properties.tier === tier).length }))
    .filter((t) => t.count > 0)
    .map((t) => `${t.name} ${t.count} 个`);
  return [[`地图显示 ${circles.length} 个站点的服务圈，圆心的颜色表示层级：${counts.join('，')}。`]];
}

/**
 * District and region maps. The figures themselves are in the table (or
 * the region's facts) right by the map: the words say how to read it.
 */
function choroplethText(data: MapData): Inline[][] {
  const shaded = featuresOf(data, 'region').filter((r) => r.properties.focus !== false);
  const vacuums = featuresOf(data, 'vacuum');
  const circles = featuresOf(data, 'circle');
  const suggestions = featuresOf(data, 'suggestion');
  const buildings = featuresOf(data, 'building');
  const empty = shaded.filter((r) => r.properties.stationCount === 0);
  const paragraphs: Inline[][] = [
    [
      shaded.length > 1
        ? `地图按服务圈覆盖率给 ${shaded.length} 个区域着色，颜色越深覆盖越多，每个区域上都写着名称和覆盖率：`
        : '地图按服务圈覆盖率给区域着色，并写着覆盖率：',
      shaded.map((r) => `${r.properties.name} ${r.properties.coveredPercent === null ? '—' : formatPercent(r.properties.coveredPercent)}`).join('，'),
      '。',
    ],
    [
      `${circles.length} 个站点的中心用形状区分层级（星形区级、三角形街镇、圆形居民区、方形楼宇、倒三角园区），细红线是它们的 500 米服务圈；`,
      vacuums.length > 0 ? `斜线标出 ${vacuums.length} 处真空地带（不在任何服务圈内、面积至少 1 万平方米的连片区域）。` : '没有真空地带。',
    ],
  ];
  if (empty.length > 0) paragraphs.push([`没有任何站点的区域：${empty.map((r) => r.properties.name).join('、')}。`]);
  if (buildings.length > 0) {
    paragraphs.push([
      `菱形是区域内的 ${buildings.length} 处红色建筑：`,
      ...listOf(buildings.map((b) => ({ text: b.properties.name, href: entryUrl('buildings', b.properties.id) }))),
      '。',
    ]);
  }
  if (suggestions.length > 0) {
    paragraphs.push([
      `黑色方块按顺序标出 ${suggestions.length} 个计算建议的新站点位置，虚线圆是它们的服务圈。这是按圆形几何算出的建议，不是决定。`,
    ]);
  }
  return paragraphs;
}

/** Which mark a legend entry shows; the component draws the swatch. */
export type LegendMark =
  | 'circle'
  | 'context'
  | 'route'
  | 'schematic'
  | 'gap'
  | 'stop'
  | 'building'
  | 'region'
  | 'vacuum'
  | 'tier'
  | 'shade'
  | 'tierShape'
  | 'suggestion'
  | 'street'
  | 'metro';

export interface LegendItem {
  mark: LegendMark;
  label: string;
  /** For `tier` and `tierShape` marks: which tier. */
  tier?: string;
  /** For `shade` marks: the fill colour of the coverage class. */
  color?: string;
}

/**
 * The legend for what this map actually shows, in drawing order.
 *
 * @example
 * legendItems(routeMapData(site, 'qilai-awakening-route')).map((i) => i.mark)
 * // ['circle', 'context', 'schematic', 'stop']
 */
export function legendItems(data: MapData): LegendItem[] {
  const has = (role: Parameters<typeof featuresOf>[1]) => featuresOf(data, role).length > 0;
  const circles = featuresOf(data, 'circle');
  const routes = featuresOf(data, 'route');
  const items: LegendItem[] = [];
  if (data.kind === 'coverage' || data.kind === 'region') return choroplethLegend(data);
  if (data.kind === 'stations') {
    for (const [tier, name] of Object.entries(TIER_NAMES)) {
      if (circles.some((c) => c.properties.tier === tier)) items.push({ mark: 'tier', tier, label: name });
    }
    return items;
  }
  if (has('region')) items.push({ mark: 'region', label: '区域边界' });
  if (has('vacuum')) items.push({ mark: 'vacuum', label: '真空地带（未被服务圈覆盖）' });
  if (circles.some((c) => c.properties.focus)) items.push({ mark: 'circle', label: '党建服务圈' });
  if (circles.some((c) => !c.properties.focus)) items.push({ mark: 'context', label: '附近其他站点的服务圈' });
  if (routes.some((r) => !r.properties.schematic)) items.push({ mark: 'route', label: '路线（步行轨迹）' });
  if (routes.some((r) => r.properties.schematic)) items.push({ mark: 'schematic', label: '示意路线（经停点直线连接）' });
  if (has('gap')) items.push({ mark: 'gap', label: '离开服务圈的路段（缺口）' });
  if (has('stop')) items.push({ mark: 'stop', label: '经停点（按顺序编号）' });
  if (has('building')) items.push({ mark: 'building', label: '红色建筑' });
  if (has('street')) items.push({ mark: 'street', label: '街道' });
  if (has('metro')) items.push({ mark: 'metro', label: '地铁站' });
  return items;
}

/** Coverage classes, vacuums, tiers present, red sites and proposed stations. */
function choroplethLegend(data: MapData): LegendItem[] {
  const circles = featuresOf(data, 'circle');
  const items: LegendItem[] = COVERAGE_CLASSES.map((c) => ({ mark: 'shade', color: c.color, label: `覆盖率 ${c.label}` }));
  if (featuresOf(data, 'vacuum').length > 0) items.push({ mark: 'vacuum', label: '真空地带' });
  for (const [tier, name] of Object.entries(TIER_NAMES)) {
    if (circles.some((c) => c.properties.tier === tier)) items.push({ mark: 'tierShape', tier, label: name });
  }
  if (featuresOf(data, 'building').length > 0) items.push({ mark: 'building', label: '红色建筑' });
  if (featuresOf(data, 'route').length > 0) items.push({ mark: 'route', label: '学习路线' });
  if (featuresOf(data, 'suggestion').length > 0) items.push({ mark: 'suggestion', label: '计算建议的新站点（编号，非决定）' });
  return items;
}
