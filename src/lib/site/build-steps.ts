/**
 * How long each step of a build took, so the next slow step is visible: the
 * build log ends with one line of them (src/integrations/build-steps.ts) and
 * `npm run bench -- build` reads that line back.
 *
 * The times live on `globalThis`: the integrations and the pages' bundle load
 * their own copies of the modules that do the work, in the same process, and
 * both add to the same totals.
 */

export const STEPS = {
  content: '内容',
  checks: '检查',
  pages: '页面',
  search: '搜索',
  offline: '离线清单',
  links: '链接检查',
} as const;

export type BuildStep = keyof typeof STEPS;

const KEY = Symbol.for('red-routes.build-steps');

function totals(): Map<BuildStep, number> {
  const global = globalThis as { [KEY]?: Map<BuildStep, number> };
  global[KEY] ??= new Map();
  return global[KEY];
}

/** Adds `ms` milliseconds to a step. */
export function addStepTime(step: BuildStep, ms: number): void {
  totals().set(step, (totals().get(step) ?? 0) + ms);
}

/**
 * Runs `work` and adds its time to a step; for async work, the time until
 * it settles.
 *
 * @example
 * const report = timeStep('checks', () => runCheck(content));
 */
export function timeStep<T>(step: BuildStep, work: () => T): T {
  const started = performance.now();
  const result = work();
  if (result instanceof Promise) {
    return result.finally(() => addStepTime(step, performance.now() - started)) as T;
  }
  addStepTime(step, performance.now() - started);
  return result;
}

/** Forgets all times (a new build in the same process, e.g. in tests). */
export function resetStepTimes(): void {
  totals().clear();
}

/**
 * The log line: every step in order, in seconds.
 *
 * @example
 * stepSummary() // '各步用时：内容 1.20 s，检查 0.80 s，页面 8.10 s，搜索 2.00 s，离线清单 0.30 s，链接检查 0.90 s'
 */
export function stepSummary(): string {
  const parts = (Object.keys(STEPS) as BuildStep[]).map((step) => `${STEPS[step]} ${((totals().get(step) ?? 0) / 1000).toFixed(2)} s`);
  return `各步用时：${parts.join('，')}`;
}

/**
 * The step times in seconds from a build's output, or undefined when it has
 * no summary line.
 *
 * @example
 * parseStepSummary('… 各步用时：内容 1.20 s，检查 0.80 s …') // { content: 1.2, checks: 0.8, … }
 */
export function parseStepSummary(log: string): Partial<Record<BuildStep, number>> | undefined {
  const line = /各步用时：(.*)/.exec(log)?.[1];
  if (!line) return undefined;
  const times: Partial<Record<BuildStep, number>> = {};
  for (const step of Object.keys(STEPS) as BuildStep[]) {
    const match = new RegExp(`${STEPS[step]} ([\\d.]+) s`).exec(line);
    if (match) times[step] = Number(match[1]);
  }
  return times;
}
