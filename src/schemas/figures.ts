import { z } from 'astro/zod';
import { commonFields, idListSchema } from './common.ts';

/** A person: a "lesson in history". */
export const figureSchema = z.object({
  name: z.string({ error: '姓名 name 应为文字' }).min(1, { error: '姓名 name 不能为空' }),
  buildings: idListSchema.default([]),
  classics: idListSchema.default([]),
  born: z.number().int().optional(),
  died: z.number().int().optional(),
  /** Short description of who they were, e.g. 作曲家. */
  role: z.string().optional(),
  ...commonFields,
});

export type Figure = z.infer<typeof figureSchema>;
