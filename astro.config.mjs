// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import contentCheck from './src/integrations/check.ts';

// Deploying to a sub-folder (e.g. https://example.gov.cn/red-routes/) only
// needs BASE_PATH=/red-routes/ at build time; SITE_URL gives absolute links
// (QR codes, sitemap) their host.
export default defineConfig({
  site: process.env.SITE_URL || 'https://example.org',
  base: process.env.BASE_PATH || '/',
  trailingSlash: 'ignore',
  integrations: [contentCheck(), mdx()],
  build: { inlineStylesheets: 'auto' },
  devToolbar: { enabled: false },
});
