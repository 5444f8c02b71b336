/**
 * Check-ins on a route page: the buttons StopList.astro puts on each stop,
 * the record in CheckIns.astro and the assignment banner. State lives in
 * localStorage under progressKey(); the position asked for at each check-in
 * goes to verifyFix() and is then dropped. Nothing leaves the phone.
 */
import { type Assignment, progressKey, readAssignment } from '../lib/learners/assignment.ts';
import {
  type CheckIn,
  describeCheckIn,
  type Fix,
  formatClock,
  makeCheckIn,
  parseProgress,
  type Progress,
  recordCheckIn,
  type StopRef,
  summarize,
} from '../lib/learners/checkin.ts';

interface Stop extends StopRef {
  name: string;
}

/** How long to wait for a position before checking in unverified. */
const POSITION_TIMEOUT_MS = 15_000;

/** Wires up the page; does nothing on a page without a check-in section. */
export function startCheckIns(): void {
  const section = document.querySelector<HTMLElement>('[data-checkins]');
  const dataScript = section?.querySelector('[data-checkin-data]');
  if (!section || !dataScript) return;
  const { stops } = JSON.parse(dataScript.textContent ?? '{}') as { stops: Stop[] };
  const assignment = readAssignment(location.search, stops.map((s) => s.id));
  const key = progressKey(location.pathname, assignment);
  let progress = parseProgress(load(key), stops);

  const render = () => {
    renderRecord(section, stops, progress, assignment);
    renderStops(progress);
  };

  for (const control of document.querySelectorAll<HTMLElement>('[data-checkin-stop]')) {
    const stop = stops.find((s) => s.order === Number(control.dataset.checkinStop));
    const button = control.querySelector('button');
    if (!stop || !button) continue;
    control.hidden = false;
    button.addEventListener('click', async () => {
      button.disabled = true;
      status(control).textContent = '正在获取位置……';
      announce(section, '正在获取位置……');
      const checkIn = makeCheckIn(stop, await currentFix(), new Date());
      const next = recordCheckIn(progress, checkIn);
      const kept = next === progress;
      progress = next;
      save(key, progress);
      render();
      if (kept) status(control).textContent += '（这次未能核验，保留之前已核验的记录）';
      announce(section, `第 ${stop.order} 站 ${stop.name}：${status(control).textContent}`);
      button.disabled = false;
    });
  }

  section.querySelector('[data-checkin-clear]')?.addEventListener('click', () => {
    if (!confirm('清除本机上这条路线的全部打卡记录？')) return;
    progress = { checkIns: [] };
    save(key, progress);
    render();
  });

  section.hidden = false;
  render();
}

/** One live region for the whole page, so loading the page does not read out every stop. */
function announce(section: HTMLElement, text: string): void {
  section.querySelector('[data-checkin-announce]')!.textContent = text;
}

function status(control: HTMLElement): HTMLElement {
  return control.querySelector<HTMLElement>('.checkin-status')!;
}

/** A fresh position (a cached one may be from the previous stop), or null when refused, unavailable or too slow. */
function currentFix(): Promise<Fix | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lng: p.coords.longitude, lat: p.coords.latitude, accuracyM: p.coords.accuracy }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: POSITION_TIMEOUT_MS, maximumAge: 0 },
    );
  });
}

/** localStorage can be missing or refuse (private mode, full): check-ins then last for the visit. */
function load(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function save(key: string, progress: Progress): void {
  try {
    if (progress.checkIns.length === 0) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(progress));
  } catch {
    // Kept in memory for this visit; the record on screen still says what happened.
  }
}

function line(checkIn: CheckIn): string {
  return `已打卡 ${formatClock(checkIn.at)} · ${describeCheckIn(checkIn)}`;
}

function renderStops(progress: Progress): void {
  for (const control of document.querySelectorAll<HTMLElement>('[data-checkin-stop]')) {
    const checkIn = progress.checkIns.find((c) => c.order === Number(control.dataset.checkinStop));
    control.toggleAttribute('data-done', Boolean(checkIn));
    status(control).textContent = checkIn ? line(checkIn) : '';
    // The button's first node is its visible text; the stop's name follows, visually hidden.
    const label = control.querySelector('button')?.firstChild;
    if (label) label.textContent = checkIn ? '重新打卡' : '在此打卡';
  }
}

function renderRecord(section: HTMLElement, stops: Stop[], progress: Progress, assignment: Assignment | null): void {
  const summary = summarize(stops, progress, assignment?.required ?? []);
  const parts = [`已打卡 ${summary.checked}/${summary.total} 个经停点，其中 ${summary.verified} 个位置已核验。`];
  if (assignment && assignment.required.length > 0) {
    parts.push(`必到经停点完成 ${summary.requiredChecked}/${summary.requiredTotal}。`);
  }
  if (summary.checked > 0 && summary.complete) parts.push('已完成全部要求的经停点。');
  section.querySelector('[data-checkin-progress]')!.textContent = parts.join('');

  const rows = section.querySelector('[data-checkin-rows]')!;
  rows.replaceChildren(
    ...summary.rows.map((row) => {
      const tr = document.createElement('tr');
      const mark = assignment && assignment.required.length > 0 && row.required ? '（必到）' : '';
      const cells = [
        `${row.order}. ${row.name}${mark}`,
        row.checkIn ? formatClock(row.checkIn.at) : '未打卡',
        row.checkIn ? describeCheckIn(row.checkIn) : '—',
      ];
      for (const text of cells) tr.append(Object.assign(document.createElement('td'), { textContent: text }));
      return tr;
    }),
  );
  renderBanner(assignment, stops, summary.requiredChecked, summary.requiredTotal);
}

function renderBanner(assignment: Assignment | null, stops: Stop[], done: number, total: number): void {
  const banner = document.querySelector<HTMLElement>('[data-assignment]');
  if (!banner || !assignment) return;
  const set = (name: string, text: string) => {
    banner.querySelector(`[data-assignment-${name}]`)!.textContent = text;
  };
  set('class', assignment.className);
  set('date', assignment.date);
  banner.querySelector<HTMLElement>('[data-assignment-date-term]')!.hidden = !assignment.date;
  banner.querySelector<HTMLElement>('[data-assignment-date]')!.hidden = !assignment.date;
  const required = stops.filter((s, i) => assignment.required.includes(s.id) && stops.findIndex((t) => t.id === s.id) === i);
  set('required', required.length > 0 ? required.map((s) => `${s.order}. ${s.name}`).join('、') : '全部经停点');
  set('progress', `${done}/${total}${done === total ? '，已完成' : ''}`);
  banner.hidden = false;
}
