/**
 * The optional basemap, read from the build's environment: one kind at a
 * time, credits required, and a PMTiles file under public/ checked at build
 * time for its tile type, zoom range and attribution.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BasemapConfigError, basemapFromEnv } from '../../../src/lib/map/basemap.ts';
import { writePmtiles } from './pmtiles-file.ts';

const publicDir = mkdtempSync(path.join(tmpdir(), 'basemap-public-'));
const context = { publicDir, siteUrl: (p: string) => `/red${p}` };
mkdirSync(path.join(publicDir, 'tiles'));
writeFileSync(
  path.join(publicDir, 'tiles', 'vector.pmtiles'),
  writePmtiles([{ tileId: 0, data: new Uint8Array([0x1a, 0x00]) }], {
    tileType: 1,
    maxZoom: 15,
    metadata: { attribution: '<a href="https://github.com/protomaps/basemaps">Protomaps</a> &copy; <a href="https://openstreetmap.org">OpenStreetMap</a>' },
  }),
);
writeFileSync(path.join(publicDir, 'tiles', 'raster.pmtiles'), writePmtiles([{ tileId: 0, data: new Uint8Array([0x89, 0x50]) }], { tileType: 2, maxZoom: 17 }));
writeFileSync(path.join(publicDir, 'tiles', 'broken.pmtiles'), 'not a pmtiles file');

describe('basemapFromEnv', () => {
  it('is off without settings', async () => {
    expect(await basemapFromEnv({}, context)).toBeNull();
    expect(await basemapFromEnv({ MAP_PMTILES: '  ' }, context)).toBeNull();
  });

  it('takes one kind of basemap only', async () => {
    await expect(basemapFromEnv({ MAP_PMTILES: '/a.pmtiles', MAP_BASEMAP_STYLE: 'https://x/style.json' }, context)).rejects.toThrow(
      /只能设置一种.*MAP_PMTILES、MAP_BASEMAP_STYLE/,
    );
  });

  it('reads a vector PMTiles file: its zoom range, its credit, and OpenStreetMap’s', async () => {
    expect(await basemapFromEnv({ MAP_PMTILES: '/tiles/vector.pmtiles' }, context)).toEqual({
      type: 'pmtiles',
      url: '/red/tiles/vector.pmtiles',
      tiles: 'vector',
      maxzoom: 15,
      attribution: ['Protomaps © OpenStreetMap', '© OpenStreetMap contributors'],
    });
  });

  it('reads a raster PMTiles file; MAP_ATTRIBUTION replaces the file’s credit', async () => {
    expect(await basemapFromEnv({ MAP_PMTILES: 'tiles/raster.pmtiles', MAP_ATTRIBUTION: '© 徐汇区测绘' }, context)).toMatchObject({
      tiles: 'raster',
      maxzoom: 17,
      attribution: ['© 徐汇区测绘'],
    });
  });

  it('stops the build on a missing, remote or broken PMTiles file', async () => {
    await expect(basemapFromEnv({ MAP_PMTILES: '/tiles/none.pmtiles' }, context)).rejects.toThrow(/找不到 MAP_PMTILES 指向的文件/);
    await expect(basemapFromEnv({ MAP_PMTILES: 'https://example.org/x.pmtiles' }, context)).rejects.toThrow(BasemapConfigError);
    await expect(basemapFromEnv({ MAP_PMTILES: '/tiles/broken.pmtiles' }, context)).rejects.toThrow(/不是有效的 PMTiles 文件/);
  });

  it('needs a credit for raster tiles, and reads their options', async () => {
    await expect(basemapFromEnv({ MAP_RASTER_TILES: 'https://t.example.org/{z}/{x}/{y}.png' }, context)).rejects.toThrow(/MAP_ATTRIBUTION/);
    expect(
      await basemapFromEnv(
        {
          MAP_RASTER_TILES: 'https://a.example.org/{z}/{x}/{y}.png, https://b.example.org/{z}/{x}/{y}.png',
          MAP_ATTRIBUTION: '© OpenStreetMap contributors',
          MAP_RASTER_MAXZOOM: '18',
        },
        context,
      ),
    ).toEqual({
      type: 'raster',
      tiles: ['https://a.example.org/{z}/{x}/{y}.png', 'https://b.example.org/{z}/{x}/{y}.png'],
      tileSize: 256,
      maxzoom: 18,
      attribution: ['© OpenStreetMap contributors'],
    });
    await expect(
      basemapFromEnv({ MAP_RASTER_TILES: 'https://t/{z}/{x}/{y}.png', MAP_ATTRIBUTION: 'x', MAP_RASTER_TILE_SIZE: '2.5' }, context),
    ).rejects.toThrow(/MAP_RASTER_TILE_SIZE 应为正整数/);
  });

  it('takes a whole style by URL', async () => {
    expect(await basemapFromEnv({ MAP_BASEMAP_STYLE: 'https://maps.example.org/style.json' }, context)).toEqual({
      type: 'style',
      url: 'https://maps.example.org/style.json',
      attribution: [],
    });
  });
});
