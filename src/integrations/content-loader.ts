/**
 * Astro content-layer loader over the project's own content loader, so the
 * collections hold exactly what the checker sees: same schemas, same WGS-84
 * coordinates, same track files. Bodies are rendered by Astro (MD and MDX)
 * through deferred rendering of the original file.
 */
import path from 'node:path';
import type { Loader } from 'astro/loaders';
import { forgetContent, loadContentCached, resolveContentDir } from '../lib/content/load.ts';
import type { EntryCollection } from '../schemas/index.ts';

/**
 * @example
 * defineCollection({ loader: contentLoader('buildings') })
 */
export function contentLoader(collection: EntryCollection): Loader {
  return {
    name: `red-routes:${collection}`,
    load: async ({ store, config, generateDigest, parseData, watcher, logger }) => {
      const dir = resolveContentDir();
      const sync = async () => {
        const content = loadContentCached(dir);
        store.clear();
        for (const entry of content[collection]) {
          const { absPath, body, id } = entry;
          // Only images the loader found usable go to Astro's image pipeline
          // (in dev a bad one is reported, not a crash); parseData runs the
          // collection schema, whose image() resolves them beside the entry.
          const images = entry.images.map(({ src, alt, credit, license }) => ({ src, alt, credit, license }));
          const data = await parseData({
            id,
            data: { ...entry.data, images: images.length > 0 ? images : undefined },
            filePath: absPath,
          });
          store.set({
            id,
            data,
            body,
            filePath: path.relative(config.root.pathname, absPath),
            digest: generateDigest(body + JSON.stringify(data)),
            deferredRender: true,
          });
        }
      };
      await sync();
      watcher?.add(dir);
      watcher?.on('all', (_event, changed) => {
        if (!changed.startsWith(dir)) return;
        forgetContent();
        sync().catch((error) => logger.error(String(error)));
      });
    },
  };
}
