import { z } from 'astro/zod';
import { commonFields, locationSchema, subdistrictSchema } from './common.ts';

/** The "1+13+X" tiers, from the district centre down to park stations. */
export const TIERS = ['district', 'subdistrict', 'neighborhood', 'building', 'park'] as const;

export const TIER_NAMES: Record<(typeof TIERS)[number], string> = {
  district: '区级党群服务中心',
  subdistrict: '街镇社区党群服务中心',
  neighborhood: '居民区党群服务站',
  building: '楼宇党群服务站',
  park: '园区党群服务站',
};

export const DEFAULT_RADIUS_M = 500;

/** A Party-building service station and its service circle. */
export const stationSchema = z.object({
  name: z
    .string({ error: '名称 name 应为文字' })
    .min(1, { error: '名称 name 不能为空' })
    .meta({ title: '名称', description: '站点的全称。', examples: ['天平路街道社区党群服务中心'] }),
  tier: z
    .enum(TIERS, {
      error: 'tier 只能是 district（区级）、subdistrict（街镇）、neighborhood（居民区）、building（楼宇）或 park（园区）',
    })
    .meta({
      title: '层级',
      description:
        '“1+13+X”中的层级：district 区级党群服务中心，subdistrict 街镇社区党群服务中心，neighborhood 居民区党群服务站，building 楼宇党群服务站，park 园区党群服务站。',
      examples: ['neighborhood'],
    }),
  location: locationSchema,
  radius: z
    .number({ error: '服务半径 radius 应为数字（米）' })
    .positive({ error: '服务半径 radius 应大于 0' })
    .max(5000, { error: '服务半径 radius 不应超过 5000 米' })
    .default(DEFAULT_RADIUS_M)
    .meta({ title: '服务半径', description: '服务圈半径，单位米；“500 米党建服务圈”就写 500。' }),
  address: z.string().optional().meta({ title: '地址', description: '门牌地址。', examples: ['天平路 245 号'] }),
  subdistrict: subdistrictSchema,
  openingHours: z
    .string()
    .optional()
    .meta({ title: '开放时间', description: '对外开放的时间。', examples: ['周一至周五 9:00—17:00'] }),
  ...commonFields,
});

export type Station = z.infer<typeof stationSchema>;
