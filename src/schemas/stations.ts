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

/** One item of a station's 服务清单 or 需求清单. */
export const serviceItemSchema = z.object(
  {
    name: z
      .string({ error: '每一项都要写名称 name' })
      .min(1, { error: '名称 name 不能为空' })
      .meta({ title: '名称', description: '这一项的名称。', examples: ['党员组织关系转接'] }),
    description: z
      .string({ error: '说明 description 应为文字' })
      .optional()
      .meta({ title: '说明', description: '一两句说明：时间、对象、怎样办理。' }),
  },
  { error: '每一项应写成 { name: 名称, description: 说明 }' },
);

const serviceListSchema = z.array(serviceItemSchema, { error: '应为列表，每项写 name，例如 - name: 党员组织关系转接' }).optional();

/** Where a project stands (content-format.md: planned | ongoing | done). */
export const PROJECT_STATUSES = ['planned', 'ongoing', 'done'] as const;
export const PROJECT_STATUS_NAMES: Record<(typeof PROJECT_STATUSES)[number], string> = {
  planned: '筹备中',
  ongoing: '进行中',
  done: '已完成',
};

/** One item of a station's 项目清单: a service item with partner units and a status. */
export const projectSchema = serviceItemSchema.extend({
  partners: z
    .array(z.string().min(1), { error: '共建单位 partners 应为列表，例如 [上海音乐学院]' })
    .optional()
    .meta({ title: '共建单位', description: '一起做这个项目的单位。', examples: [['上海音乐学院']] }),
  status: z
    .enum(PROJECT_STATUSES, { error: 'status 只能是 planned（筹备中）、ongoing（进行中）或 done（已完成）' })
    .optional()
    .meta({ title: '状态', description: 'planned 筹备中，ongoing 进行中，done 已完成。', examples: ['ongoing'] }),
});

/** Fields of a station that may be marked illustrative (示例) one by one. */
export const DEMO_FIELDS = ['openingHours', 'phone', 'services', 'needs', 'projects'] as const;

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
    .string({ error: '开放时间 openingHours 应为文字，例如 "Mo-Fr 09:00-17:00; Sa 09:00-12:00"' })
    .optional()
    .meta({
      title: '开放时间',
      description:
        '按 OpenStreetMap 的 opening_hours 写法（加引号）：Mo 周一 … Su 周日，PH 法定节假日，off 不开放，规则之间用分号。网站据此写出“周一至周五 9:00–17:00”和“今天开放 / 现在已关门”；写成普通文字也可以，但只会原样显示，检查会给出警告。',
      examples: ['Mo-Fr 09:00-17:00; Sa 09:00-12:00; PH off'],
    }),
  phone: z
    .string({ error: '电话 phone 应为文字，例如 "021-64000000"（加引号）' })
    .regex(/^\+?[0-9][0-9 ()-]{4,}[0-9]$/, { error: '电话 phone 只能写数字、空格、括号和连字符，例如 021-64000000' })
    .optional()
    .meta({ title: '电话', description: '咨询电话；页面上可以一点就拨。请加引号。', examples: ['021-64000000'] }),
  services: serviceListSchema.meta({
    title: '服务清单',
    description: '站点为居民提供的服务（“三张清单”之一），每项写 name，可加 description。',
    examples: [[{ name: '党员组织关系转接', description: '工作日办理，请带身份证。' }]],
  }),
  needs: serviceListSchema.meta({
    title: '需求清单',
    description: '居民提出、站点正在对接的需求（“三张清单”之一），写法同服务清单。',
    examples: [[{ name: '老年助餐志愿者' }]],
  }),
  projects: z
    .array(projectSchema, { error: '项目清单 projects 应为列表，每项写 name' })
    .optional()
    .meta({
      title: '项目清单',
      description: '与共建单位一起做的项目（“三张清单”之一）：name，可加 description、共建单位 partners 和状态 status。',
      examples: [[{ name: '红色楼宇读书会', partners: ['上海音乐学院'], status: 'ongoing' }]],
    }),
  demoFields: z
    .array(z.enum(DEMO_FIELDS, { error: `demoFields 只能列出 ${DEMO_FIELDS.join('、')}` }), {
      error: 'demoFields 应为字段名列表，例如 [services, openingHours]',
    })
    .optional()
    .meta({
      title: '示例字段',
      description: '哪些字段是示例（没有公开来源、为演示而写的）：页面会在这些内容旁标注“示例”。',
      examples: [['services', 'needs', 'projects', 'openingHours']],
    }),
  ...commonFields,
});

export type Station = z.infer<typeof stationSchema>;
export type ServiceItem = z.infer<typeof serviceItemSchema>;
export type Project = z.infer<typeof projectSchema>;
