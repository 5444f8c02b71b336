import { defineCollection } from 'astro:content';
import { contentLoader } from './integrations/content-loader.ts';

// Data and validation come from src/lib/content.ts (shared with `npm run check`);
// the collections exist so Astro renders each entry's Markdown/MDX body.
export const collections = {
  stations: defineCollection({ loader: contentLoader('stations') }),
  buildings: defineCollection({ loader: contentLoader('buildings') }),
  figures: defineCollection({ loader: contentLoader('figures') }),
  classics: defineCollection({ loader: contentLoader('classics') }),
  routes: defineCollection({ loader: contentLoader('routes') }),
};
