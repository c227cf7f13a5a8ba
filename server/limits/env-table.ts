import { ok, type Result } from '../../src/util/result.js';

/**
 * Reads a table of settings from the environment: each key has its variable name and a default;
 * a set variable goes through `parse`, and the first bad one stops start-up with its reason.
 */
export function readEnvTable<T extends object>(
  env: NodeJS.ProcessEnv,
  names: Readonly<Record<keyof T, string>>,
  defaults: T,
  parse: (name: string, text: string) => Result<T[keyof T]>,
): Result<T> {
  const values: T = { ...defaults };
  for (const key of Object.keys(names) as (keyof T)[]) {
    const name = names[key];
    const text = env[name];
    if (text === undefined || text.trim() === '') continue;
    const parsed = parse(name, text);
    if (!parsed.ok) return parsed;
    values[key] = parsed.value;
  }
  return ok(values);
}
