// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import afterBuild from './src/integrations/after-build.ts';
import buildSteps from './src/integrations/build-steps.ts';
import contentCheck from './src/integrations/check.ts';
import { safeMarkdownProcessor } from './src/integrations/body-safety.ts';
import maplibreFiles from './src/integrations/maplibre-files.ts';

// Deploying to a sub-folder (e.g. https://example.gov.cn/red-routes/) only
// needs BASE_PATH=/red-routes/ at build time; SITE_URL gives absolute links
// (QR codes, sitemap) their host.
export default defineConfig({
  site: process.env.SITE_URL || 'https://example.org',
  base: process.env.BASE_PATH || '/',
  trailingSlash: 'ignore',
  // afterBuild() indexes the finished HTML for search, versions every file
  // for offline use and checks every link: keep it after anything that
  // writes pages; buildSteps() then logs how long each step took.
  integrations: [contentCheck(), mdx(), afterBuild(), buildSteps()],
  // Entry bodies (Markdown and MDX) are rendered through the safety net of
  // src/integrations/body-safety.ts: nothing executable from content.
  markdown: { processor: safeMarkdownProcessor() },
  // Four pages at a time: a page's render waits on files and content
  // modules, and overlapping those waits shortened page generation at 2,500
  // pages (8 s against 13 s on average over a few runs on a busy 2-core machine).
  build: { inlineStylesheets: 'auto', concurrency: 4 },
  devToolbar: { enabled: false },
  vite: { plugins: [maplibreFiles()] },
  // JSON schemas of the collections for the Astro VS Code extension, so
  // editors get completion and checks in frontmatter (CONTRIBUTING.md).
  experimental: { contentIntellisense: true },
});
