/**
 * Walking-time estimates shown on route pages. The assumptions are printed
 * next to every estimate, so teachers can adjust them in their heads.
 */

/** An unhurried group walk: 4 km/h. */
export const WALKING_SPEED_M_PER_MIN = 4000 / 60;

export interface WalkingEstimate {
  walkMinutes: number;
  stopMinutes: number;
  totalMinutes: number;
}

/**
 * @example
 * estimateWalk(2000, 5, { minutesPerStop: 10 }) // { walkMinutes: 30, stopMinutes: 50, totalMinutes: 80 }
 */
export function estimateWalk(
  lengthM: number,
  stops: number,
  options: { minutesPerStop?: number; speedMPerMin?: number } = {},
): WalkingEstimate {
  const { minutesPerStop = 10, speedMPerMin = WALKING_SPEED_M_PER_MIN } = options;
  const walkMinutes = Math.round(lengthM / speedMPerMin);
  const stopMinutes = Math.round(stops * minutesPerStop);
  return { walkMinutes, stopMinutes, totalMinutes: walkMinutes + stopMinutes };
}

/** `95` → `1 小时 35 分钟`. */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} 分钟`;
  return m === 0 ? `${h} 小时` : `${h} 小时 ${m} 分钟`;
}

/** `1234.5` → `1.2 公里`, `312` → `312 米`. */
export function formatDistance(metres: number): string {
  return metres >= 1000 ? `${(metres / 1000).toFixed(1)} 公里` : `${Math.round(metres)} 米`;
}
