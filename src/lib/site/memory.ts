/**
 * Memory of a long build.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Runs a full garbage collection now. V8 collects when it sees fit, which
 * after a phase that made a lot of short-lived garbage (rendering every
 * page) can be late enough that the next phase grows the heap on top of
 * it. The flag is the one jest-leak-detector sets for the same reason: it
 * only makes `gc` reachable from a fresh context.
 *
 * @example
 * collectGarbage(); // before reading every built file again
 */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
