/**
 * A teacher's assignment travels in the route link's query, readable to
 * anyone who looks at it: `?class=高一（3）班&date=2026-11-20&required=a,b`.
 * There is no server: the link is the assignment.
 */

export interface Assignment {
  /** Class or group name, as the teacher typed it. */
  className: string;
  /** `YYYY-MM-DD`, or '' when none was given. */
  date: string;
  /** Stop ids the class must check in at; empty means every stop. */
  required: string[];
}

/** Long enough for any class name, short enough to keep the QR code scannable. */
export const MAX_CLASS_NAME = 40;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The query string of an assignment link (without `?`). Required stops go
 * in route order, so the same choice always makes the same link.
 *
 * @example
 * assignmentQuery({ className: '一班', date: '2026-11-20', required: ['b'] }) // 'class=%E4%B8%80%E7%8F%AD&date=2026-11-20&required=b'
 */
export function assignmentQuery(assignment: Assignment): string {
  const params = new URLSearchParams({ class: assignment.className.trim().slice(0, MAX_CLASS_NAME) });
  if (assignment.date) params.set('date', assignment.date);
  if (assignment.required.length > 0) params.set('required', assignment.required.join(','));
  return params.toString();
}

/**
 * Reads an assignment from a route page's query; `null` when there is none.
 * Unknown stop ids and a malformed date are dropped rather than trusted:
 * links get retyped and truncated in chat apps.
 *
 * @example
 * readAssignment('?class=一班&required=a,zz', ['a', 'b']) // { className: '一班', date: '', required: ['a'] }
 * readAssignment('', ['a']) // null
 */
export function readAssignment(search: string, stopIds: readonly string[]): Assignment | null {
  const params = new URLSearchParams(search);
  const className = (params.get('class') ?? '').trim().slice(0, MAX_CLASS_NAME);
  if (!className) return null;
  const date = params.get('date') ?? '';
  const wanted = new Set((params.get('required') ?? '').split(',').filter(Boolean));
  return {
    className,
    date: DATE.test(date) ? date : '',
    required: stopIds.filter((id, i) => wanted.has(id) && stopIds.indexOf(id) === i),
  };
}

/**
 * The localStorage key of a learner's check-ins: per page (its path holds
 * the base path and route) and per assignment, so two classes on one phone,
 * or the same route walked again for another assignment, keep apart.
 *
 * @example
 * progressKey('/routes/a/', { className: '一班', date: '2026-11-20', required: [] }) // 'red-routes:checkins:/routes/a/:一班|2026-11-20'
 * progressKey('/routes/a/', null) // 'red-routes:checkins:/routes/a/'
 */
export function progressKey(pagePath: string, assignment: Assignment | null): string {
  const key = `red-routes:checkins:${pagePath}`;
  return assignment ? `${key}:${assignment.className}|${assignment.date}` : key;
}
