/**
 * Fields shared by several collections. Required fields and their meaning come
 * from shared/spec/content-format.md; everything else here is optional.
 *
 * Every field carries `.meta({ title, description, examples })` in Chinese:
 * the same words become the editor's hover help (JSON Schema), the comments
 * of `npm run new` and the field list of CONTRIBUTING.md.
 */
import { z } from 'astro/zod';

/** Entry ids are file names: lowercase a-z, 0-9 and hyphens (content-format.md). */
export const ID_PATTERN = /^[a-z0-9-]+$/;

/** Ids become file and folder names and parts of URLs; longer ones break file systems (255 bytes) and read badly. */
export const ID_MAX_LENGTH = 80;

/**
 * Why an id is not valid, or undefined when it is: the one rule for file
 * names, references and the scaffolder.
 *
 * @example
 * idProblem('nie-er')          // undefined
 * idProblem('Nie_Er')          // 'pattern'
 * idProblem('a'.repeat(81))    // 'length'
 */
export function idProblem(id: string): 'pattern' | 'length' | undefined {
  if (!ID_PATTERN.test(id)) return 'pattern';
  return id.length > ID_MAX_LENGTH ? 'length' : undefined;
}

export const idSchema = z
  .string({ error: '应为条目 id（文字）' })
  .regex(ID_PATTERN, { error: 'id 只能包含小写字母 a-z、数字 0-9 和连字符 -' })
  .max(ID_MAX_LENGTH, { error: `id 最多 ${ID_MAX_LENGTH} 个字符` });

/**
 * A link to another website, published as an `href`: http(s) only (the
 * schemes of src/lib/content/safe-url.ts, which pages use as well), so no
 * `javascript:`, `data:` or `vbscript:` link reaches a page, whatever its
 * case, spaces or control characters (the URL parser's own reading decides).
 */
export const webUrlSchema = z.url({
  // zod's own http(s) pattern: with it, zod also refuses "https:evil.org" (no //).
  protocol: z.regexes.httpProtocol,
  error: '链接应为完整网址，以 https:// 或 http:// 开头（不接受 javascript:、data: 等其他开头）',
});

export const idListSchema = z.array(idSchema, { error: '应为 id 列表，例如 [nie-er, tian-han]' });

export const CRS = ['wgs84', 'gcj02', 'bd09'] as const;
export const crsSchema = z
  .enum(CRS, {
    error: 'crs 只能是 wgs84（GPS、OpenStreetMap）、gcj02（高德、腾讯）或 bd09（百度）',
  })
  .meta({
    title: '坐标系',
    description:
      '坐标从哪里取得：wgs84（手机 GPS、OpenStreetMap，默认）、gcj02（高德、腾讯地图）、bd09（百度地图）。写错会让位置偏出约 500 米到 1 千米。',
    examples: ['wgs84'],
  });
export type Crs = z.infer<typeof crsSchema>;

/** A place as the editor wrote it; the loader converts it to WGS-84 once. */
export const locationSchema = z.object(
  {
    lng: z
      .number({ error: '经度 lng 应为数字，例如 121.4344' })
      .min(-180, { error: '经度应在 -180 到 180 之间' })
      .max(180, { error: '经度应在 -180 到 180 之间' })
      .meta({ title: '经度', description: '东经，单位度，写小数；徐汇一带约 121.4。', examples: [121.434418] }),
    lat: z
      .number({ error: '纬度 lat 应为数字，例如 31.2058' })
      .min(-90, { error: '纬度应在 -90 到 90 之间' })
      .max(90, { error: '纬度应在 -90 到 90 之间' })
      .meta({ title: '纬度', description: '北纬，单位度，写小数；徐汇一带约 31.1 到 31.2。', examples: [31.205769] }),
    crs: crsSchema.default('wgs84'),
  },
  { error: '应为 { lng: 经度, lat: 纬度, crs: 坐标系 }' },
).meta({
  title: '位置',
  description: '地点的经度 lng、纬度 lat 和坐标系 crs。坐标怎样取得见 CONTRIBUTING.md“取得坐标”。',
});
export type Location = z.infer<typeof locationSchema>;

