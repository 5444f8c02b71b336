/**
 * The interactive map's style: valid for MapLibre, served by nothing but the
 * page (no tiles, glyphs or sprite by default), each layer drawing the
 * features it should; the basemap variants; the images drawn in code.
 */
import path from 'node:path';
import { featureFilter, validateStyleMin, type LayerSpecification, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import type { Basemap } from '../../../src/lib/map/basemap.ts';
import { diamondImage, hatchImage, styleImage } from '../../../src/lib/map/images.ts';
import { routeMapData, stationsMapData, type MapData } from '../../../src/lib/map/map-data.ts';
import { COLORS } from '../../../src/lib/map/palette.ts';
import { buildStyle, IMAGES, mergeStyle, OVERLAY, withCirclePolygons } from '../../../src/lib/map/style.ts';
import { getSiteData } from '../../../src/lib/site/site-data.ts';

const gapRoute = routeMapData(getSiteData(path.resolve('tests/fixtures/check/gap-middle/content')), 'walk');
const schematicRoute = routeMapData(getSiteData(path.resolve('tests/fixtures/check/schematic/content')), 'walk');

/** Every URL anywhere in a style. */
function urlsIn(value: unknown): string[] {
  if (typeof value === 'string') return /^[a-z]+:\/\//i.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(urlsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(urlsIn);
  return [];
}

/** The ids of the overlay features a layer's filter keeps. */
function drawnBy(layer: LayerSpecification, data: MapData): string[] {
  if (!('filter' in layer) || !layer.filter) throw new Error(`${layer.id} has no filter`);
  const filter = featureFilter(layer.filter, `layers.${layer.id}.filter`);
  const types = { Point: 1, LineString: 2, Polygon: 3, MultiPolygon: 3 } as const;
  return withCirclePolygons(data).features.flatMap((f) => {
    const feature = { type: types[f.geometry.type as keyof typeof types], properties: f.properties ?? {} };
    return filter.filter({ zoom: 15 }, feature as never) ? [`${f.properties?.role}:${f.geometry.type}`] : [];
  });
}

function layer(style: StyleSpecification, id: string): LayerSpecification {
  const found = style.layers.find((l) => l.id === id);
  if (!found) throw new Error(`no layer ${id}`);
  return found;
}

describe('default style', () => {
  const style = buildStyle(gapRoute, null);

  it('is a valid MapLibre style', () => {
    expect(validateStyleMin(style)).toEqual([]);
    expect(validateStyleMin(buildStyle(stationsMapData(getSiteData(path.resolve('content'))), null))).toEqual([]);
  });

  it('asks no server for anything: no glyphs, no sprite, no tiles, no URL at all', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(urlsIn(style)).toEqual([]);
    expect(Object.values(style.sources).every((s) => s.type === 'geojson' && typeof s.data === 'object')).toBe(true);
  });

  it('names local fonts for every label', () => {
    const symbols = style.layers.filter((l) => l.type === 'symbol' && 'text-field' in (l.layout ?? {}));
    expect(symbols.length).toBeGreaterThan(3);
    for (const l of symbols) expect((l.layout as Record<string, unknown>)['text-font'], l.id).toContain('Noto Sans CJK SC');
  });

  it('draws each role with its own layers', () => {
    expect(drawnBy(layer(style, 'route-line'), gapRoute)).toEqual(['route:LineString']);
    expect(drawnBy(layer(style, 'route-schematic'), gapRoute)).toEqual([]);
    expect(drawnBy(layer(style, 'route-schematic'), schematicRoute)).toEqual(['route:LineString']);
    expect(drawnBy(layer(style, 'gap-stripe'), gapRoute)).toEqual(['gap:LineString']);
    expect(drawnBy(layer(style, 'stop-number'), gapRoute)).toEqual(['stop:Point', 'stop:Point']);
    expect(drawnBy(layer(style, 'circle-fill-focus'), gapRoute)).toEqual(['circle:Polygon', 'circle:Polygon']);
    expect(drawnBy(layer(style, 'station-dot'), gapRoute)).toEqual(['circle:Point', 'circle:Point']);
  });

  it('stripes gaps in a second colour over the first, so they do not rely on colour', () => {
    const stripe = layer(style, 'gap-stripe');
    expect(stripe.type).toBe('line');
    expect((stripe.paint as Record<string, unknown>)['line-dasharray']).toBeDefined();
    expect((layer(style, 'gap-base').paint as Record<string, unknown>)['line-color']).toBe(COLORS.gap);
  });

  it('draws circles as their union: outlines under opaque fills', () => {
    const ids = style.layers.map((l) => l.id);
    expect(ids.indexOf('circle-line-focus')).toBeLessThan(ids.indexOf('circle-fill-focus'));
    expect((layer(style, 'circle-fill-focus').paint as Record<string, unknown>)['fill-opacity']).toBe(1);
  });

  it('turns each circle into a closed polygon of its radius', () => {
    const polygons = withCirclePolygons(gapRoute).features.filter((f) => f.geometry.type === 'Polygon');
    expect(polygons).toHaveLength(2);
    const ring = (polygons[1].geometry as GeoJSON.Polygon).coordinates[0];
    expect(ring).toHaveLength(65);
    expect(ring[0]).toEqual(ring[64]);
  });
});

