/**
 * The two optional basemap layers of a content folder (content-format.md):
 * `basemap/roads.geojson`, streets drawn and named on every map, and
 * `basemap/transit.geojson`, metro stations for "how to get there". The
 * loader (src/lib/content/basemap.ts) checks the collection's top level once and
 * each feature on its own, so a fault names the feature's index.
 */
import { z } from 'astro/zod';
import { crsSchema } from './common.ts';

const lng = z
  .number({ error: '经度应为数字' })
  .min(-180, { error: '经度应在 -180 到 180 之间（坐标写作 [经度, 纬度]，经度在前）' })
  .max(180, { error: '经度应在 -180 到 180 之间（坐标写作 [经度, 纬度]，经度在前）' });
const lat = z
  .number({ error: '纬度应为数字' })
  .min(-90, { error: '纬度应在 -90 到 90 之间（坐标写作 [经度, 纬度]，经度在前）' })
  .max(90, { error: '纬度应在 -90 到 90 之间（坐标写作 [经度, 纬度]，经度在前）' });
/** `[lng, lat]`, perhaps with a height after them (GeoJSON allows it; it is ignored). */
const position = z.tuple([lng, lat], { error: '每个点应写作 [经度, 纬度]' }).rest(z.number());
const line = z.array(position, { error: '应为点的列表' }).min(2, { error: '一条线至少需要两个点' });

/** Longer names cannot be a street's or a station's, and would only bloat every page that draws them. */
export const NAME_MAX = 100;
export const LINES_MAX = 30;

/** The top level both files share: a FeatureCollection, with its credit. */
export const basemapCollectionSchema = z.looseObject({
  type: z.literal('FeatureCollection', { error: '顶层应为 FeatureCollection（"type": "FeatureCollection"）' }),
  features: z.array(z.unknown(), { error: 'FeatureCollection 缺少 features 数组' }),
  attribution: z.string({ error: 'attribution 应为文字，例如 "© OpenStreetMap contributors"' }).optional(),
  license: z.string({ error: 'license 应为文字，例如 "ODbL 1.0"' }).optional(),
  crs: crsSchema.optional(),
});

/** One street: a LineString or MultiLineString with an optional name and OpenStreetMap road class. */
export const roadFeatureSchema = z.object({
  type: z.literal('Feature', { error: '要素的 type 应为 "Feature"' }),
  geometry: z.discriminatedUnion(
    'type',
    [
      z.object({ type: z.literal('LineString'), coordinates: line }),
      z.object({ type: z.literal('MultiLineString'), coordinates: z.array(line, { error: '应为线的列表' }).min(1) }),
    ],
    { error: '街道的几何须为 LineString 或 MultiLineString' },
  ),
  properties: z
    .looseObject({
      name: z
        .string({ error: 'properties.name 应为文字（街道名称），可以不写' })
        .max(NAME_MAX, { error: `街道名称超过 ${NAME_MAX} 个字` })
        .optional(),
      highway: z.string({ error: 'properties.highway 应为 OpenStreetMap 的道路等级，例如 "primary"、"residential"' }).optional(),
    })
    .nullable()
    .default({}),
});

/** One metro station: a Point with its name and the lines that stop there. */
export const transitFeatureSchema = z.object({
  type: z.literal('Feature', { error: '要素的 type 应为 "Feature"' }),
  geometry: z.object(
    { type: z.literal('Point', { error: '地铁站的几何须为 Point' }), coordinates: position },
    { error: '地铁站的几何须为 Point' },
  ),
  properties: z.looseObject(
    {
      name: z
        .string({ error: '地铁站须在 properties.name 中写明名称，例如 "衡山路站"' })
        .min(1, { error: '地铁站名称不能为空' })
        .max(NAME_MAX, { error: `地铁站名称超过 ${NAME_MAX} 个字` }),
      lines: z
        .array(z.union([z.string().max(NAME_MAX), z.number()]), { error: 'properties.lines 应为线路的列表，例如 ["1", "10"]' })
        .max(LINES_MAX, { error: `一个站的线路超过 ${LINES_MAX} 条` })
        .default([]),
    },
    { error: '地铁站须有 properties（至少写 name）' },
  ),
});

export type RoadFeature = z.infer<typeof roadFeatureSchema>;
export type TransitFeature = z.infer<typeof transitFeatureSchema>;
