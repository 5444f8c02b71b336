/**
 * The optional basemap under the interactive maps, chosen at build time by
 * environment variables (README, "地图底图"). Without any, maps draw only
 * the site's own data and make no request. With one, the deployer decides
 * which server the map may ask for tiles: this site's own PMTiles file, or
 * a tile or style server they name.
 *
 * - `MAP_PMTILES=/tiles/xuhui.pmtiles`: a PMTiles file under `public/`,
 *   vector (Protomaps basemap) or raster; read once here for its type,
 *   zoom range and credits.
 * - `MAP_RASTER_TILES=https://…/{z}/{x}/{y}.png` (several separated by
 *   commas) with `MAP_ATTRIBUTION` (required), optional `MAP_RASTER_MAXZOOM`
 *   (default 19) and `MAP_RASTER_TILE_SIZE` (default 256).
 * - `MAP_BASEMAP_STYLE=https://…/style.json`: a whole MapLibre style; the
 *   site's layers go on top.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import { PMTiles, type RangeResponse, type Source, TileType } from 'pmtiles';
import { OSM_ATTRIBUTION } from './map-data.ts';

export type Basemap =
  | { type: 'style'; url: string; attribution: string[] }
  | { type: 'raster'; tiles: string[]; tileSize: number; maxzoom: number; attribution: string[] }
  | { type: 'pmtiles'; url: string; tiles: 'vector' | 'raster'; maxzoom: number; attribution: string[] };

export interface BasemapContext {
  /** The site's `public/` folder, where a PMTiles file named by its site path lives. */
  publicDir: string;
  /** Prefixes a site path with the base path, as `url()` does. */
  siteUrl: (sitePath: string) => string;
}

/** A configuration that cannot work; the build stops with this message. */
export class BasemapConfigError extends Error {}

/**
 * Reads the basemap settings; null when none is set.
 *
 * @example
 * await basemapFromEnv({ MAP_PMTILES: '/tiles/xuhui.pmtiles' }, { publicDir: 'public', siteUrl: url })
 * // { type: 'pmtiles', url: '/tiles/xuhui.pmtiles', tiles: 'vector', maxzoom: 15, attribution: ['© OpenStreetMap contributors'] }
 */
export async function basemapFromEnv(
  env: Record<string, string | undefined>,
  context: BasemapContext,
): Promise<Basemap | null> {
  const credit = env.MAP_ATTRIBUTION?.trim();
  const set = ['MAP_PMTILES', 'MAP_RASTER_TILES', 'MAP_BASEMAP_STYLE'].filter((k) => env[k]?.trim());
  if (set.length > 1) throw new BasemapConfigError(`地图底图只能设置一种，现在设置了 ${set.join('、')}。`);

  if (env.MAP_PMTILES?.trim()) return pmtilesBasemap(env.MAP_PMTILES.trim(), credit, context);

  if (env.MAP_RASTER_TILES?.trim()) {
    if (!credit) {
      throw new BasemapConfigError(
        '使用 MAP_RASTER_TILES 时必须用 MAP_ATTRIBUTION 写明瓦片的版权声明（OpenStreetMap 数据须写 “© OpenStreetMap contributors”）。',
      );
    }
    return {
      type: 'raster',
      tiles: env.MAP_RASTER_TILES.split(',').map((t) => t.trim()).filter(Boolean),
      tileSize: positiveInt(env.MAP_RASTER_TILE_SIZE, 256, 'MAP_RASTER_TILE_SIZE'),
      maxzoom: positiveInt(env.MAP_RASTER_MAXZOOM, 19, 'MAP_RASTER_MAXZOOM'),
      attribution: [credit],
    };
  }

  if (env.MAP_BASEMAP_STYLE?.trim()) {
    return { type: 'style', url: env.MAP_BASEMAP_STYLE.trim(), attribution: credit ? [credit] : [] };
  }
  return null;
}

/**
 * A PMTiles file on this site. A site path is looked up under `public/` so a
 * missing or broken file stops the build instead of leaving blank maps.
 * Credits: MAP_ATTRIBUTION, else the file's own `attribution`, and
 * OpenStreetMap's whenever the file says it is built from it or says nothing
 * (Protomaps basemaps are).
 */
async function pmtilesBasemap(where: string, credit: string | undefined, context: BasemapContext): Promise<Basemap> {
  if (/^[a-z]+:\/\//i.test(where)) {
    throw new BasemapConfigError(`MAP_PMTILES 应为本站 public/ 下文件的路径（如 /tiles/xuhui.pmtiles），而不是网址：${where}`);
  }
  const file = path.join(context.publicDir, where.replace(/^\/+/, ''));
  const { tileType, maxZoom, attribution } = await readPmtiles(file);
  const tiles = tileType === TileType.Mvt ? 'vector' : [TileType.Png, TileType.Jpeg, TileType.Webp].includes(tileType) ? 'raster' : null;
  if (!tiles) throw new BasemapConfigError(`${file} 的瓦片类型（${TileType[tileType] ?? tileType}）无法作为底图：需要 MVT 矢量瓦片或 PNG/JPEG/WebP 栅格瓦片。`);
  const credits = [credit ?? attribution].filter((c): c is string => !!c);
  if (credits.length === 0 || /openstreetmap/i.test(credits.join(' '))) {
    if (!credits.some((c) => c.includes(OSM_ATTRIBUTION))) credits.push(OSM_ATTRIBUTION);
  }
  return { type: 'pmtiles', url: context.siteUrl(where), tiles, maxzoom: maxZoom, attribution: credits };
}

/**
 * Header and metadata of a PMTiles file on disk.
 *
 * @example
 * await readPmtiles('public/tiles/xuhui.pmtiles') // { tileType: 1, maxZoom: 15, attribution: '…' }
 */
export async function readPmtiles(file: string): Promise<{ tileType: TileType; maxZoom: number; attribution?: string }> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    throw new BasemapConfigError(`找不到 MAP_PMTILES 指向的文件 ${file}。请把 PMTiles 文件放在 public/ 下，路径从 / 写起。`);
  }
  try {
    const source: Source = {
      getKey: () => file,
      async getBytes(offset: number, length: number): Promise<RangeResponse> {
        const buffer = new Uint8Array(length);
        const { bytesRead } = await handle.read(buffer, 0, length, offset);
        return { data: buffer.buffer.slice(0, bytesRead) };
      },
    };
    const archive = new PMTiles(source);
    let header;
    try {
      header = await archive.getHeader();
    } catch (error) {
      throw new BasemapConfigError(`${file} 不是有效的 PMTiles 文件：${(error as Error).message}`);
    }
    const metadata = (await archive.getMetadata().catch(() => ({}))) as { attribution?: unknown };
    const attribution = typeof metadata.attribution === 'string' ? stripTags(metadata.attribution) : undefined;
    return { tileType: header.tileType, maxZoom: header.maxZoom, attribution };
  } finally {
    await handle.close();
  }
}

/** Protomaps writes its credit as HTML links; the map shows it as text. */
function stripTags(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&copy;/g, '©')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new BasemapConfigError(`${name} 应为正整数，现在是 “${value}”。`);
  return n;
}
