/**
 * Runs the content checks before Astro builds anything, prints the same
 * report as `npm run check`, and stops the build on any error.
 */
import type { AstroIntegration } from 'astro';
import { withAudioChecks } from '../lib/content/audio.ts';
import { runCheck } from '../lib/geo/check.ts';
import { resolveContentDir } from '../lib/content/load.ts';
import { formatProblems } from '../lib/content/report.ts';
import { shareSiteData } from '../lib/site/site-data.ts';

export default function contentCheck(): AstroIntegration {
  return {
    name: 'red-routes:check',
    hooks: {
      'astro:config:setup': async ({ command, logger }) => {
        if (command !== 'build') return;
        const dir = resolveContentDir();
        // The same checks as `npm run check`, recordings' bytes included (src/lib/content/audio.ts).
        const site = shareSiteData(dir);
        const checked = await withAudioChecks(site.content);
        const report = checked === site.content ? site.report : runCheck(checked);
        const text = formatProblems(report.errors, report.warnings, { color: process.stdout.isTTY });
        if (report.errors.length === 0) {
          logger.info(text);
          return;
        }
        logger.error(`\n${text}`);
        // A content problem is not a crash: no stack trace, just the report above.
        const error = new Error(`内容目录 ${dir} 有 ${report.errors.length} 个错误（见上文），构建已停止。`);
        error.stack = error.message;
        throw error;
      },
    },
  };
}
