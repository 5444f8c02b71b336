/**
 * Re-sorts event lists on the visitor's clock: a page built (or cached)
 * before an event ended must not show it as coming. Lists are
 * `[data-events]` holding `ol[data-events-coming]` and, on /events/,
 * `ol[data-events-past]`; items carry `data-start` and `data-over` (ms since
 * 1970). Where there is no past list (a place's page) ended events go away.
 * `[data-event-status]` on an event page says whether it is over.
 */
export function sortEvents(now: number, root: ParentNode = document): void {
  for (const box of root.querySelectorAll<HTMLElement>('[data-events]')) {
    const coming = box.querySelector<HTMLOListElement>('ol[data-events-coming]');
    const past = box.querySelector<HTMLOListElement>('ol[data-events-past]');
    if (!coming) continue;
    const items = [...box.querySelectorAll<HTMLLIElement>('li[data-start]')];
    const start = (li: HTMLLIElement) => Number(li.dataset.start);
    const over = (li: HTMLLIElement) => Number(li.dataset.over) <= now;
    coming.append(...items.filter((li) => !over(li)).sort((a, b) => start(a) - start(b)));
    const ended = items.filter(over).sort((a, b) => start(b) - start(a));
    if (past) past.append(...ended);
    else ended.forEach((li) => li.remove());
    for (const [list, empty] of [
      [coming, box.querySelector<HTMLElement>('[data-events-empty=coming]')],
      [past, box.querySelector<HTMLElement>('[data-events-empty=past]')],
    ] as const) {
      if (list && empty) empty.hidden = list.children.length > 0;
    }
  }
  for (const status of root.querySelectorAll<HTMLElement>('[data-event-status]')) {
    const started = Number(status.dataset.start) <= now;
    const ended = Number(status.dataset.over) <= now;
    status.textContent = ended ? '活动已结束。' : started ? '活动正在进行。' : '活动尚未开始。';
  }
}
