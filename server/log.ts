import { pino, type Logger } from 'pino';
import { TokenBucket, type RateLimit } from '../src/util/token-bucket.js';

export type { Logger };

/**
 * Structured JSON logs (one object per line) so an operator can filter by room and session id.
 * `LOG_LEVEL` sets the threshold; tests pass `silent`.
 */
export function createLogger(level: string = process.env['LOG_LEVEL'] ?? 'info'): Logger {
  return pino({ level, base: { service: 'hostmesh-lobby' } });
}

/** Colyseus's own lines: a burst of 20, then one a second. */
export const COLYSEUS_LOG_RATE: RateLimit = { burst: 20, perSecond: 1 };
const MAX_LINE = 300;

type ColyseusLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Routes Colyseus's console output into pino. Much of it is triggered by clients at no cost to
 * them: every frame that does not decode and every socket that claims no seat makes Colyseus log
 * an error with its stack trace. So: one line per message, its first line only, clipped (the stack
 * only at `debug`); errors logged as warnings; and one token bucket for all of them, checked
 * before anything is written, with the number of lines dropped reported on the next line that
 * passes.
 */
export function colyseusLogger(logger: Logger, rate: RateLimit = COLYSEUS_LOG_RATE, now: () => number = Date.now): Record<ColyseusLevel, (...args: unknown[]) => void> {
  const child = logger.child({ component: 'colyseus' });
  const bucket = new TokenBucket(rate, now());
  let suppressed = 0;
  const at = (level: 'debug' | 'info' | 'warn') => (...args: unknown[]): void => {
    if (!child.isLevelEnabled(level)) return;
    if (!bucket.take(now())) {
      suppressed += 1;
      return;
    }
    const text = args.map(String).join(' ');
    const firstLine = (text.split('\n')[0] ?? '').slice(0, MAX_LINE);
    const fields = {
      ...(suppressed > 0 ? { suppressed } : {}),
      ...(child.isLevelEnabled('debug') && text.length > firstLine.length ? { detail: text } : {}),
    };
    suppressed = 0;
    child[level](fields, firstLine);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('warn') };
}
