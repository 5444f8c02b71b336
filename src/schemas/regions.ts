import { z } from 'astro/zod';
import { ID_PATTERN } from './common.ts';

const ring = z.array(z.array(z.number()).min(2)).min(4, { error: '多边形的环至少需要 4 个点（首尾相同）' });

/** A region whose coverage is measured: a Polygon or MultiPolygon with a name. */
export const regionGeometrySchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
  ],
  { error: '区域几何须为 Polygon 或 MultiPolygon' },
);

export const regionPropertiesSchema = z.looseObject({
  name: z.string({ error: '区域须在 properties.name 中写明名称' }).min(1),
  source: z.string().optional(),
  license: z.string().optional(),
  parent: z
    .string({ error: 'properties.parent 应为上级区域的 id（文字），例如 xuhui' })
    .regex(ID_PATTERN, { error: 'properties.parent 应为上级区域的 id：小写字母 a-z、数字 0-9 和连字符 -' })
    .optional(),
});

export type RegionGeometry = z.infer<typeof regionGeometrySchema>;
export type RegionProperties = z.infer<typeof regionPropertiesSchema>;
