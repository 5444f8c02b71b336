/**
 * Everything the pages need, computed once per build: the loaded content, the
 * checker's report and the links between entries.
 */
import { timeStep } from './build-steps.ts';
import { runCheck, type CheckReport } from './check.ts';
import { loadContentCached, resolveContentDir } from './content.ts';
import type { Content } from './model.ts';
import { buildRelations, type Relations } from './relations.ts';

export interface SiteData {
  content: Content;
  report: CheckReport;
  relations: Relations;
}

let cached: { content: Content; data: SiteData } | undefined;

/**
 * @example
 * const { content, report } = getSiteData();
 */
export function getSiteData(dir = resolveContentDir()): SiteData {
  const content = timeStep('content', () => loadContentCached(dir));
  if (cached?.content === content) return cached.data;
  const data = timeStep('checks', () => ({ content, report: runCheck(content), relations: buildRelations(content) }));
  cached = { content, data };
  return data;
}
