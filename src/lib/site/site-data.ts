/**
 * Everything the pages need, computed once per build: the loaded content, the
 * checker's report and the links between entries.
 */
import path from 'node:path';
import { timeStep } from './build-steps.ts';
import { runCheck, type CheckReport } from '../geo/check.ts';
import { loadContentCached, resolveContentDir } from '../content/load.ts';
import type { Content } from '../content/model.ts';
import { buildRelations, type Relations } from './relations.ts';

export interface SiteData {
  content: Content;
  report: CheckReport;
  relations: Relations;
}

let cached: { content: Content; data: SiteData } | undefined;

const SHARED = Symbol.for('red-routes.site-data');
type Shared = { [SHARED]?: { dir: string; data: SiteData } };

/**
 * Loads and checks the content once for the whole of `astro build`, and
 * hands the result to every other copy of this module in the process
 * (Astro loads the content layer and the pages' bundle with copies of their
 * own): one copy of the site data in memory instead of three. Only the build
 * calls it (src/integrations/check.ts), where content does not change while
 * it runs; `astro dev` keeps reloading content on every change.
 *
 * @example
 * const { report } = shareSiteData(resolveContentDir());
 */
export function shareSiteData(dir: string): SiteData {
  const data = getSiteData(dir);
  (globalThis as Shared)[SHARED] = { dir: path.resolve(dir), data };
  return data;
}

/** The site data this build shared for `dir`, if it did (see shareSiteData). */
export function sharedSiteData(dir: string): SiteData | undefined {
  const shared = (globalThis as Shared)[SHARED];
  return shared?.dir === path.resolve(dir) ? shared.data : undefined;
}

/**
 * @example
 * const { content, report } = getSiteData();
 */
export function getSiteData(dir = resolveContentDir()): SiteData {
  const shared = sharedSiteData(dir);
  if (shared) return shared;
  const content = timeStep('content', () => loadContentCached(dir));
  if (cached?.content === content) return cached.data;
  const data = timeStep('checks', () => ({ content, report: runCheck(content), relations: buildRelations(content) }));
  cached = { content, data };
  return data;
}
