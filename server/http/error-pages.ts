import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from '../log.js';

/** A short plain-text answer: the status line's words, never a path, a stack or an echo of the request. */
function plain(response: Response, status: number): void {
  response.status(status).type('text/plain').set('Cache-Control', 'no-store').send(STATUS_CODES[status] ?? 'Error');
}

/** The site's last handler: anything no route served. */
export function notFound(): RequestHandler {
  return (_request, response) => plain(response, 404);
}

function statusOf(error: unknown): number {
  const status = typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

/**
 * Errors of the site (a missing asset, a path that does not decode such as `/join/%00%ff` or
 * `/%E0%A4%A`, a file that vanished) become a plain status answer. Express's own handler would
 * send the stack trace and the file's absolute path outside production and write the stack to
 * stderr; here the details go to the log instead, one line: client errors at `debug` (anyone can
 * cause them), server errors at `warn`, without a stack.
 */
export function errorPage(logger: Logger): ErrorRequestHandler {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- Express knows an error handler by its four parameters
  return (error: unknown, request, response, _next) => {
    const status = statusOf(error);
    const details = { status, url: request.originalUrl.slice(0, 200), reason: error instanceof Error ? error.message : String(error) };
    if (status >= 500) logger.warn(details, 'site error');
    else logger.debug(details, 'site request refused');
    if (response.headersSent) response.destroy();
    else plain(response, status);
  };
}
