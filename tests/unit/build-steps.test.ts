/**
 * The build's step times: added up across calls (the integrations and the
 * pages' bundle both load content), logged as one line, read back by the
 * benchmark.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addStepTime, parseStepSummary, resetStepTimes, stepSummary, timeStep } from '../../src/lib/site/build-steps.ts';

afterEach(() => resetStepTimes());

describe('build step times', () => {
  it('adds up every timed call of a step, sync and async, and lists every step in order', async () => {
    addStepTime('content', 1200);
    addStepTime('content', 300);
    expect(timeStep('checks', () => 42)).toBe(42);
    await timeStep('search', () => new Promise((done) => setTimeout(done, 30)));
    const times = parseStepSummary(`[build-steps] ${stepSummary()}\n[build] Complete!`)!;
    expect(Object.keys(times)).toEqual(['content', 'checks', 'pages', 'search', 'offline', 'links']);
    expect(times.content).toBe(1.5);
    expect(times.search).toBeGreaterThanOrEqual(0.02);
    expect(times.pages).toBe(0);
  });

  it('counts a step that failed, and finds no summary in a log without one', async () => {
    await expect(timeStep('links', () => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
    expect(stepSummary()).toMatch(/链接检查 0\.\d\d s$/);
    expect(parseStepSummary('[build] Complete!')).toBeUndefined();
  });
});
