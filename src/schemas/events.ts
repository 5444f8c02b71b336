import { z } from 'astro/zod';
import { safeHref } from '../lib/content/safe-url.ts';
import { commonFields, idSchema } from './common.ts';

/** Kinds of event (content-format.md), with the words the pages use. */
export const EVENT_KINDS = ['walk', 'music', 'lecture', 'visit', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_KIND_NAMES: Record<EventKind, string> = {
  walk: '行走党课',
  music: '音乐党课',
  lecture: '讲座',
  visit: '参观',
  other: '其他活动',
};

const dateTime = (title: string, description: string) =>
  z
    .string({ error: `${title}应为带时区的日期时间，例如 "2026-12-12T14:00:00+08:00"（加引号更稳妥）` })
    .meta({ title, description, examples: ['2026-12-12T14:00:00+08:00'] });

/**
 * `registration` is text (电话预约 021-…) or a web address. Anything written
 * like an address must be http(s): a `javascript:` or `data:` link on the
 * page would run in the visitor's browser.
 */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** Text that starts like `tel:` or `电话:` is not a scheme: only ASCII letters before the colon and no space. */
export function isRegistrationUrl(value: string): boolean {
  return SCHEME.test(value.trim()) && !/\s/.test(value.trim());
}

export const registrationSchema = z
  .string({ error: '报名方式 registration 应为文字或网址' })
  .min(1, { error: '报名方式 registration 不能为空；不需要报名就删去这一行' })
  .refine(
    (value) => !isRegistrationUrl(value) || safeHref(value) !== undefined,
    { error: '报名网址只能以 https:// 或 http:// 开头，并写完整（如 https://example.org/signup）' },
  )
  .meta({
    title: '报名方式',
    description: '怎样报名：一句话（如“电话预约 021-64000000”），或一个以 https:// 开头的报名网址（页面上会做成链接）。',
    examples: ['电话预约，名额 30 人'],
  });

/** A dated lesson or activity (情景式党课, 音乐党课, guided walks) at a station, building or route. */
export const eventSchema = z.object({
  title: z
    .string({ error: '标题 title 应为文字' })
    .min(1, { error: '标题 title 不能为空' })
    .meta({ title: '标题', description: '活动的名称。', examples: ['音乐党课：《义勇军进行曲》诞生记'] }),
  start: dateTime(
    '开始时间',
    '开始的日期和时间，必须带时区（北京时间写 +08:00），例如 2026-12-12T14:00:00+08:00。',
  ),
  end: dateTime('结束时间', '结束的日期和时间，写法同开始时间，不能早于开始时间。').optional(),
  place: idSchema.meta({
    title: '地点',
    description: '在哪里举行：一个站点、建筑或路线的 id（stations/、buildings/ 或 routes/ 目录下的文件名）。',
    examples: ['baidai-building'],
  }),
  kind: z
    .enum(EVENT_KINDS, {
      error: 'kind 只能是 walk（行走党课）、music（音乐党课）、lecture（讲座）、visit（参观）或 other（其他）',
    })
    .optional()
    .meta({
      title: '类型',
      description: 'walk 行走党课，music 音乐党课，lecture 讲座，visit 参观，other 其他。',
      examples: ['music'],
    }),
  audience: z
    .string({ error: '对象 audience 应为文字' })
    .optional()
    .meta({ title: '对象', description: '面向谁：例如“社区党员、居民”。', examples: ['社区党员、居民'] }),
  registration: registrationSchema.optional(),
  ...commonFields,
});

export type Event = z.infer<typeof eventSchema>;
