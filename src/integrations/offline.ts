/**
 * Offline use: `<base>sw.js`, the service worker of
 * src/offline/service-worker.js with the build's version and each page's
 * assets (src/lib/learners/offline.ts), written by
 * src/integrations/after-build.ts once every other file exists (the version
 * covers them all).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
