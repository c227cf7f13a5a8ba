import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import wrtc from '@roamhq/wrtc';
import { MonitoredLink, type MonitorOptions } from '../../src/net/monitored-link.js';
import { SimplePeerLink } from '../../src/net/simple-peer-link.js';
import { isLoopbackCandidate } from './loopback.js';
import { killWithParent } from './child-process.js';

const PEER_ENTRY = fileURLToPath(new URL('./peer-process.ts', import.meta.url));

/** A peer in a child process, linked to this one; killing it is the point. */
export interface PeerProcess {
  /** Our monitored link to the child peer; it opens when the child's side is up. */
  readonly link: MonitoredLink;
  readonly pid: number;
  /** Resolves once both ends report open. */
  readonly opened: Promise<void>;
  /** SIGKILL: the child gets no chance to say goodbye or close anything. */
  kill(): void;
}

/** Starts a peer in a child Node process and links to it over real WebRTC (we initiate). */
export function spawnPeerProcess(monitor: MonitorOptions = {}): PeerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', PEER_ENTRY], { stdio: ['pipe', 'pipe', 'inherit'] });
  killWithParent(child);
  const link = new MonitoredLink(
    new SimplePeerLink({
      remoteId: `process-${child.pid ?? 0}`,
      initiator: true,
      iceServers: [],
      wrtc,
      candidateFilter: isLoopbackCandidate,
      sendSignal: (data) => {
        if (child.stdin.writable) child.stdin.write(`signal ${data}\n`);
      },
    }),
    monitor,
  );
  const childOpen = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'open') resolve();
      else if (line.startsWith('signal ')) link.receiveSignal(line.slice('signal '.length));
    });
    child.once('exit', (code) => reject(new Error(`peer process exited with ${code} before its link opened`)));
  });
  const ourOpen = new Promise<void>((resolve) => link.events.on('open', () => resolve()));
  return {
    link,
    pid: child.pid ?? -1,
    opened: Promise.all([childOpen, ourOpen]).then(() => undefined),
    kill: () => child.kill('SIGKILL'),
  };
}
