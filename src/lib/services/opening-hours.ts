/**
 * Station opening hours, build side. The `opening_hours` package (the
 * OpenStreetMap reference implementation) parses what the editor wrote; from
 * it we take a weekly schedule (for the table, the words and the browser's
 * open-now line) and the rules about public holidays, which we describe but
 * never evaluate: China's holidays and their swapped working days (调休) are
 * announced each year, and the package's Chinese holiday list is a handful of
 * fixed dates without the Spring Festival.
 */
import OpeningHours from 'opening_hours';
import { DAY_NAMES, formatIntervals, formatTime, type Interval, type Week } from './open-now.ts';

export type { Interval, Week } from './open-now.ts';

/** What the page shows for a station's `openingHours`. */
export type OpeningHoursInfo =
  | {
      ok: true;
      /** As written. */
      written: string;
      /** Monday-first weekly schedule; undefined when the hours change with the date (months, weeks). */
      week: Week | undefined;
      /** The week in words, e.g. `周一至周五 9:00–17:00，周六 9:00–12:00`. */
      words: string;
      /** Rules for public or school holidays in words, e.g. `法定节假日：休息`. */
      holidays: string[];
      /** Comments written in the value (`"需预约"`). */
      comments: string[];
    }
  | {
      ok: false;
      written: string;
      /** Why the parser refused it (Chinese, with the position). */
      reason: string;
    };

/** Where the value is evaluated: the parser needs a country for PH rules. */
const SHANGHAI = { lat: 31.19, lon: 121.44, address: { country_code: 'cn', state: '上海市' } };

/**
 * Mondays of weeks without any holiday the parser knows for China (its list
 * is fixed dates only), spread over a year: a value that gives the same week
 * for all of them is a weekly schedule.
 */
const REFERENCE_MONDAYS: [number, number, number][] = [
  [2025, 0, 13],
  [2025, 3, 14],
  [2025, 6, 14],
  [2025, 8, 15],
  [2025, 10, 17],
];

/**
 * @example
 * readOpeningHours('Mo-Fr 09:00-17:00; Sa 09:00-12:00; PH off')
 * // { ok: true, words: '周一至周五 9:00–17:00，周六 9:00–12:00', holidays: ['法定节假日：休息'], week: [[[540, 1020]], …], … }
 * readOpeningHours('周一至周五 9:00—17:00') // { ok: false, reason: '无法识别“周”' }
 */
export function readOpeningHours(written: string): OpeningHoursInfo {
  // Stations of a city share a few dozen values: parse each once.
  let info = known.get(written);
  if (!info) {
    info = parseOpeningHours(written);
    known.set(written, info);
  }
  return info;
}

const known = new Map<string, OpeningHoursInfo>();

/**
 * Longer values are not handed to the parser: its time grows faster than the
 * length (100,000 characters of junk take over half a minute), and real
 * opening hours fit in a few hundred.
 */
export const MAX_OPENING_HOURS_LENGTH = 1000;

function parseOpeningHours(written: string): OpeningHoursInfo {
  if (written.length > MAX_OPENING_HOURS_LENGTH) {
    return { ok: false, written, reason: `太长（${written.length} 个字符，最多 ${MAX_OPENING_HOURS_LENGTH} 个）` };
  }
  let parsed: OpeningHours;
  try {
    parsed = quietly(() => new OpeningHours(written, SHANGHAI, { mode: 0, locale: 'zh' } as never));
  } catch (error) {
    return { ok: false, written, reason: parseFailure(error) };
  }
  const weeks = REFERENCE_MONDAYS.map((monday) => weekOf(parsed, monday));
  const first = JSON.stringify(weeks[0]);
  const week = weeks.every((w) => JSON.stringify(w) === first) ? weeks[0] : undefined;
  const { holidays, comments } = describeRules(parsed);
  return {
    ok: true,
    written,
    week,
    words: week ? weekWords(week) : parsed.prettifyValue(),
    holidays,
    comments,
  };
}

/** The parser also prints some failures to the console; the checker reports them itself. */
function quietly<T>(run: () => T): T {
  const print = console.error;
  console.error = () => {};
  try {
    return run();
  } finally {
    console.error = print;
  }
}

/** The parser throws English text; say in Chinese what it found. */
function parseFailure(error: unknown): string {
  const text = String(error instanceof Error ? error.message : error);
  const token = text.match(/Unexpected token: "(.+?)"/);
  if (token) return `无法识别“${token[1]}”`;
  if (/does not continue as expected/.test(text)) return '时间段没有写完整';
  if (/no holidays \(SH\)/.test(text)) return 'SH（学校假期）在中国没有可用的日期，请删去 SH 规则';
  return '无法识别';
}

