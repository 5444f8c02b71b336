/**
 * After the pages: the search index (src/integrations/search.ts), the
 * offline list with the service worker (src/integrations/offline.ts) and the
 * link check (src/integrations/link-check.ts), in one pass over the built
 * files: each is read once, handed to Pagefind (which indexes it in its own
 * process), then hashed for the offline list and scanned for links while
 * Pagefind works. The index's own files are added to both when Pagefind has
 * written them, and sw.js last, so the offline version covers every file and
 * the link check sees them all.
 *
 * QR codes on worksheets and plaques and the links in downloaded files are
 * absolute URLs, so a build without SITE_URL gets a warning: they would
 * point at the placeholder host.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { offlineCollector } from '../lib/learners/offline.ts';
import { addStepTime, timeStep } from '../lib/site/build-steps.ts';
import { linkCollector } from '../lib/site/links.ts';
import { collectGarbage } from '../lib/site/memory.ts';
import { listFiles } from '../lib/site/output.ts';
import { reportBrokenLinks } from './link-check.ts';
import { SW_FILE, serviceWorkerSource } from './offline.ts';
import { createSearchIndex } from './search.ts';

/** Files read before waiting for Pagefind to catch up: enough to keep it busy, few enough to keep memory flat. */
const BATCH = 32;

export default function afterBuild(): AstroIntegration {
  let base = '/';
  let site: string | undefined;
  return {
    name: 'red-routes:after-build',
    hooks: {
      'astro:config:done': ({ config, logger }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        site = config.site;
        if (!process.env.SITE_URL && config.site) {
          logger.warn(`SITE_URL 未设置：学习单、铭牌上的二维码和下载文件里的链接将指向 ${config.site}。正式部署请设置 SITE_URL。`);
        }
      },
      'astro:build:done': async ({ dir, logger }) => {
        const siteDir = fileURLToPath(dir);
        const started = performance.now();
        // Rendering leaves its garbage behind; without this the pass below
        // grows the heap on top of it (the build's peak, by 25-30 MB at 2,500 pages).
        collectGarbage();
        const built = listFiles(siteDir);
        const index = await timeStep('search', () => createSearchIndex());
        const offline = offlineCollector(siteDir, base, built);
        const links = linkCollector(siteDir);
        try {
          for (let i = 0; i < built.length; i += BATCH) {
            const sent: Promise<boolean>[] = [];
            for (const file of built.slice(i, i + BATCH)) {
              const bytes = readFileSync(path.join(siteDir, file));
              const text = /\.(?:html|css)$/.test(file) ? bytes.toString('utf8') : undefined;
              if (file.endsWith('.html')) {
                const handed = performance.now();
                sent.push(index.addPage(file, text!));
                addStepTime('search', performance.now() - handed);
              }
              timeStep('offline', () => offline.addFile(file, bytes, text));
              if (text !== undefined) timeStep('links', () => links.addFile(file, text));
            }
            await timeStep('search', () => Promise.all(sent));
          }
        } catch (error) {
          await index.close();
          throw error;
        }
        const outputPath = await timeStep('search', () => index.write(siteDir));
        logger.info(
          `Indexed ${index.indexed} pages (${index.hintWords} hint words) into ${path.relative(process.cwd(), outputPath)}; search, offline list and link check took ${Math.round(performance.now() - started)} ms together.`,
        );

        const builtSet = new Set(built);
        const indexFiles = listFiles(siteDir).filter((file) => !builtSet.has(file));
        const config = timeStep('offline', () => {
          offline.add(indexFiles);
          const config = offline.config();
          writeFileSync(path.join(siteDir, SW_FILE), serviceWorkerSource(config));
          return config;
        });
        logger.info(`离线缓存版本 ${config.version}：${Object.keys(config.pages).length} 个页面，${config.assets.length} 个资源文件。`);

        const result = timeStep('links', () => {
          links.add(indexFiles);
          return links.check(new Set([...built, ...indexFiles, SW_FILE]), { base, site });
        });
        const error = reportBrokenLinks(result, { siteDir, base, logger });
        if (error) throw error;
      },
    },
  };
}
