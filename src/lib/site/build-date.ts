/**
 * The moment the site is built: it decides which events are coming and
 * stamps the calendar files. `SOURCE_DATE_EPOCH` (seconds, the reproducible-
 * builds convention) pins it, so two builds of the same content match.
 *
 * @example
 * buildDate({ SOURCE_DATE_EPOCH: '1796083200' }) // 2026-12-01T00:00:00.000Z
 */
export function buildDate(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  return env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : new Date();
}

let once: Date | undefined;

/** `buildDate()`, read once per process, so every page of a build agrees on "now". */
export function siteBuildDate(): Date {
  once ??= buildDate();
  return once;
}