/** Where a fact comes from. A bare string is accepted as the source's title. */
export const sourceSchema = z.union(
  [
    z.string().min(1),
    z.object({
      title: z
        .string()
        .min(1, { error: '来源须有标题 title' })
        .meta({ title: '标题', description: '书名、文章或网页的标题。' }),
      url: webUrlSchema
        .optional()
        .meta({ title: '网址', description: '完整网址，以 https:// 开头。' }),
      publisher: z.string().optional().meta({ title: '出版者', description: '出版社、网站或发布机构。' }),
      accessed: z.string().optional().meta({ title: '访问日期', description: '查阅网页的日期，例如 2026-03-01。' }),
      note: z.string().optional().meta({ title: '备注', description: '页码、用途等说明。' }),
    }),
  ],
  { error: '来源应为文字，或 { title, url, publisher, accessed, note }' },
);
export type Source = z.infer<typeof sourceSchema>;

/** An image kept beside its entry; alt text, credit and licence are required. */
export const imageSchema = z.object({
  src: z.string().min(1, { error: '图片须有文件路径 src' }).meta({
    title: '图片文件',
    description: '图片文件的路径，相对于条目文件；放在与条目同名的文件夹里，例如 baidai-building/front.jpg。',
  }),
  alt: z.string().min(1, { error: '图片须有替代文字 alt，为看不见图片的读者描述画面' }).meta({
    title: '替代文字',
    description: '为看不见图片的读者描述画面上有什么（一两句话），不要只写“照片”。',
  }),
  credit: z.string().min(1, { error: '图片须注明作者或来源 credit' }).meta({
    title: '作者或来源',
    description: '拍摄者或出处，例如“摄影：王老师”或“维基共享资源用户 Zhangzhugang”。',
  }),
  license: z.string().min(1, { error: '图片须注明许可 license，例如 CC BY-SA 4.0' }).meta({
    title: '许可',
    description: '使用许可，例如 CC BY-SA 4.0、CC0，或“作者授权本站使用”。',
  }),
});

/** Fields every collection may carry. */
export const commonFields = {
  /** One-sentence introduction used in lists, search results and meta description. */
  summary: z.string().optional().meta({
    title: '简介',
    description: '一句话简介，显示在列表、搜索结果和网页描述中。',
    examples: ['原百代唱片公司的小楼，1935年《义勇军进行曲》在这里录制。'],
  }),
  /** Sources for the entry's facts. */
  sources: z
    .array(sourceSchema)
    .optional()
    .meta({
      title: '资料来源',
      description: '写历史事实就必须写出处：书名或网页标题，最好加上网址 url。',
      examples: [[{ title: '维基百科：义勇军进行曲', url: 'https://zh.wikipedia.org/wiki/义勇军进行曲' }]],
    }),
  /** True for illustrative entries that are not real; the site labels them 示例. */
  demo: z.boolean().optional().meta({
    title: '示例',
    description: '只有不真实的演示条目才写 true；网站会标注“示例”。',
    examples: [true],
  }),
  /** Why the entry is illustrative, shown beside the 示例 label. */
  demoNote: z.string().optional().meta({
    title: '示例说明',
    description: '为什么是示例，显示在“示例”标注旁边。',
    examples: ['位置为示例，未找到公开坐标。'],
  }),
  /** Other names and search words (alternative spellings, old names). */
  keywords: z
    .array(z.string())
    .optional()
    .meta({ title: '别名和关键词', description: '旧称、别称和其他写法，供搜索使用。', examples: [['小红楼']] }),
  images: z
    .array(imageSchema)
    .optional()
    .meta({
      title: '图片',
      description: '图片放在与条目同名的文件夹里；每张都必须写 src、alt、credit 和 license。',
    }),
};

/** Sub-district (街道/镇) an entry belongs to, used for filters and balance tables. */
export const subdistrictSchema = z
  .string()
  .min(1)
  .optional()
  .meta({ title: '街道或镇', description: '所属的街道或镇，用于筛选。', examples: ['天平路街道'] });
