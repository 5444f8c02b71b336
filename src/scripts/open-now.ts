/**
 * The station page's "今天开放 / 现在已关门" line, computed on the visitor's
 * clock in Shanghai time from the weekly schedule the build wrote into
 * `data-week`. Without JavaScript the line stays hidden and the weekly table
 * says the same.
 */
import { openStatus, statusText, type Week } from '../lib/services/open-now.ts';

export function showOpenNow(now: Date = new Date(), root: ParentNode = document): void {
  for (const line of root.querySelectorAll<HTMLElement>('[data-open-now]')) {
    const week = JSON.parse(line.dataset.week ?? '[]') as Week;
    const output = line.querySelector('[data-open-now-text]') ?? line;
    output.textContent = statusText(openStatus(week, now));
    line.hidden = false;
  }
}
