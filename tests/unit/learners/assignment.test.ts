/** Assignment links: what /assign/ writes, the route page reads back. */
import { describe, expect, it } from 'vitest';
import { type Assignment, assignmentQuery, MAX_CLASS_NAME, progressKey, readAssignment } from '../../../src/lib/learners/assignment.ts';

const STOPS = ['wukang-mansion', 'ba-jin-residence', 'zhang-leping-residence'];

describe('assignment links', () => {
  it('round-trip: class, date and required stops', () => {
    const assignment: Assignment = { className: '天平街道党校 第3期（二班）& 团支部', date: '2026-11-20', required: ['ba-jin-residence'] };
    expect(readAssignment(`?${assignmentQuery(assignment)}`, STOPS)).toEqual(assignment);
  });

  it('leave out an empty date and an empty required list', () => {
    expect(assignmentQuery({ className: '一班', date: '', required: [] })).toBe('class=%E4%B8%80%E7%8F%AD');
    expect(readAssignment('?class=%E4%B8%80%E7%8F%AD', STOPS)).toEqual({ className: '一班', date: '', required: [] });
  });

  it('are no assignment without a class name', () => {
    expect(readAssignment('', STOPS)).toBeNull();
    expect(readAssignment('?date=2026-11-20', STOPS)).toBeNull();
    expect(readAssignment('?class=%20%20', STOPS)).toBeNull();
  });

  it('drop unknown stops and a malformed date, and keep required stops in route order', () => {
    expect(readAssignment('?class=a&date=20.11.2026&required=zhang-leping-residence,nowhere,wukang-mansion,wukang-mansion', STOPS)).toEqual({
      className: 'a',
      date: '',
      required: ['wukang-mansion', 'zhang-leping-residence'],
    });
  });

  it('cut an overlong class name', () => {
    const long = '班'.repeat(100);
    expect(readAssignment(`?${assignmentQuery({ className: long, date: '', required: [] })}`, STOPS)?.className).toHaveLength(MAX_CLASS_NAME);
  });
});

describe('progressKey', () => {
  it('keeps routes, base paths and assignments apart', () => {
    const a: Assignment = { className: '一班', date: '2026-11-20', required: [] };
    const keys = [
      progressKey('/routes/a/', null),
      progressKey('/red/routes/a/', null),
      progressKey('/routes/b/', null),
      progressKey('/routes/a/', a),
      progressKey('/routes/a/', { ...a, date: '2026-11-27' }),
      progressKey('/routes/a/', { ...a, className: '二班' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('ignores which stops are required: a teacher changing them keeps the record', () => {
    const a: Assignment = { className: '一班', date: '2026-11-20', required: [] };
    expect(progressKey('/routes/a/', a)).toBe(progressKey('/routes/a/', { ...a, required: ['x'] }));
  });
});
