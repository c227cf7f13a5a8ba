import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useSuiteLobby } from '../support/suite-lobby.js';

/** The built game (`npm run build`; `npm test` builds first). */
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

interface BinaryResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** A GET with exactly the Accept-Encoding given (none: the header is left out), body as bytes. */
function get(port: number, path: string, acceptEncoding?: string): Promise<BinaryResponse> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding };
    const outgoing = request({ host: '127.0.0.1', port, path, agent: false, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

function decoded(response: BinaryResponse): Buffer {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(response.body);
  if (encoding === 'gzip') return gunzipSync(response.body);
  return response.body;
}

/** The game's biggest script (Phaser's chunk): what a friend on a slow connection waits for. */
function biggestScript(): string {
  const scripts = readdirSync(`${DIST}assets`).filter((name) => name.endsWith('.js'));
  const sized = scripts.map((name) => ({ name, bytes: readFileSync(`${DIST}assets/${name}`).length }));
  return sized.sort((a, b) => b.bytes - a.bytes)[0]?.name ?? '';
}

describe('the built game goes out compressed (real lobby serving dist/)', () => {
  const { lobby } = useSuiteLobby({ staticDir: DIST });

  it('sends the precompressed brotli or gzip copy the browser accepts, the original to one that accepts neither', async () => {
    const script = biggestScript();
    const original = readFileSync(`${DIST}assets/${script}`);
    const sizes: Record<string, number> = {};
    for (const [accept, encoding] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip', 'gzip'],
      ['br;q=1, gzip;q=0.5', 'br'],
      [undefined, undefined],
      ['identity', undefined],
    ] as const) {
      const answer = await get(lobby().port, `/assets/${script}`, accept);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding']).toBe(encoding);
      expect(answer.headers['content-type']).toMatch(/^text\/javascript; charset=utf-8$/i);
      expect(String(answer.headers['vary'])).toMatch(/Accept-Encoding/i);
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(decoded(answer).equals(original)).toBe(true);
      sizes[encoding ?? 'none'] = answer.body.length;
    }
    console.log(`${script}: ${JSON.stringify(sizes)} bytes on the wire`);
    expect(sizes['br']).toBeLessThan((sizes['none'] ?? 0) / 3);
    expect(sizes['gzip']).toBeLessThan((sizes['none'] ?? 0) / 3);
  });

  it('compresses the page at / and on invite links too, which browsers must check again each visit', async () => {
    const page = readFileSync(`${DIST}index.html`);
    for (const path of ['/', '/join/ABCDEF']) {
      const answer = await get(lobby().port, path, 'gzip, deflate, br');
      expect({ path, status: answer.status, encoding: answer.headers['content-encoding'] }).toEqual({ path, status: 200, encoding: 'br' });
      expect(answer.headers['content-type']).toMatch(/^text\/html; charset=utf-8$/i);
      expect(answer.headers['cache-control']).toBe('public, max-age=0');
      expect(decoded(answer).equals(page)).toBe(true);
      expect(answer.headers['content-security-policy']).toBeDefined();
    }
  });

  it.each([['index.html', 'zap-arena', 'Zap Arena'], ['tag.html', 'tag', 'Tag']])('%s links a web app manifest whose icons are served, so "Add to Home Screen" opens the game', async (page, manifestName, name) => {
    expect(readFileSync(`${DIST}${page}`, 'utf8')).toContain(`<link rel="manifest" href="/${manifestName}.webmanifest"`);
    const answer = await get(lobby().port, `/${manifestName}.webmanifest`, 'gzip, br');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/manifest\+json/);
    const manifest: unknown = JSON.parse(decoded(answer).toString('utf8'));
    expect(manifest).toMatchObject({ name, start_url: '/', display: 'fullscreen' });
    const icons = (manifest as { icons: { src: string; type: string; sizes: string }[] }).icons;
    expect(icons.map((icon) => icon.sizes)).toEqual(['any', '192x192', '512x512']);
    for (const icon of icons) {
      const image = await get(lobby().port, icon.src);
      expect({ src: icon.src, status: image.status, type: image.headers['content-type'] }).toEqual({ src: icon.src, status: 200, type: icon.type });
    }
  });
});
