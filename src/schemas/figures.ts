import { z } from 'astro/zod';
import { commonFields, idListSchema } from './common.ts';

/** A person: a "lesson in history". */
export const figureSchema = z.object({
  name: z
    .string({ error: '姓名 name 应为文字' })
    .min(1, { error: '姓名 name 不能为空' })
    .meta({ title: '姓名', description: '人物的姓名。', examples: ['聂耳'] }),
  buildings: idListSchema
    .default([])
    .meta({ title: '相关建筑', description: '与此人有关的建筑的 id（buildings/ 目录下的文件名）；没有就写 []。' }),
  classics: idListSchema
    .default([])
    .meta({ title: '相关经典', description: '此人创作或参与的经典作品的 id（classics/ 目录下的文件名）；没有就写 []。' }),
  born: z.number().int().optional().meta({ title: '出生年份', description: '出生的年份（整数）。', examples: [1912] }),
  died: z.number().int().optional().meta({ title: '去世年份', description: '去世的年份（整数）。', examples: [1935] }),
  /** Short description of who they were, e.g. 作曲家. */
  role: z.string().optional().meta({ title: '身份', description: '一个词说明此人是谁。', examples: ['作曲家'] }),
  ...commonFields,
});

export type Figure = z.infer<typeof figureSchema>;
