/**
 * After the build, checks every page of the output for internal links and
 * assets that point nowhere (src/lib/site/links.ts) and fails the build, naming
 * the page, when any does. It must run after every integration that writes
 * files into the output (search), so it comes last in astro.config.mjs.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { timeStep } from '../lib/site/build-steps.ts';
import { checkSiteLinks, linkProblems } from '../lib/site/links.ts';
import { formatAnnotation, formatProblems } from '../lib/content/report.ts';
import { getSiteData } from '../lib/site/site-data.ts';

export default function linkCheck(): AstroIntegration {
  let base = '/';
  let site: string | undefined;
  return {
    name: 'red-routes:link-check',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
        site = config.site;
      },
      'astro:build:done': ({ dir, logger }) => {
        const siteDir = fileURLToPath(dir);
        const { broken, checked } = timeStep('links', () => checkSiteLinks(siteDir, { base, site }));
        if (broken.length === 0) {
          logger.info(`✓ 链接检查通过：${checked} 个站内链接和文件引用都有效。`);
          return;
        }
        // Links written in an entry's Markdown are traced back to its file and line.
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
        throw error;
      },
    },
  };
}
