// The project's Astro config without its content check (and without search,
// offline and link checking, to build fast): tests/unit/bodies-build.test.ts
// builds hostile content with it to show that the build's own safety net
// (src/integrations/body-safety.ts) holds even when the check is skipped.
import config from '../../astro.config.mjs';

export default {
  ...config,
  integrations: config.integrations.filter((integration) => integration.name === '@astrojs/mdx'),
};
