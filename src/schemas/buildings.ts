import { z } from 'astro/zod';
import { commonFields, idListSchema, locationSchema, subdistrictSchema } from './common.ts';

/** A red site: a "lesson in buildings". */
export const buildingSchema = z.object({
  name: z.string({ error: '名称 name 应为文字' }).min(1, { error: '名称 name 不能为空' }),
  location: locationSchema,
  address: z.string().optional(),
  figures: idListSchema.default([]),
  classics: idListSchema.default([]),
  subdistrict: subdistrictSchema,
  /** Period the site is remembered for, e.g. 1930年代. */
  era: z.string().optional(),
  /** Year of the event the site is remembered for. */
  year: z.number().int().optional(),
  /** Heritage protection level, e.g. 上海市文物保护单位. */
  protection: z.string().optional(),
  openingHours: z.string().optional(),
  ...commonFields,
});

export type Building = z.infer<typeof buildingSchema>;
