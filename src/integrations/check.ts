/**
 * Runs the content checks before Astro builds anything, prints the same
 * report as `npm run check`, and stops the build on any error.
 */
import type { AstroIntegration } from 'astro';
import { resolveContentDir } from '../lib/content.ts';
import { formatProblems } from '../lib/report.ts';
import { shareSiteData } from '../lib/site-data.ts';

export default function contentCheck(): AstroIntegration {
  return {
    name: 'red-routes:check',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        if (command !== 'build') return;
        const dir = resolveContentDir();
        const { report } = shareSiteData(dir);
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
