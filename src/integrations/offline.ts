/**
 * Offline use: after the build, writes `<base>sw.js`, the service worker of
 * src/offline/service-worker.js with the build's version and each page's
 * assets (src/lib/learners/offline.ts). It must run after every integration that
 * writes pages (the version covers all files) and before the link check.
 *
 * QR codes on worksheets and plaques and the links in downloaded files are
 * absolute URLs, so a build without SITE_URL gets a warning: they would
 * point at the placeholder host.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { timeStep } from '../lib/site/build-steps.ts';
import { offlineConfig } from '../lib/learners/offline.ts';

const TEMPLATE = fileURLToPath(new URL('../offline/service-worker.js', import.meta.url));
const PLACEHOLDER = "'__OFFLINE_CONFIG__'";
export const SW_FILE = 'sw.js';

/**
 * The worker's source with its configuration in place.
 *
 * @example
 * serviceWorkerSource({ version: 'abc', base: '/', assets: [], pages: {} })
 * // '… const CONFIG = JSON.parse("{\\"version\\":\\"abc\\",…}"); …'
 */
export function serviceWorkerSource(config: object): string {
  const template = readFileSync(TEMPLATE, 'utf8');
  if (template.split(PLACEHOLDER).length !== 2) throw new Error(`${TEMPLATE} should hold ${PLACEHOLDER} once`);
  // The JSON as a JS string literal, which JSON.parse in the worker reads back.
  return template.replace(PLACEHOLDER, () => JSON.stringify(JSON.stringify(config)));
}

export default function offline(): AstroIntegration {
  let base = '/';
  return {
    name: 'red-routes:offline',
    hooks: {
      'astro:config:done': ({ config, logger }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        if (!process.env.SITE_URL && config.site) {
          logger.warn(`SITE_URL 未设置：学习单、铭牌上的二维码和下载文件里的链接将指向 ${config.site}。正式部署请设置 SITE_URL。`);
        }
      },
      'astro:build:done': ({ dir, logger }) => {
        const siteDir = fileURLToPath(dir);
        const config = timeStep('offline', () => {
          const config = offlineConfig(siteDir, base, [SW_FILE]);
          writeFileSync(path.join(siteDir, SW_FILE), serviceWorkerSource(config));
          return config;
        });
        logger.info(`离线缓存版本 ${config.version}：${Object.keys(config.pages).length} 个页面，${config.assets.length} 个资源文件。`);
      },
    },
  };
}
