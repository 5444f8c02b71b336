/**
 * JSON Schemas of each collection's frontmatter, generated from the zod
 * schemas (with their Chinese titles, descriptions and examples) by
 * `npm run schemas` into public/schemas/, so they are versioned, reviewed and
 * published with the site at /schemas/<collection>.schema.json for any
 * editor or tool. VS Code gets the same schemas through Astro
 * (experimental.contentIntellisense); see CONTRIBUTING.md.
 */
import { z } from 'astro/zod';
import { collectionName } from '../lib/content/problems.ts';
import { ENTRY_SCHEMAS, type EntryCollection } from './index.ts';

/** Where the generated files live, relative to the project root. */
export const JSON_SCHEMA_DIR = 'public/schemas';

/**
 * @example
 * collectionJsonSchema('buildings').properties.name.title // '名称'
 */
export function collectionJsonSchema(collection: EntryCollection): Record<string, unknown> {
  // `input`: what an editor writes (defaults may be left out), as Astro does for its own schemas.
  const schema = z.toJSONSchema(ENTRY_SCHEMAS[collection], { io: 'input', unrepresentable: 'any' });
  return {
    ...schema,
    title: `${collectionName(collection)}（${collection}）的头信息`,
    description: `content/${collection}/<id>.md 开头 --- 之间的 YAML。由 src/schemas/ 生成（npm run schemas），请勿手改。`,
  };
}

/** The file text, as committed: stable key order, two-space indent, final newline. */
export function collectionJsonSchemaText(collection: EntryCollection): string {
  return `${JSON.stringify(collectionJsonSchema(collection), null, 2)}\n`;
}
