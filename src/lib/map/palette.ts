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
