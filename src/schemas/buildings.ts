import { z } from 'astro/zod';
import { audioListSchema } from './audio.ts';
import { commonFields, idListSchema, locationSchema, subdistrictSchema } from './common.ts';

/** A red site: a "lesson in buildings". */
export const buildingSchema = z.object({
  name: z
    .string({ error: '名称 name 应为文字' })
    .min(1, { error: '名称 name 不能为空' })
    .meta({ title: '名称', description: '建筑或地点的正式名称。', examples: ['上海宋庆龄故居'] }),
  location: locationSchema,
  address: z.string().optional().meta({ title: '地址', description: '门牌地址。', examples: ['淮海中路1843号'] }),
  figures: idListSchema
    .default([])
    .meta({ title: '相关人物', description: '与这里有关的人物的 id（figures/ 目录下的文件名，不含 .md）；没有就写 []。' }),
  classics: idListSchema
    .default([])
    .meta({ title: '相关经典', description: '与这里有关的经典作品的 id（classics/ 目录下的文件名）；没有就写 []。' }),
  subdistrict: subdistrictSchema,
  /** Period the site is remembered for, e.g. 1930年代. */
  era: z.string().optional().meta({ title: '时期', description: '这里被记住的年代。', examples: ['1930年代'] }),
  /** Year of the event the site is remembered for. */
  year: z.number().int().optional().meta({ title: '年份', description: '所纪念事件的年份（整数）。', examples: [1935] }),
  /** Heritage protection level, e.g. 上海市文物保护单位. */
  protection: z
    .string()
    .optional()
    .meta({ title: '保护级别', description: '文物保护级别。', examples: ['全国重点文物保护单位'] }),
  openingHours: z
    .string()
    .optional()
    .meta({ title: '开放时间', description: '对外开放的时间；不开放就写“不对外开放”。', examples: ['周二至周日 9:00—16:30'] }),
  audio: audioListSchema,
  ...commonFields,
});

export type Building = z.infer<typeof buildingSchema>;
