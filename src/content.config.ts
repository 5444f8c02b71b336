import { defineCollection, type SchemaContext } from 'astro:content';
import { z } from 'astro/zod';
import { contentLoader } from './integrations/content-loader.ts';
import { imageSchema } from './schemas/common.ts';
import { ENTRY_SCHEMAS, type EntryCollection } from './schemas/index.ts';
import { metaOf } from './schemas/meta.ts';

// Data and validation come from src/lib/content/load.ts (shared with `npm run check`);
// the collections exist so Astro renders each entry's Markdown/MDX body. Their
// schemas are the same zod schemas, so that Astro's `image()` turns
// `images[].src` into files for its image pipeline, and so that
// experimental.contentIntellisense gives editors completion in VS Code.
function collection(name: EntryCollection) {
  return defineCollection({
    loader: contentLoader(name),
    schema: ({ image }: SchemaContext) => withImageFiles(ENTRY_SCHEMAS[name], image),
  });
}

/** The collection's schema with `images[].src` resolved by Astro relative to the entry file. */
function withImageFiles<T extends z.ZodObject>(schema: T, image: SchemaContext['image']) {
  const images = schema.shape.images as z.ZodType;
  const src = image().meta(metaOf(imageSchema.shape.src));
  return schema.extend({
    images: z.array(imageSchema.extend({ src })).optional().meta(metaOf(images)),
  });
}

export const collections = {
  stations: collection('stations'),
  buildings: collection('buildings'),
  figures: collection('figures'),
  classics: collection('classics'),
  routes: collection('routes'),
  events: collection('events'),
};
