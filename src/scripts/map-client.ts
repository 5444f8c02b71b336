/**
 * The interactive map, imported by map-loader.ts only when the visitor asks
 * for it: MapLibre, its CSS and its worker load with this module, never
 * before.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
// MapLibre's prebuilt files, put into the build as they are (src/integrations/maplibre-files.ts).
// The worker's URL is handed over because MapLibre 6 looks for it next to its own module (stack notes).
import { maplibreUrl, workerUrl } from 'virtual:maplibre-files';
// As a URL, not a side-effect import: Astro would hoist an imported stylesheet
// into the <head> of every page with a map, loading it before any map is near.
import cssUrl from 'maplibre-gl/dist/maplibre-gl.css?url';
import type { FeatureCollection } from 'geojson';
import { circleRing } from '../lib/map/geometry.ts';
import { IMAGE_PIXEL_RATIO, styleImage } from '../lib/map/images.ts';
import { buildStyle, IDEOGRAPH_FONT_FAMILY, mergeStyle, POSITION } from '../lib/map/style.ts';
import { SVG_PADDING } from '../lib/map/svg.ts';
import { POSITION_CLEAR_EVENT, POSITION_EVENT, readPayload, type PositionDetail } from './map-payload.ts';

const { addProtocol, AttributionControl, Map: MapLibre, NavigationControl, prewarm, ScaleControl, setWorkerUrl }: typeof import('maplibre-gl') =
  await import(/* @vite-ignore */ maplibreUrl);
setWorkerUrl(workerUrl);

/** MapLibre's interface text in Chinese; the canvas label tells keyboard users what works. */
const LOCALE: Record<string, string> = {
  'Map.Title': '可操作的地图：方向键平移，加号、减号键缩放',
  'NavigationControl.ZoomIn': '放大',
  'NavigationControl.ZoomOut': '缩小',
  'NavigationControl.ResetBearing': '恢复正北朝上',
  'AttributionControl.ToggleAttribution': '显示或隐藏数据来源',
  'ScaleControl.Meters': '米',
  'ScaleControl.Kilometers': '公里',
  'CooperativeGesturesHandler.WindowsHelpText': '按住 Ctrl 键滚动鼠标滚轮可缩放地图',
  'CooperativeGesturesHandler.MacHelpText': '按住 ⌘ 键滚动可缩放地图',
  'CooperativeGesturesHandler.MobileHelpText': '用两根手指移动地图',
};

/**
 * Starts what every map needs before the first one is drawn: MapLibre's
 * worker (prewarm creates it now instead of in the Map constructor) and its
 * stylesheet.
 */
export function warmUp(): void {
  prewarm();
  void stylesheet().catch(() => undefined);
}

/**
 * The padding that gives the interactive map the static map's view: the
 * SVG keeps SVG_PADDING of its viewBox width around the data, at whatever
 * width it is shown.
 */
function staticPadding(figure: HTMLElement, container: HTMLElement): number {
  const svgWidth = figure.querySelector<SVGSVGElement>('svg.map-static')?.viewBox.baseVal.width;
  return svgWidth ? (SVG_PADDING * container.clientWidth) / svgWidth : SVG_PADDING;
}

/**
 * Draws the figure's map in its `.map-live` container, which lies exactly
 * over the static SVG, with the same view, and resolves when the first
 * complete frame is on screen; only then is the SVG hidden, so nothing on
 * the page moves.
 */
