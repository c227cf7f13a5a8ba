import { fileURLToPath } from 'node:url';
import { LAB_SERVER_ADDRESS, type NatLab } from './nat-lab.js';

const SERVER_ENTRY = fileURLToPath(new URL('../../build/lib/server/main.js', import.meta.url));
/**
 * The production server (`npm start`'s process, from the build) on the lab's internet side, with
 * its built-in STUN server on the same port number, as a user would run it on a VPS. With
 * `managedTurn`, it also runs Debian's coturn itself (`TURN=managed`, UDP and TCP on 3478) and
 * hands out credentials for it. Resolves with its URL once it listens.
 */
export async function startLabLobby(lab: NatLab, port: number, managedTurn = false): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: LAB_SERVER_ADDRESS, PORT: String(port), LOG_LEVEL: 'warn' };
  if (managedTurn) env['TURN'] = 'managed';
  const child = lab.spawnIn(lab.internetNamespace, process.execPath, [SERVER_ENTRY], env);
  await new Promise<void>((resolve, reject) => {
    let output = '';
    // Never wait for ever: the caller tears the lab down (and this server with it) on failure.
    const bound = setTimeout(() => reject(new Error(`the lab lobby on port ${port} did not start within 30 s:\n${output}`)), 30_000);
    child.once('exit', () => clearTimeout(bound));
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('STUN on UDP port')) {
        clearTimeout(bound);
        resolve();
      }
      // The lab is about NATs: a lobby without its STUN server would prove nothing.
      if (output.includes('no STUN server')) reject(new Error(`the lab lobby on port ${port} runs no STUN server:\n${output}`));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the lab lobby exited with ${code}:\n${output}`)));
  });
  return `http://${LAB_SERVER_ADDRESS}:${port}`;
}
