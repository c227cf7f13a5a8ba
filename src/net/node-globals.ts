/**
 * simple-peer and its stream dependencies were written for Node and read `global` and
 * `process.nextTick`. In the browser we provide exactly those two, and nothing else, before
 * simple-peer is evaluated. In Node both already exist and nothing changes.
 */
type NodeishGlobal = { global?: unknown; process?: unknown };
const scope = globalThis as unknown as NodeishGlobal;
scope.global ??= globalThis;
scope.process ??= {
  env: {},
  browser: true,
  version: '',
  versions: {},
  nextTick: (callback: (...args: unknown[]) => void, ...args: unknown[]) => {
    queueMicrotask(() => callback(...args));
  },
};
export {};