export async function mountMap(figure: HTMLElement): Promise<void> {
  const { data, basemap } = readPayload(figure);
  const container = figure.querySelector<HTMLElement>('.map-live');
  if (!container) throw new Error('map figure without a .map-live container');

  if (basemap?.type === 'pmtiles') {
    const { Protocol } = await import('pmtiles');
    addProtocol('pmtiles', new Protocol().tile);
  }

  await stylesheet();
  container.hidden = false;
  const reduceMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
  const map = new MapLibre({
    container,
    style: basemap?.type === 'style' ? undefined : buildStyle(data, basemap, location.href),
    bounds: data.bounds,
    fitBoundsOptions: { padding: staticPadding(figure, container) },
    maxZoom: 19,
    localIdeographFontFamily: IDEOGRAPH_FONT_FAMILY,
    locale: LOCALE,
    attributionControl: false,
    // A one-finger drag scrolls the page, not the map: the map sits in a long page read on a
    // phone. Two fingers move it; a mouse wheel zooms with Ctrl/⌘ (messages in LOCALE).
    cooperativeGestures: true,
    // North stays up, as on the printed map.
    dragRotate: false,
    touchPitch: false,
    pitchWithRotate: false,
    fadeDuration: reduceMotion ? 0 : 300,
  });
  if (basemap?.type === 'style') map.setStyle(basemap.url, { transformStyle: (_, next) => mergeStyle(next, data) });

  // The style's two patterns are drawn in code when first needed, instead of coming from a sprite server.
  map.setMissingStyleImageResolver((id) => {
    const image = styleImage(id);
    if (image && !map.hasImage(id)) map.addImage(id, image, { pixelRatio: IMAGE_PIXEL_RATIO });
  });
  // Tile or style failures of an optional basemap must not look like a broken page.
  map.on('error', ({ error }) => console.warn('地图：', error?.message ?? error));
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
  map.addControl(new AttributionControl({ compact: false }), 'bottom-right');

  try {
    await firstFrame(map);
  } catch (error) {
    // Leave the static map in place rather than a half-drawn canvas over it.
    map.remove();
    container.hidden = true;
    throw error;
  }
  figure.classList.add('map-live-ready');
  followPosition(figure, map);
}

/**
 * Resolves on the first complete frame. A style that cannot load (a basemap
 * style URL that fails) rejects; a tile that fails does not, as the map still
 * draws the site's own layers.
 */
function firstFrame(map: MapLibreMap): Promise<void> {
  return new Promise((resolve, reject) => {
    map.once('load', () => resolve());
    map.on('error', (event) => {
      const fromSource = 'sourceId' in event || 'tile' in event;
      if (!map.loaded() && !fromSource) reject(event.error);
    });
  });
}

let css: Promise<void> | undefined;

/**
 * Adds MapLibre's stylesheet once and waits for it, so controls are laid out
 * before the map measures itself. A failed load is tried again next time.
 */
function stylesheet(): Promise<void> {
  css ??= new Promise<void>((resolve, reject) => {
    const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: cssUrl });
    link.addEventListener('load', () => resolve());
    link.addEventListener('error', () => {
      link.remove();
      css = undefined;
      reject(new Error(`could not load ${cssUrl}`));
    });
    document.head.append(link);
  });
  return css;
}

/** Shows the walker's position from walk mode (walk-ui.ts), if it is on. */
function followPosition(figure: HTMLElement, map: MapLibreMap): void {
  const source = () => map.getSource<GeoJSONSource>(POSITION);
  const show = (detail: PositionDetail, first: boolean) => {
    const here: [number, number] = [detail.lng, detail.lat];
    const features: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Polygon', coordinates: [circleRing(here, Math.max(detail.accuracyM, 1), 48)] }, properties: {} },
        { type: 'Feature', geometry: { type: 'Point', coordinates: here }, properties: {} },
      ],
    };
    source()?.setData(features);
    // Bring the walker into view once; after that the map stays where the user puts it.
    if (first && !map.getBounds().contains(here)) map.easeTo({ center: here, zoom: Math.max(map.getZoom(), 15) });
  };
  let first = true;
  if (figure.dataset.position) {
    show(JSON.parse(figure.dataset.position) as PositionDetail, first);
    first = false;
  }
  figure.addEventListener(POSITION_EVENT, (event) => {
    show((event as CustomEvent<PositionDetail>).detail, first);
    first = false;
  });
  figure.addEventListener(POSITION_CLEAR_EVENT, () => {
    source()?.setData({ type: 'FeatureCollection', features: [] });
    first = true;
    delete figure.dataset.position;
  });
}
