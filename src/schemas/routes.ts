import { z } from 'astro/zod';
import { commonFields, crsSchema, idSchema, subdistrictSchema } from './common.ts';

const position = z
  .array(z.number({ error: '坐标应为数字' }), { error: '每个点写作 [经度, 纬度]' })
  .min(2, { error: '每个点写作 [经度, 纬度]' })
  .max(3, { error: '每个点写作 [经度, 纬度]（可加海拔）' });

/** A walking Party lesson: ordered stops and an optional path. */
export const routeSchema = z.object({
  title: z.string({ error: '标题 title 应为文字' }).min(1, { error: '标题 title 不能为空' }),
  stops: z
    .array(idSchema, { error: 'stops 应为建筑或站点 id 的列表，按步行顺序排列' })
    .min(2, { error: '路线至少需要两个经停点 stops' }),
  /** A track file beside the route (.geojson, .gpx) or an inline list of [lng, lat]. */
  path: z
    .union([z.string().min(1), z.array(position).min(2, { error: '内联轨迹至少需要两个点' })], {
      error: 'path 应为轨迹文件名（如 walk.geojson），或 [[经度, 纬度], …] 点列表',
    })
    .optional(),
  crs: crsSchema.default('wgs84'),
  allowGaps: z.boolean({ error: 'allowGaps 应为 true 或 false' }).default(false),
  /** Why the route may leave the circles; shown with the gaps. */
  allowGapsReason: z.string().optional(),
  /** A learning task or question per stop, keyed by stop id. */
  tasks: z.record(idSchema, z.string()).optional(),
  /** Published duration in minutes, when the route's publisher gives one. */
  durationMinutes: z.number().positive().optional(),
  /** Minutes spent at each stop for the walking-time estimate. */
  minutesPerStop: z.number().nonnegative().default(10),
  publisher: z.string().optional(),
  subdistrict: subdistrictSchema,
  ...commonFields,
});

export type Route = z.infer<typeof routeSchema>;
