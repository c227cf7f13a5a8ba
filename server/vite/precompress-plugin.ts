import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text the browser downloads; images and sounds are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt|md|map)$/;
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1_024;

/**
 * Writes a brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy beside every text file of
 * the build, so the server sends compressed bytes without compressing anything per request (the
 * game's scripts shrink by about three quarters: what a friend on a slow connection waits for).
 * A copy that is not smaller than its original is not written.
 */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'hostmesh-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (await readdir(outDir, { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile() && COMPRESSIBLE.test(entry.name))
        .map((entry) => path.join(entry.parentPath, entry.name));
      await Promise.all(files.map(writeCompressedCopies));
    },
  };
}

async function writeCompressedCopies(file: string): Promise<void> {
  const original = await readFile(file);
  if (original.length < MIN_BYTES) return;
  const [br, gz] = await Promise.all([
    brotli(original, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: original.length } }),
    gzipAsync(original, { level: 9 }),
  ]);
  await Promise.all([
    br.length < original.length ? writeFile(`${file}.br`, br) : undefined,
    gz.length < original.length ? writeFile(`${file}.gz`, gz) : undefined,
  ]);
}
