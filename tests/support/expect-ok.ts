import type { Result } from '../../src/util/result.js';

/** Unwraps a Result in a test, failing with the reason when it is a failure. */
export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got: ${result.reason}`);
  return result.value;
}
