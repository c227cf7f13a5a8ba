import type { RequestHandler } from 'express';
import expressStaticGzip from 'express-static-gzip';
import type { ServeStaticOptions } from 'serve-static';

/**
 * Serves a folder of the build, sending the brotli or gzip copy the build wrote beside a file
 * (server/vite/precompress-plugin.ts) when the browser accepts it, brotli first, with
 * `Content-Encoding` and `Vary: Accept-Encoding`; the original otherwise. express-static-gzip does
 * the negotiation on top of Express's own serve-static, so caching, ETags, ranges and MIME types
 * stay the standard ones. This wrapper gives it Express's types, and turns a path that does not
 * decode into a 400 for the site's error page (the library would answer with the decoder's own
 * message, as HTML).
 */
export function precompressedFiles(root: string, options: ServeStaticOptions): RequestHandler {
  const serve = expressStaticGzip(root, { enableBrotli: true, orderPreference: ['br', 'gzip'], index: false, serveStatic: { ...options, index: false } });
  return (request, response, next) => {
    try {
      decodeURIComponent(request.path);
    } catch (error) {
      next(Object.assign(new Error('path does not decode', { cause: error }), { status: 400 }));
      return;
    }
    serve(request, response, next);
  };
}
