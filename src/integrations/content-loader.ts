/**
 * Astro content-layer loader over the project's own content loader, so the
 * collections hold exactly what the checker sees: same schemas, same WGS-84
 * coordinates, same track files. Bodies are rendered by Astro: Markdown here,
 * once, with the site's Markdown settings (as Astro's glob loader does), MDX
 * through deferred rendering of the original file. Deferring a Markdown
 * body too would make each entry a module of the page bundle: at 1,400
 * entries that took Vite 6 s or more instead of half a second.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Loader } from 'astro/loaders';
import { forgetContent, loadContentCached, resolveContentDir } from '../lib/content/load.ts';
import { sharedSiteData } from '../lib/site/site-data.ts';
import type { EntryCollection } from '../schemas/index.ts';

/**
 * @example
 * defineCollection({ loader: contentLoader('buildings') })
 */
export function contentLoader(collection: EntryCollection): Loader {
  return {
    name: `red-routes:${collection}`,
    load: async ({ store, config, generateDigest, parseData, renderMarkdown, watcher, logger }) => {
      const dir = resolveContentDir();
      const sync = async () => {
        // In a build, the content the checks already loaded; in dev, loaded again after every change.
        const content = sharedSiteData(dir)?.content ?? loadContentCached(dir);
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
          const entryFields = {
            id,
            data,
            body,
            filePath: path.relative(config.root.pathname, absPath),
            digest: generateDigest(body + JSON.stringify(data)),
          };
          if (absPath.endsWith('.mdx')) {
            store.set({ ...entryFields, deferredRender: true });
            continue;
          }
          const rendered = await renderMarkdown(body, { fileURL: pathToFileURL(absPath) });
          store.set({ ...entryFields, rendered, assetImports: rendered.metadata?.imagePaths });
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
