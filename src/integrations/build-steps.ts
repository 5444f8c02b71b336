/**
 * Ends the build log with the time of each step (src/lib/site/build-steps.ts):
 * content and checks (timed where they run), pages (Astro's bundling and
 * rendering, from `astro:build:start` to `astro:build:generated`), search
 * index, offline list and link check (timed in after-build.ts, where they
 * share one pass: each counts its own work, search also the waits for
 * Pagefind). It
 * comes last in astro.config.mjs, so every other step is over when it logs.
 */
import type { AstroIntegration } from 'astro';
import { addStepTime, stepSummary } from '../lib/site/build-steps.ts';

export default function buildSteps(): AstroIntegration {
  let started = 0;
  return {
    name: 'red-routes:build-steps',
    hooks: {
      'astro:build:start': () => {
        started = performance.now();
      },
      'astro:build:generated': () => {
        addStepTime('pages', performance.now() - started);
      },
      'astro:build:done': ({ logger }) => {
        logger.info(stepSummary());
      },
    },
  };
}
