import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs (one object per line) so an operator can filter by room and session id.
 * `LOG_LEVEL` sets the threshold; tests pass `silent`.
 */
export function createLogger(level: string = process.env['LOG_LEVEL'] ?? 'info'): Logger {
  return pino({ level, base: { service: 'hostmesh-lobby' } });
}
