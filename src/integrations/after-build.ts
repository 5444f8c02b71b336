/**
 * After the pages: the search index (src/integrations/search.ts), the
 * offline list with the service worker (src/integrations/offline.ts) and the
 * link check (src/integrations/link-check.ts), in one hook so they can
 * overlap. Pagefind writes its index in its own process; meanwhile this one
 * reads every built file once for the offline list and once for the links.
 * The index's own files are added to both when Pagefind is done, and sw.js
 * last, so the offline version covers every file and the link check sees
 * them all.
 *
 * QR codes on worksheets and plaques and the links in downloaded files are
 * absolute URLs, so a build without SITE_URL gets a warning: they would
 * point at the placeholder host.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { offlineCollector } from '../lib/learners/offline.ts';
import { timeStep } from '../lib/site/build-steps.ts';
import { linkCollector } from '../lib/site/links.ts';
import { listFiles } from '../lib/site/output.ts';
import { reportBrokenLinks } from './link-check.ts';
import { SW_FILE, serviceWorkerSource } from './offline.ts';
import { indexPages } from './search.ts';

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
        const built = listFiles(siteDir);
        const started = performance.now();
        const index = await timeStep('search', () => indexPages(siteDir, built));
        const writing = timeStep('search', () => index.write());
        const offline = offlineCollector(siteDir, base, built);
        const links = linkCollector(siteDir);
        try {
          timeStep('offline', () => offline.add(built));
          timeStep('links', () => links.add(built));
        } finally {
          // Pagefind's failure, if any, is the one to report: the reading above only waited for it.
          await writing;
        }
        const outputPath = path.relative(process.cwd(), path.join(siteDir, 'pagefind'));
        logger.info(
          `Indexed ${index.indexed} pages (${index.hintWords} hint words) into ${outputPath} in ${Math.round(performance.now() - started)} ms.`,
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