/** Open intervals of one reference week, split at midnight, Monday first. */
function weekOf(parsed: OpeningHours, [year, month, day]: [number, number, number]): Week {
  const week: Week = [[], [], [], [], [], [], []];
  const from = new Date(year, month, day);
  const to = new Date(year, month, day + 7);
  for (const [start, end, unknown] of parsed.getOpenIntervals(from, to)) {
    if (unknown) continue;
    for (let d = 0; d < 7; d++) {
      const dayStart = new Date(year, month, day + d);
      const dayEnd = new Date(year, month, day + d + 1);
      if (end <= dayStart || start >= dayEnd) continue;
      const a = start > dayStart ? minutesOf(start) : 0;
      const b = end < dayEnd ? minutesOf(end) : 1440;
      if (b > a) addInterval(week[d], [a, b]);
    }
  }
  return week;
}

const minutesOf = (date: Date) => date.getHours() * 60 + date.getMinutes();

/** Appends in order, merging an interval that touches the last one. */
function addInterval(list: Interval[], next: Interval): void {
  const last = list.at(-1);
  if (last && last[1] >= next[0]) last[1] = Math.max(last[1], next[1]);
  else list.push(next);
}

/**
 * A week in words: consecutive days with the same hours grouped, closed
 * days left out (the table shows them).
 *
 * @example
 * weekWords([[[540, 1020]], [[540, 1020]], [[540, 1020]], [[540, 1020]], [[540, 1020]], [[540, 720]], []])
 * // '周一至周五 9:00–17:00，周六 9:00–12:00'
 */
export function weekWords(week: Week): string {
  const key = (day: Interval[]) => JSON.stringify(day);
  if (week.every((day) => day.length === 0)) return '不开放';
  if (week.every((day) => key(day) === key(week[0]))) {
    return dayHours(week[0]) === '全天' ? '每天 24 小时开放' : `每天 ${dayHours(week[0])}`;
  }
  const parts: string[] = [];
  for (let start = 0; start < 7; ) {
    let end = start;
    while (end + 1 < 7 && key(week[end + 1]) === key(week[start])) end++;
    if (week[start].length > 0) {
      const days =
        end === start
          ? DAY_NAMES[start]
          : end === start + 1
            ? `${DAY_NAMES[start]}、${DAY_NAMES[end]}`
            : `${DAY_NAMES[start]}至${DAY_NAMES[end]}`;
      parts.push(`${days} ${dayHours(week[start])}`);
    }
    start = end + 1;
  }
  return parts.join('，');
}

/** `全天` for 0:00–24:00, else the intervals. */
export function dayHours(day: Interval[]): string {
  if (day.length === 0) return '休息';
  return day.length === 1 && day[0][0] === 0 && day[0][1] === 1440 ? '全天' : formatIntervals(day);
}

type Selector = [[number, number, string], string];

/** Holiday rules and comments, read from the parser's own rule tokens. */
function describeRules(parsed: OpeningHours): { holidays: string[]; comments: string[] } {
  const [rules] = parsed.prettifyValue({ get_internals: true } as never) as unknown as [Selector[][]];
  const holidays: string[] = [];
  const comments: string[] = [];
  for (const rule of rules) {
    const holiday = rule.find(([[, , type]]) => type === 'holiday');
    for (const [[, , type], text] of rule) if (type === 'comment') comments.push(text.replace(/^"|"$/g, ''));
    if (!holiday) continue;
    const rest = rule.filter((s) => s !== holiday && s[0][2] !== 'comment');
    holidays.push(`${holidayName(holiday[1])}：${ruleWords(rest)}`);
  }
  return { holidays, comments };
}

function holidayName(text: string): string {
  return text
    .split(',')
    .map((part) => ({ PH: '法定节假日', SH: '学校假期' })[part.trim()] ?? part.trim())
    .join('、');
}

/** What a holiday rule says besides its holiday selector: off, open, times. */
function ruleWords(selectors: Selector[]): string {
  if (selectors.length === 0) return '开放';
  return selectors
    .map(([[, , type], text]) => {
      if (type === 'state') return /^(off|closed)$/.test(text) ? '休息' : text === 'unknown' ? '未定' : '开放';
      if (type === 'time') return timeWords(text);
      return text;
    })
    .join(' ');
}

/** `09:00-12:00,14:00-17:00` → `9:00–12:00、14:00–17:00`; anything else as written. */
function timeWords(text: string): string {
  const ranges = text.split(',').map((r) => r.match(/^(\d\d):(\d\d)-(\d\d):(\d\d)$/));
  if (ranges.some((r) => !r)) return text;
  return ranges
    .map((r) => `${formatTime(Number(r![1]) * 60 + Number(r![2]))}–${formatTime(Number(r![3]) * 60 + Number(r![4]))}`)
    .join('、');
}
