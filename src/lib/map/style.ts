/**
 * The interactive map's MapLibre style, built from the page's map data. The
 * default needs no server: no tiles, no glyphs (text is drawn from the
 * phone's own fonts), no sprite (the two patterns it uses are drawn in code,
 * see `images`). An optional basemap (basemap.ts) goes underneath.
 */
import type {
  ExpressionSpecification,
  FilterSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { Basemap } from './basemap.ts';
import { circleRing } from './geometry.ts';
import type { CircleProps, MapData } from './map-data.ts';
import { CIRCLE_OPACITY_OVER_STREETS, COLORS, STREET_STYLES, TIER_COLORS } from './palette.ts';

/** Local fonts for labels; CJK characters also go through MapLibre's `localIdeographFontFamily`. */
export const LABEL_FONTS = ['Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', 'sans-serif'];
/** The same list as a CSS font-family, for `localIdeographFontFamily`. */
export const IDEOGRAPH_FONT_FAMILY = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/** The GeoJSON source with the page's data, and the one with the walker's position. */
export const OVERLAY = 'overlay';
export const POSITION = 'position';

/** Names of the images the style uses; `images.ts` draws them. */
export const IMAGES = { hatch: 'hatch', diamond: 'diamond' } as const;

/**
 * The full style for a page: the basemap's sources and layers (if any) and
 * then the overlay. A basemap given as a style URL is merged by the client
 * with `mergeStyle` once it is fetched.
 *
 * @example
 * const style = buildStyle(data, null);
 * style.glyphs // undefined: labels are drawn with local fonts
 * style.layers[0].id // 'background'
 */
export function buildStyle(data: MapData, basemap: Basemap | null, pageUrl = 'http://localhost/'): StyleSpecification {
  const base = basemap && basemap.type !== 'style' ? basemapParts(basemap, pageUrl) : null;
  return {
    version: 8,
    sources: { ...base?.sources, ...overlaySources(data) },
    layers: [
      ...(base ? base.layers : [{ id: 'background', type: 'background', paint: { 'background-color': COLORS.background } } as const]),
      ...overlayLayers(data, base !== null),
    ],
  };
}

/**
 * A fetched basemap style with the overlay on top. The overlay's labels use
 * local fonts; the basemap keeps its own glyphs and sprite.
 *
 * @example
 * map.setStyle(basemap.url, { transformStyle: (_, next) => mergeStyle(next, data) })
 */
export function mergeStyle(base: StyleSpecification, data: MapData): StyleSpecification {
  return {
    ...base,
    sources: { ...base.sources, ...overlaySources(data) },
    layers: [...base.layers, ...overlayLayers(data, true)],
  };
}

/**
 * The page's features as MapLibre needs them: circles, which travel as a
 * centre and a radius, become 64-sided polygons next to their centre point.
 *
 * @example
 * withCirclePolygons(data).features.filter((f) => f.geometry.type === 'Polygon').length // one per circle
 */
export function withCirclePolygons(data: MapData): FeatureCollection {
  const polygons: Feature<Polygon, CircleProps>[] = data.features.features.flatMap((f) =>
    f.properties.role === 'circle' && f.geometry.type === 'Point'
      ? [
          {
            type: 'Feature',
            geometry: { type: 'Polygon', coordinates: [circleRing(f.geometry.coordinates as [number, number], f.properties.radius)] },
            properties: f.properties,
          },
        ]
      : [],
  );
  return { type: 'FeatureCollection', features: [...polygons, ...data.features.features] };
}

function overlaySources(data: MapData): Record<string, SourceSpecification> {
  return {
    [OVERLAY]: { type: 'geojson', data: withCirclePolygons(data), attribution: attributionHtml(data.attribution) || undefined },
    [POSITION]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
  };
}

/**
 * Credits as the attribution control shows them (it takes HTML): the text
 * escaped, as it comes from content files, and OpenStreetMap's credit
 * linked to its copyright page, as ODbL asks.
 *
 * @example
 * attributionHtml(['© OpenStreetMap contributors'])
 * // '<a href="https://www.openstreetmap.org/copyright">© OpenStreetMap contributors</a>'
 */
export function attributionHtml(credits: readonly string[]): string {
  const escape = (text: string) =>
    text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
  return credits
    .map((credit) =>
      escape(credit).replace(/(©\s*)?OpenStreetMap contributors/, (m) => `<a href="${OSM_COPYRIGHT}">${m}</a>`),
    )
    .join(' · ');
}

/** Where ODbL's credit links. */
export const OSM_COPYRIGHT = 'https://www.openstreetmap.org/copyright';

const role = (name: string): ExpressionSpecification => ['==', ['get', 'role'], name];
const isPolygon: ExpressionSpecification = ['==', ['geometry-type'], 'Polygon'];
const isPoint: ExpressionSpecification = ['==', ['geometry-type'], 'Point'];
const all = (...conditions: ExpressionSpecification[]): FilterSpecification => ['all', ...conditions];

/** Halo so labels read over lines and fills. */
const HALO = { 'text-color': COLORS.text, 'text-halo-color': '#ffffff', 'text-halo-width': 2 };

function label(id: string, filter: FilterSpecification, field: ExpressionSpecification | string, size: number, minzoom = 0): LayerSpecification {
  return {
    id,
    type: 'symbol',
    source: OVERLAY,
    filter,
    minzoom,
    layout: {
      'text-field': field,
      'text-font': LABEL_FONTS,
      'text-size': size,
      'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
      'text-radial-offset': 1.1,
      'text-justify': 'auto',
      'text-max-width': 8,
    },
    paint: HALO,
  };
}

/**
 * The overlay, bottom to top: regions, vacuums, circles, routes,
 * gaps, stations, buildings, stops, labels, the walker's position.
 *
 * Circles are drawn as their union where nothing shows through them: every
 * outline first, then opaque fills over all of them, so only the outer edge
 * stays. Over a basemap the fills must be see-through, so outlines go on top.
 */
export function overlayLayers(data: MapData, overBasemap: boolean): LayerSpecification[] {
  const byTier = data.kind === 'stations';
  // Streets show through the circles, as they do through a tile basemap.
  const seeThrough = overBasemap || data.features.features.some((f) => f.properties.role === 'street');
  const circleLine = (focus: boolean): ExpressionSpecification | string =>
    byTier
      ? (['match', ['get', 'tier'], ...Object.entries(TIER_COLORS).flat(), COLORS.circleLine] as unknown as ExpressionSpecification)
      : focus
        ? COLORS.circleLine
        : COLORS.contextLine;
  const circles = (focus: boolean): LayerSpecification[] => {
    const filter = all(role('circle'), isPolygon, ['==', ['get', 'focus'], focus]);
    const suffix = focus ? 'focus' : 'context';
    const outline: LayerSpecification = {
      id: `circle-line-${suffix}`,
      type: 'line',
      source: OVERLAY,
      filter,
      paint: { 'line-color': circleLine(focus), 'line-width': seeThrough ? 2.5 : focus ? 5 : 3 },
    };
    const fill: LayerSpecification = {
      id: `circle-fill-${suffix}`,
      type: 'fill',
      source: OVERLAY,
      filter,
      paint: { 'fill-color': focus ? COLORS.circle : COLORS.context, 'fill-opacity': seeThrough ? CIRCLE_OPACITY_OVER_STREETS : 1 },
    };
    return seeThrough ? [fill, outline] : [outline, fill];
  };
  const regionFilter = all(role('region'));

  return [
    ...(overBasemap
      ? []
      : [{ id: 'region-fill', type: 'fill', source: OVERLAY, filter: regionFilter, paint: { 'fill-color': COLORS.region } } as const]),
    // A tile basemap already draws streets: the content's own are drawn only without one.
    ...(overBasemap ? [] : streetLayers()),
    { id: 'vacuum', type: 'fill', source: OVERLAY, filter: all(role('vacuum')), paint: { 'fill-pattern': IMAGES.hatch } },
    ...circles(false),
    ...circles(true),
    ...(overBasemap ? [] : [streetNameLayer()]),
    {
      id: 'region-line',
      type: 'line',
      source: OVERLAY,
      filter: regionFilter,
      paint: { 'line-color': COLORS.regionLine, 'line-width': 2, 'line-dasharray': [4, 2] },
    },
    {
      id: 'route-casing',
      type: 'line',
      source: OVERLAY,
      filter: all(role('route')),
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': 9 },
    },
    {
      id: 'route-line',
      type: 'line',
      source: OVERLAY,
      filter: all(role('route'), ['!', ['get', 'schematic']]),
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': COLORS.route, 'line-width': 5 },
    },
    {
      id: 'route-schematic',
      type: 'line',
      source: OVERLAY,
      filter: all(role('route'), ['get', 'schematic']),
      layout: { 'line-cap': 'round' },
      paint: { 'line-color': COLORS.schematic, 'line-width': 4, 'line-dasharray': [2.5, 1.75] },
    },
    {
      id: 'gap-base',
      type: 'line',
      source: OVERLAY,
      filter: all(role('gap')),
      paint: { 'line-color': COLORS.gap, 'line-width': 10 },
    },
    {
      id: 'gap-stripe',
      type: 'line',
      source: OVERLAY,
      filter: all(role('gap')),
      paint: { 'line-color': COLORS.gapStripe, 'line-width': 10, 'line-dasharray': [0.6, 0.6] },
    },
    {
      id: 'station-dot',
      type: 'circle',
      source: OVERLAY,
      filter: all(role('circle'), isPoint),
      paint: {
        'circle-radius': byTier ? 7 : 5,
        // As on the static map: tier colours on the stations map, else the page's own circles red and neighbours grey.
        'circle-color': byTier ? circleLine(true) : ['case', ['==', ['get', 'focus'], true], COLORS.circleLine, COLORS.contextLine],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'building',
      type: 'symbol',
      source: OVERLAY,
      filter: all(role('building')),
      layout: { 'icon-image': IMAGES.diamond, 'icon-allow-overlap': true, 'icon-size': ['case', ['get', 'focus'], 1.3, 1] },
    },
    {
      id: 'stop-circle',
      type: 'circle',
      source: OVERLAY,
      filter: all(role('stop')),
      paint: { 'circle-radius': 13, 'circle-color': COLORS.stop, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2.5 },
    },
    {
      id: 'stop-number',
      type: 'symbol',
      source: OVERLAY,
      filter: all(role('stop')),
      layout: {
        'text-field': ['to-string', ['get', 'n']],
        'text-font': LABEL_FONTS,
        'text-size': 15,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
    {
      id: 'metro',
      type: 'circle',
      source: OVERLAY,
      filter: all(role('metro')),
      paint: { 'circle-radius': 7, 'circle-color': '#ffffff', 'circle-stroke-color': '#1a1a1a', 'circle-stroke-width': 2 },
    },
    {
      id: 'metro-m',
      type: 'symbol',
      source: OVERLAY,
      filter: all(role('metro')),
      layout: { 'text-field': 'M', 'text-font': LABEL_FONTS, 'text-size': 10, 'text-allow-overlap': true, 'text-ignore-placement': true },
      paint: { 'text-color': '#1a1a1a' },
    },
    label('stop-label', all(role('stop')), ['get', 'name'], 15),
    label('metro-label', all(role('metro')), ['get', 'name'], 13),
    label('building-label', all(role('building')), ['get', 'name'], 14),
    label('gap-label', all(role('gap')), '缺口', 14),
    {
      id: 'schematic-label',
      type: 'symbol',
      source: OVERLAY,
      filter: all(role('route'), ['get', 'schematic']),
      layout: {
        'symbol-placement': 'line',
        'symbol-spacing': 300,
        'text-field': '示意',
        'text-font': LABEL_FONTS,
        'text-size': 13,
      },
      paint: HALO,
    },
    label('station-label', all(role('circle'), isPoint), ['get', 'name'], 13, data.kind === 'route' || data.kind === 'home' ? 15 : 0),
    label('region-label', all(role('region')), ['get', 'name'], 14),
    {
      id: 'position-accuracy',
      type: 'fill',
      source: POSITION,
      filter: isPolygon,
      paint: { 'fill-color': COLORS.position, 'fill-opacity': 0.15 },
    },
    {
      id: 'position-dot',
      type: 'circle',
      source: POSITION,
      filter: isPoint,
      paint: { 'circle-radius': 8, 'circle-color': COLORS.position, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 },
    },
  ];
}

/**
 * The content's streets (role `street`), one line layer per class, as on
 * the static map: minor streets first, the major roads widest and darkest
 * on top. Widths grow with zoom.
 */
export function streetLayers(): LayerSpecification[] {
  return [3, 2, 1, 0].map((cls) => {
    const { color, width } = STREET_STYLES[cls];
    return {
      id: `street-${cls}`,
      type: 'line',
      source: OVERLAY,
      filter: all(role('street'), ['==', ['get', 'cls'], cls]),
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': color, 'line-width': ['interpolate', ['linear'], ['zoom'], 13, width * 0.6, 16, width * 1.4, 18, width * 3] },
    };
  });
}

/**
 * Street names along the lines, in the device's fonts (no glyph server:
 * the style has no `glyphs`, so MapLibre draws every character locally).
 */
export function streetNameLayer(): LayerSpecification {
  return {
    id: 'street-name',
    type: 'symbol',
    source: OVERLAY,
    filter: all(role('street'), ['!=', ['get', 'name'], '']),
    layout: {
      'symbol-placement': 'line',
      'symbol-spacing': 250,
      'text-field': ['get', 'name'],
      'text-font': LABEL_FONTS,
      'text-size': 12,
      'text-max-angle': 30,
      'text-padding': 2,
    },
    paint: { 'text-color': '#4a443b', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
  };
}

/** Sources and layers of a raster or PMTiles basemap. */
function basemapParts(basemap: Exclude<Basemap, { type: 'style' }>, pageUrl: string) {
  const attribution = basemap.attribution.join(' · ');
  if (basemap.type === 'raster') {
    return {
      sources: { basemap: { type: 'raster', tiles: basemap.tiles, tileSize: basemap.tileSize, maxzoom: basemap.maxzoom, attribution } },
      layers: [{ id: 'basemap', type: 'raster', source: 'basemap' }],
    } satisfies { sources: Record<string, SourceSpecification>; layers: LayerSpecification[] };
  }
  // The pmtiles protocol needs an absolute URL; the file sits on this site under its base path.
  const url = `pmtiles://${new URL(basemap.url, pageUrl).href}`;
  if (basemap.tiles === 'raster') {
    return {
      sources: { basemap: { type: 'raster', url, tileSize: 256, attribution } },
      layers: [{ id: 'basemap', type: 'raster', source: 'basemap' }],
    } satisfies { sources: Record<string, SourceSpecification>; layers: LayerSpecification[] };
  }
  return {
    sources: { basemap: { type: 'vector', url, attribution } },
    layers: protomapsLayers('basemap'),
  } satisfies { sources: Record<string, SourceSpecification>; layers: LayerSpecification[] };
}

/**
 * A quiet street map for a Protomaps basemap extract (its v4 layers: earth,
 * landuse, water, roads, buildings): enough to find a door, drawn so the
 * circles and routes stay in front. Street names use local fonts like the
 * overlay; no glyphs or sprites are fetched.
 */
export function protomapsLayers(source: string): LayerSpecification[] {
  const kind = (...kinds: string[]): FilterSpecification => ['in', ['get', 'kind'], ['literal', kinds]];
  const road = (id: string, kinds: string[], color: string, width: number, dash?: number[]): LayerSpecification => ({
    id,
    type: 'line',
    source,
    'source-layer': 'roads',
    filter: kind(...kinds),
    layout: { 'line-join': 'round', 'line-cap': dash ? 'butt' : 'round' },
    paint: {
      'line-color': color,
      'line-width': ['interpolate', ['exponential', 1.6], ['zoom'], 12, width / 3, 18, width * 2.5],
      ...(dash ? { 'line-dasharray': dash } : {}),
    },
  });
  return [
    { id: 'background', type: 'background', paint: { 'background-color': '#e8e4dc' } },
    { id: 'earth', type: 'fill', source, 'source-layer': 'earth', paint: { 'fill-color': '#f4f1ea' } },
    {
      id: 'green',
      type: 'fill',
      source,
      'source-layer': 'landuse',
      filter: kind('park', 'garden', 'grass', 'wood', 'forest', 'cemetery', 'golf_course', 'playground', 'nature_reserve'),
      paint: { 'fill-color': '#dcead0' },
    },
    { id: 'water', type: 'fill', source, 'source-layer': 'water', paint: { 'fill-color': '#b5d4e3' } },
    { id: 'buildings', type: 'fill', source, 'source-layer': 'buildings', minzoom: 14, paint: { 'fill-color': '#e0d9cf' } },
    road('roads-path', ['path'], '#9a9a9a', 1.2, [2, 1.5]),
    road('roads-minor', ['minor_road', 'other'], '#ffffff', 2),
    road('roads-major', ['major_road'], '#ffffff', 3.5),
    road('roads-highway', ['highway'], '#f6d28b', 4),
    road('rail', ['rail'], '#b0b0b0', 1.5, [3, 2]),
    {
      id: 'road-names',
      type: 'symbol',
      source,
      'source-layer': 'roads',
      minzoom: 15,
      filter: kind('major_road', 'minor_road', 'highway'),
      layout: {
        'symbol-placement': 'line',
        'text-field': ['coalesce', ['get', 'name:zh-Hans'], ['get', 'name:zh'], ['get', 'name']],
        'text-font': LABEL_FONTS,
        'text-size': 12,
      },
      paint: { 'text-color': '#555555', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
  ];
}
