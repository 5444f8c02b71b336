/**
 * Reading back the Chinese `.meta({ title, description, examples })` the
 * schemas carry, for messages ("缺少必填字段 alt（替代文字：…）") and for the
 * scaffolder's comments.
 */
import { z } from 'astro/zod';

export interface FieldMeta extends z.core.GlobalMeta {
  examples?: unknown[];
}

/** Wrappers that hold one inner schema and add nothing an editor writes. */
const WRAPPERS = new Set(['optional', 'default', 'nullable', 'prefault', 'readonly', 'nonoptional']);

/**
 * The metadata of a schema: from the outermost wrapper that has any, since
 * `.optional().meta()` and `.meta().optional()` both occur.
 *
 * @example
 * metaOf(buildingSchema.shape.name) // { title: '名称', description: '…', examples: ['上海宋庆龄故居'] }
 */
export function metaOf(schema: z.ZodType): FieldMeta {
  for (let s: z.ZodType | undefined = schema; s; s = inner(s)) {
    const meta = z.globalRegistry.get(s);
    if (meta && (meta.title || meta.description)) return meta as FieldMeta;
  }
  return {};
}

/**
 * The schema of a field inside an object schema, following object keys and
 * array items, e.g. `['images', 0, 'alt']`; undefined when there is none.
 */
export function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let s: z.ZodType | undefined = schema;
  for (const key of path) {
    s = unwrap(s);
    if (s instanceof z.ZodObject && typeof key === 'string') s = s.shape[key];
    else if (s instanceof z.ZodArray && typeof key === 'number') s = s.element as z.ZodType;
    else return undefined;
  }
  return s;
}

/** The fields of an object schema (behind optional/default), or undefined for other schemas. */
export function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const s = unwrap(schema);
  return s instanceof z.ZodObject ? s.shape : undefined;
}

/** True when an editor may leave the field out (it is optional or has a default). */
export function isOptionalField(schema: z.ZodType): boolean {
  return schema.safeParse(undefined).success;
}

/** The default value of a field with `.default()`, else undefined. */
export function defaultOf(schema: z.ZodType): unknown {
  for (let s: z.ZodType | undefined = schema; s; s = inner(s)) {
    const def = s._zod.def as { type: string; defaultValue?: unknown };
    if (def.type === 'default') return def.defaultValue;
  }
  return undefined;
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let s = schema;
  while (s && WRAPPERS.has(s._zod.def.type)) s = inner(s);
  return s;
}

function inner(schema: z.ZodType): z.ZodType | undefined {
  const def = schema._zod.def as { type: string; innerType?: z.ZodType };
  return WRAPPERS.has(def.type) ? def.innerType : undefined;
}
