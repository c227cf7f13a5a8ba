import type { IncomingMessage } from 'node:http';

/** The body of a request, or why there is none: larger than allowed, or the client went away. */
export type BodyRead = { readonly kind: 'body'; readonly bytes: Buffer } | { readonly kind: 'too-large' } | { readonly kind: 'aborted' };

/**
 * Reads a request body of at most `maxBytes`, for uploads that do not announce their size
 * (chunked): it never holds more than that, the first chunk that goes over stops the reading (the
 * stream is paused, nothing more is kept). The caller answers 413 with `Connection: close`, and
 * Node then discards the rest of the upload as it arrives and closes the connection. (A declared
 * `Content-Length` over the limit is refused before reading starts: see `declaredLength`.)
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyRead): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else {
        request.pause();
        finish({ kind: 'too-large' });
      }
    };
    const onEnd = (): void => finish({ kind: 'body', bytes: Buffer.concat(chunks) });
    const onClose = (): void => finish({ kind: 'aborted' });
    request.on('data', onData);
    request.once('end', onEnd);
    request.once('close', onClose);
  });
}

/** The `Content-Length` a request announces (0 when it has none, e.g. a chunked upload). */
export function declaredLength(request: IncomingMessage): number {
  const header = request.headers['content-length'];
  return header === undefined ? 0 : Number(header);
}
