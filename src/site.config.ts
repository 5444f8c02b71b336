/**
 * Settings of the built site that an operator may change without touching
 * the pages. Astro's own settings (base path, site URL) stay in
 * astro.config.mjs; these are the site's.
 */
export const siteConfig = {
  /**
   * Siting suggestions (计算建议) shown on /coverage/ and the region pages:
   * how many new stations to propose, and the radius of their circles. The
   * radius is the checker's default (`npm run check -- --suggest <k>`), so
   * the pages and the terminal give the same proposals.
   */
  suggestions: {
    /** New stations proposed for the whole district on /coverage/. */
    district: 5,
    /** New stations proposed for one region on its page. */
    region: 2,
    /** Radius of a proposed station's circle, metres. */
    radiusM: 500,
  },
} as const;
