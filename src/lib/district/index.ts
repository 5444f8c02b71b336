/**
 * The district picture: balance across the 街镇, vacuums (真空地带) and
 * siting suggestions, on top of the geometry library in ../geo/.
 */
export { checkRegionParents, parentOf, regionOfPoint, topLevelRegions } from './regions.ts';
export { createSitePlanner, type SitePlanner, SitingError, type SitingOptions, suggestSites } from './siting.ts';
export { TIERS, type StationsByTier, type Suggestion, type Tier, type VacuumReport } from './types.ts';
export { type RegionPicture, regionVacuums, type VacuumOptions } from './vacuums.ts';
export { geometryFaults, type GeometryFault } from './validity.ts';
