import { z } from 'astro/zod';
import { commonFields, idListSchema } from './common.ts';

export const CLASSIC_KINDS = ['music', 'film', 'literature', 'art', 'other'] as const;
export const CLASSIC_KIND_NAMES: Record<(typeof CLASSIC_KINDS)[number], string> = {
  music: '音乐',
  film: '电影',
  literature: '文学',
  art: '美术',
  other: '其他',
};

/** A work of music, film, literature or art: a "lesson in art". */
export const classicSchema = z.object({
  title: z.string({ error: '标题 title 应为文字' }).min(1, { error: '标题 title 不能为空' }),
  figures: idListSchema.default([]),
  buildings: idListSchema.default([]),
  kind: z.enum(CLASSIC_KINDS, { error: 'kind 只能是 music、film、literature、art 或 other' }).optional(),
  year: z.number().int().optional(),
  ...commonFields,
});

export type Classic = z.infer<typeof classicSchema>;
