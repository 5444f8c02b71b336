/**
 * Map colours, shared by the static SVG, the MapLibre style and the legend so
 * the three always match. Nothing is told by colour alone: gaps are striped,
 * schematic lines dashed, stops numbered, and the legend names each mark.
 */
export const COLORS = {
  background: '#efece6',
  region: '#ffffff',
  regionLine: '#555555',
  /** Uncovered parts: grey stripes over the region's white. */
  uncovered: '#a3a3a3',
  /** The circles a page is about: pale red, with the site's red edge. */
  circle: '#fbe4e0',
  circleLine: '#a61c21',
  /** Neighbouring circles shown for context. */
  context: '#e4e2dd',
  contextLine: '#8c8c8c',
  /** A walked route; blue so it stands apart from the red circles. */
  route: '#1f4e9c',
  schematic: '#555555',
  /** Gaps: amber under black dashes, like hazard tape. */
  gap: '#f2a900',
  gapStripe: '#1a1a1a',
  stop: '#a61c21',
  building: '#333333',
  text: '#1a1a1a',
  /** "You are here" in walk mode. */
  position: '#1447b8',
} as const;

/** Station tiers on the stations map, told apart by colour and named in the legend. */
export const TIER_COLORS: Record<string, string> = {
  district: '#7a1418',
  subdistrict: '#c2410c',
  neighborhood: '#0f766e',
  building: '#6d28d9',
  park: '#3f6212',
};

/**
 * Coverage classes of the choropleth, light (little covered) to dark. The
 * share is also printed on each region and in the table, so no one has to
 * read the colour; blues keep it apart from the red circles and amber gaps.
 */
export const COVERAGE_CLASSES: readonly { from: number; to: number; color: string; label: string }[] = [
  { from: 0, to: 20, color: '#f1f4f9', label: '0–20%' },
  { from: 20, to: 40, color: '#cfdcec', label: '20–40%' },
  { from: 40, to: 60, color: '#9fbbdc', label: '40–60%' },
  { from: 60, to: 80, color: '#6b97c9', label: '60–80%' },
  { from: 80, to: 100.01, color: '#3d72b0', label: '80–100%' },
];

/** Neighbouring regions on a region's map, drawn for context only. */
export const CONTEXT_REGION = '#e2e0db';
/** Stripes over vacuums (真空地带): dark enough to show on every class. */
export const VACUUM_STRIPE = '#4d4d4d';
/** Proposed stations (计算建议). */
export const SUGGESTION = '#1a1a1a';

/**
 * @example
 * coverageColor(63.2) // '#6b97c9'
 */
export function coverageColor(percent: number): string {
  return (COVERAGE_CLASSES.find((c) => percent >= c.from && percent < c.to) ?? COVERAGE_CLASSES[0]).color;
}

/** Streets by class (basemap.ts `roadClass`): motorway, trunk and primary widest and darkest, residential thin. */
export const STREET_STYLES: readonly { color: string; width: number }[] = [
  { color: '#8f8576', width: 3.6 },
  { color: '#a69e90', width: 2.6 },
  { color: '#b7b0a4', width: 2 },
  { color: '#c9c3b9', width: 1.3 },
];

/** Opacity of the service circles drawn over streets, on the static and the interactive map alike (so the switch keeps the picture). */
export const CIRCLE_OPACITY_OVER_STREETS = 0.6;
