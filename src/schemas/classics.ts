import { z } from 'astro/zod';
import { audioListSchema } from './audio.ts';
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
  title: z
    .string({ error: '标题 title 应为文字' })
    .min(1, { error: '标题 title 不能为空' })
    .meta({ title: '标题', description: '作品名称，不加书名号。', examples: ['义勇军进行曲'] }),
  figures: idListSchema
    .default([])
    .meta({ title: '相关人物', description: '作者或相关人物的 id（figures/ 目录下的文件名）；没有就写 []。' }),
  buildings: idListSchema
    .default([])
    .meta({ title: '相关建筑', description: '与作品有关的建筑的 id（buildings/ 目录下的文件名）；没有就写 []。' }),
  kind: z
    .enum(CLASSIC_KINDS, { error: 'kind 只能是 music、film、literature、art 或 other' })
    .optional()
    .meta({
      title: '类别',
      description: 'music 音乐，film 电影，literature 文学，art 美术，other 其他。',
      examples: ['music'],
    }),
  year: z.number().int().optional().meta({ title: '年份', description: '发表或首演的年份（整数）。', examples: [1935] }),
  audio: audioListSchema,
  ...commonFields,
});

export type Classic = z.infer<typeof classicSchema>;
