import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';

/**
 * Resolves once a STUN binding request to host:port is answered (sent every 50 ms until then).
 * coturn's log does not say reliably when its UDP listener is up (4.6.1 prints no "UDP listener
 * opened"), so whoever starts one asks it.
 */
export async function waitForStunAnswer(port: number, timeoutMs: number, host = '127.0.0.1'): Promise<void> {
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  const request = Buffer.alloc(20);
  request.writeUInt16BE(0x0001, 0); // Binding request, no attributes
  request.writeUInt32BE(0x2112a442, 4); // magic cookie
  randomBytes(12).copy(request, 8);
  let retry: NodeJS.Timeout | undefined;
  let deadline: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('message', () => resolve());
      socket.once('error', reject);
      deadline = setTimeout(() => reject(new Error(`no STUN answer from ${host}:${port} within ${timeoutMs} ms`)), timeoutMs);
      retry = setInterval(() => socket.send(request, port, host), 50);
    });
  } finally {
    clearInterval(retry);
    clearTimeout(deadline);
    socket.close();
  }
}
