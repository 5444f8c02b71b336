import { z } from 'astro/zod';
import { LIMITS } from '../lib/content/files.ts';
import { commonFields, crsSchema, idSchema, subdistrictSchema } from './common.ts';

/** Most points of an inline path: the same limit as a track file's. */
const INLINE_PATH_MAX_POINTS = LIMITS.trackPoints;

const position = z
  .array(z.number({ error: '坐标应为数字' }), { error: '每个点写作 [经度, 纬度]' })
  .min(2, { error: '每个点写作 [经度, 纬度]' })
  .max(3, { error: '每个点写作 [经度, 纬度]（可加海拔）' })
  .refine(([lng, lat]) => Math.abs(lng) <= 180 && Math.abs(lat) <= 90, {
    error: '经度应在 -180 到 180 之间、纬度在 -90 到 90 之间；每个点写作 [经度, 纬度]，经度在前',
  });

/** A walking Party lesson: ordered stops and an optional path. */
export const routeSchema = z.object({
  title: z
    .string({ error: '标题 title 应为文字' })
    .min(1, { error: '标题 title 不能为空' })
    .meta({ title: '标题', description: '路线名称。', examples: ['建筑可阅读·武康路红色足迹'] }),
  stops: z
    .array(idSchema, { error: 'stops 应为建筑或站点 id 的列表，按步行顺序排列' })
    .min(2, { error: '路线至少需要两个经停点 stops' })
    .meta({
      title: '经停点',
      description: '按步行顺序排列的建筑或站点 id（buildings/、stations/ 目录下的文件名），至少两个。',
      examples: [['xia-yan-residence', 'ba-jin-residence']],
    }),
  /** A track file beside the route (.geojson, .gpx) or an inline list of [lng, lat]. */
  path: z
    .union([z.string().min(1), z
        .array(position)
        .min(2, { error: '内联轨迹至少需要两个点' })
        .max(INLINE_PATH_MAX_POINTS, { error: `内联轨迹最多 ${INLINE_PATH_MAX_POINTS} 个点；更长的轨迹请存为 .gpx 文件` })], {
      error: 'path 应为轨迹文件名（如 walk.geojson），或 [[经度, 纬度], …] 点列表',
    })
    .optional()
    .meta({
      title: '轨迹',
      description: '实际步行轨迹：放在路线文件旁边的 GPX 或 GeoJSON 文件名。不写则按经停点直线连接（示意路线）。',
      examples: ['wukang-walk.gpx'],
    }),
  crs: crsSchema.default('wgs84').meta({
    title: '轨迹坐标系',
    description: '轨迹坐标的坐标系：手机 GPS 轨迹为 wgs84（默认），从高德、腾讯导出为 gcj02，从百度导出为 bd09。',
  }),
  allowGaps: z
    .boolean({ error: 'allowGaps 应为 true 或 false' })
    .default(false)
    .meta({ title: '允许离开服务圈', description: '确需经过服务圈以外的路段时写 true（错误变为警告），并写明原因。' }),
  /** Why the route may leave the circles; shown with the gaps. */
  allowGapsReason: z
    .string()
    .optional()
    .meta({ title: '离开服务圈的原因', description: '为什么允许路线离开服务圈，会和缺口一起显示。', examples: ['沿江步道暂无站点'] }),
  /** A learning task or question per stop, keyed by stop id. */
  tasks: z
    .record(idSchema, z.string())
    .optional()
    .meta({
      title: '学习任务',
      description: '每个经停点一个学习任务或问题：键是经停点 id，值是问题。',
      examples: [{ 'xia-yan-residence': '夏衍在这里写了哪些作品？' }],
    }),
  /** Published duration in minutes, when the route's publisher gives one. */
  durationMinutes: z
    .number()
    .positive()
    .optional()
    .meta({ title: '时长', description: '发布方给出的全程时长，单位分钟。', examples: [90] }),
  /** Minutes spent at each stop for the walking-time estimate. */
  minutesPerStop: z
    .number()
    .nonnegative()
    .default(10)
    .meta({ title: '每站停留', description: '估算步行时间时每个经停点停留的分钟数。' }),
  publisher: z
    .string()
    .optional()
    .meta({ title: '发布方', description: '发布这条路线的单位。', examples: ['徐汇区文化和旅游局'] }),
  subdistrict: subdistrictSchema,
  ...commonFields,
});

export type Route = z.infer<typeof routeSchema>;
