/**
 * The link check's report: internal links and assets of the built site that
 * point nowhere (found by src/lib/site/links.ts, run by
 * src/integrations/after-build.ts once every file exists) fail the build,
 * naming the page, or the entry file and line where the link was written.
 */
import path from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import { type LinkCheckResult, linkProblems } from '../lib/site/links.ts';
import { formatAnnotation, formatProblems } from '../lib/content/report.ts';
import { getSiteData } from '../lib/site/site-data.ts';

/**
 * Logs the broken links of a finished build, traced back to the entry file
 * and line where they were written in Markdown, and returns the error that
 * fails the build; nothing when every link resolves.
 *
 * @example
 * const error = reportBrokenLinks(links.check(files, { base }), { siteDir, base, logger });
 * if (error) throw error;
 */
export function reportBrokenLinks(
  { broken, checked }: LinkCheckResult,
  { siteDir, base, logger }: { siteDir: string; base: string; logger: AstroIntegrationLogger },
): Error | undefined {
  if (broken.length === 0) {
    logger.info(`✓ 链接检查通过：${checked} 个站内链接和文件引用都有效。`);
    return undefined;
  }
  const { content } = getSiteData();
  const { inContent, inSite } = linkProblems(broken, content, { base });
  logger.error(`\n${formatProblems([...inContent, ...inSite], [], { color: process.stdout.isTTY })}`);
  if (process.env.GITHUB_ACTIONS === 'true') {
    const cwd = process.cwd();
    for (const p of inContent) console.log(formatAnnotation(p, { contentDir: content.dir, cwd }));
    for (const p of inSite) console.log(formatAnnotation(p, { contentDir: siteDir, cwd }));
  }
  // Broken links are not a crash: no stack trace, the report above says it all.
  const error = new Error(
    `${path.relative(process.cwd(), siteDir) || '.'} 中有 ${broken.length} 个无效的站内链接或文件引用（见上文），构建失败。`,
  );
  error.stack = error.message;
  return error;
}