describe('basemaps', () => {
  it('puts a raster basemap under translucent circles, with its credit', () => {
    const basemap: Basemap = { type: 'raster', tiles: ['https://tiles.example.org/{z}/{x}/{y}.png'], tileSize: 256, maxzoom: 19, attribution: ['© 示例'] };
    const style = buildStyle(gapRoute, basemap);
    expect(validateStyleMin(style)).toEqual([]);
    expect(style.layers[0]).toMatchObject({ id: 'basemap', type: 'raster' });
    expect(style.sources.basemap).toMatchObject({ type: 'raster', attribution: '© 示例' });
    const ids = style.layers.map((l) => l.id);
    expect(ids.indexOf('circle-fill-focus')).toBeLessThan(ids.indexOf('circle-line-focus'));
    expect((layer(style, 'circle-fill-focus').paint as Record<string, unknown>)['fill-opacity']).toBeLessThan(1);
    expect(ids).not.toContain('region-fill');
  });

  it('reads a PMTiles file on this site through the pmtiles protocol, with an absolute URL', () => {
    const basemap: Basemap = { type: 'pmtiles', url: '/red/tiles/xuhui.pmtiles', tiles: 'vector', maxzoom: 15, attribution: ['© OpenStreetMap contributors'] };
    const style = buildStyle(gapRoute, basemap, 'https://example.gov.cn/red/routes/walk/');
    expect(validateStyleMin(style)).toEqual([]);
    expect(style.sources.basemap).toMatchObject({ type: 'vector', url: 'pmtiles://https://example.gov.cn/red/tiles/xuhui.pmtiles' });
    expect(style.glyphs).toBeUndefined();
    expect(style.layers.filter((l) => 'source' in l && l.source === 'basemap').length).toBeGreaterThan(5);
    const raster = buildStyle(gapRoute, { ...basemap, tiles: 'raster' }, 'https://example.gov.cn/red/');
    expect(raster.layers[0]).toMatchObject({ id: 'basemap', type: 'raster' });
  });

  it('adds the overlay on top of a fetched style', () => {
    const base: StyleSpecification = {
      version: 8,
      glyphs: 'https://example.org/{fontstack}/{range}.pbf',
      sources: { streets: { type: 'vector', url: 'https://example.org/tiles.json' } },
      layers: [{ id: 'land', type: 'background', paint: { 'background-color': '#eee' } }],
    };
    const merged = mergeStyle(base, gapRoute);
    expect(merged.glyphs).toBe(base.glyphs);
    expect(Object.keys(merged.sources)).toEqual(['streets', OVERLAY, 'position']);
    expect(merged.layers[0].id).toBe('land');
    expect(merged.layers.at(-1)!.id).toBe('position-dot');
  });
});

describe('images drawn in code', () => {
  it('tiles the hatch seamlessly and fills both images completely', () => {
    const hatch = hatchImage();
    expect(hatch.data).toHaveLength(hatch.width * hatch.height * 4);
    const px = (x: number, y: number) => [...hatch.data.slice((y * hatch.width + x) * 4, (y * hatch.width + x) * 4 + 4)];
    // Stripes run diagonally: (x, y) and (x + 1, y − 1) match, across the tile's edge too.
    expect(px(hatch.width - 1, 5)).toEqual(px(0, 4));
    const diamond = diamondImage();
    const centre = (diamond.height / 2) * diamond.width + diamond.width / 2;
    expect(diamond.data[centre * 4 + 3]).toBe(255);
    expect(diamond.data[3]).toBe(0);
  });

  it('answers only for the style’s own images', () => {
    expect(styleImage(IMAGES.hatch)).toBeDefined();
    expect(styleImage(IMAGES.diamond)).toBeDefined();
    expect(styleImage('unknown')).toBeUndefined();
  });
});
