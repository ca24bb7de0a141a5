import type { Env } from './net/proxy';

/** A setting in the environment that is set but unusable; the message names the variable. */
export class SettingError extends Error {
  override readonly name = 'SettingError';
}

/** A whole-number setting from `min` to `max`, or undefined when the variable is unset or blank. */
export function envInteger(env: Env, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new SettingError(`${name} must be a whole number ${range}, not "${raw}".`);
  }
  return value;
}
