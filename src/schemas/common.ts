/**
 * Fields shared by several collections. Required fields and their meaning come
 * from shared/spec/content-format.md; everything else here is optional.
 */
import { z } from 'astro/zod';

/** Entry ids are file names: lowercase a-z, 0-9 and hyphens (content-format.md). */
export const ID_PATTERN = /^[a-z0-9-]+$/;

export const idSchema = z
  .string({ error: '应为条目 id（文字）' })
  .regex(ID_PATTERN, { error: 'id 只能包含小写字母 a-z、数字 0-9 和连字符 -' });

export const idListSchema = z.array(idSchema, { error: '应为 id 列表，例如 [nie-er, tian-han]' });

export const CRS = ['wgs84', 'gcj02', 'bd09'] as const;
export const crsSchema = z.enum(CRS, {
  error: 'crs 只能是 wgs84（GPS、OpenStreetMap）、gcj02（高德、腾讯）或 bd09（百度）',
});
export type Crs = z.infer<typeof crsSchema>;

/** A place as the editor wrote it; the loader converts it to WGS-84 once. */
export const locationSchema = z.object(
  {
    lng: z
      .number({ error: '经度 lng 应为数字，例如 121.4344' })
      .min(-180, { error: '经度应在 -180 到 180 之间' })
      .max(180, { error: '经度应在 -180 到 180 之间' }),
    lat: z
      .number({ error: '纬度 lat 应为数字，例如 31.2058' })
      .min(-90, { error: '纬度应在 -90 到 90 之间' })
      .max(90, { error: '纬度应在 -90 到 90 之间' }),
    crs: crsSchema.default('wgs84'),
  },
  { error: '应为 { lng: 经度, lat: 纬度, crs: 坐标系 }' },
);
export type Location = z.infer<typeof locationSchema>;

/** Where a fact comes from. A bare string is accepted as the source's title. */
export const sourceSchema = z.union(
  [
    z.string().min(1),
    z.object({
      title: z.string().min(1, { error: '来源须有标题 title' }),
      url: z.url({ error: '链接应为完整网址，以 https:// 开头' }).optional(),
      publisher: z.string().optional(),
      accessed: z.string().optional(),
      note: z.string().optional(),
    }),
  ],
  { error: '来源应为文字，或 { title, url, publisher, accessed, note }' },
);
export type Source = z.infer<typeof sourceSchema>;

/** An image kept beside its entry; alt text, credit and licence are required. */
export const imageSchema = z.object({
  src: z.string().min(1, { error: '图片须有文件路径 src' }),
  alt: z.string().min(1, { error: '图片须有替代文字 alt，为看不见图片的读者描述画面' }),
  credit: z.string().min(1, { error: '图片须注明作者或来源 credit' }),
  license: z.string().min(1, { error: '图片须注明许可 license，例如 CC BY-SA 4.0' }),
});

/** Fields every collection may carry. */
export const commonFields = {
  /** One-sentence introduction used in lists, search results and meta description. */
  summary: z.string().optional(),
  /** Sources for the entry's facts. */
  sources: z.array(sourceSchema).optional(),
  /** True for illustrative entries that are not real; the site labels them 示例. */
  demo: z.boolean().optional(),
  /** Why the entry is illustrative, shown beside the 示例 label. */
  demoNote: z.string().optional(),
  /** Other names and search words (alternative spellings, old names). */
  keywords: z.array(z.string()).optional(),
  images: z.array(imageSchema).optional(),
};

/** Sub-district (街道/镇) an entry belongs to, used for filters and balance tables. */
export const subdistrictSchema = z.string().min(1).optional();
