import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { killWithParent } from './child-process.js';

const run = promisify(execFile);

/**
 * How a home's router treats traffic, as real home routers do:
 * - `cone`: keeps a player's source port for every destination (endpoint-independent mapping) and
 *   lets in only replies to what went out (address- and port-dependent filtering). STUN works.
 * - `symmetric`: a new random public port per destination (`masquerade fully-random`), so the
 *   address STUN saw is useless to anyone else: only a relay gets through.
 * - `udp-blocked`: forwards TCP only (some corporate and hotel networks): TURN over TCP or nothing.
 */
export type NatKind = 'cone' | 'symmetric' | 'udp-blocked';

/** One home: a router of some kind and `hosts` machines on its LAN. */
export interface HomeSpec {
  readonly nat: NatKind;
  readonly hosts: number;
}

/** The "internet" address of the lab's servers (the lobby and coturn listen here). */
export const LAB_SERVER_ADDRESS = '198.18.0.10';
const WAN_PREFIX = '198.18.0';

/**
 * A lab of real NATs on this machine, built from network namespaces: an "internet" namespace
 * with the servers on a bridge, and per home a router namespace (nftables NAT between its `wan`
 * and its LAN bridge) and one namespace per machine behind it:
 *
 * ```
 * home a, host 0: 10.0.1.2 ─┐
 * home a, host 1: 10.0.1.3 ─┴ lan 10.0.1.1 [router] wan 198.18.0.11 ─ br0 ─ 198.18.0.10 servers
 * ```
 *
 * Nothing in it can reach outside the lab: the internet namespace routes everything else to a
 * device that drops it. Needs root (CAP_NET_ADMIN), iproute2 and nftables.
 */
export interface NatLab {
  /** The namespace a machine of a home lives in (e.g. to run a player there). */
  hostNamespace(home: string, host?: number): string;
  /** The namespace of the internet side, where servers run. */
  readonly internetNamespace: string;
  /** Starts a process inside a namespace; it is killed when the lab is torn down. */
  spawnIn(namespace: string, command: string, args: readonly string[], env?: NodeJS.ProcessEnv): ChildProcess;
  /**
   * The home's router gets a new public address, as when a phone moves from one network to
   * another or an ISP renumbers a line: every mapping through it is gone at once.
   */
  changePublicAddress(home: string): Promise<string>;
  /** Kills every process started in the lab and deletes its namespaces; idempotent. */
  tearDown(): Promise<void>;
}

/** Whether this machine can build the lab: root and the tools. */
export async function natLabAvailable(): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return 'the NAT lab needs root (network namespaces)';
  for (const [tool, flag] of [['ip', '-V'], ['nft', '-v'], ['sysctl', '--version']] as const) {
    try {
      await run(tool, [flag]);
    } catch {
      return `the NAT lab needs \`${tool}\` (apt-get install iproute2 nftables procps)`;
    }
  }
  return undefined;
}

async function ip(...args: string[]): Promise<void> {
  await run('ip', args);
}

/** SIGKILLs every process in a namespace (`ip netns pids`) and waits until they are gone. */
async function killEverythingIn(namespace: string): Promise<void> {
  const pids = async (): Promise<number[]> => {
    const { stdout } = await run('ip', ['netns', 'pids', namespace]).catch(() => ({ stdout: '' }));
    return stdout.split('\n').filter((line) => line.trim() !== '').map(Number);
  };
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const left = await pids();
    if (left.length === 0) return;
    for (const pid of left) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function inNamespace(namespace: string, command: string, args: readonly string[], input?: string): Promise<void> {
  const child = execFile('ip', ['netns', 'exec', namespace, command, ...args]);
  const done = new Promise<void>((resolve, reject) => {
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} in ${namespace}: ${errors}`))));
  });
  child.stdin?.end(input);
  await done;
}

/** Bridged frames must not go through nftables (the VM loads br_netfilter); absent module: nothing to do. */
async function bridgeWithoutFirewall(namespace: string): Promise<void> {
  await inNamespace(namespace, 'sysctl', ['-qw', 'net.bridge.bridge-nf-call-iptables=0']).catch(() => undefined);
}

/**
 * The router's rules. Its input chain drops by default: otherwise a peer's first connectivity
 * check lands on the router itself and takes the public port it wants to reuse, and a "cone"
 * NAT behaves like a symmetric one.
 */
function routerRules(nat: NatKind): string {
  const outbound = nat === 'udp-blocked' ? 'iifname "lan" oifname "wan" meta l4proto tcp accept' : 'iifname "lan" oifname "wan" accept';
  const masquerade = nat === 'symmetric' ? 'masquerade fully-random' : 'masquerade';
  return `
table ip router {
  chain postrouting { type nat hook postrouting priority srcnat; oifname "wan" ${masquerade}; }
  chain input { type filter hook input priority filter; policy drop; iifname "lo" accept; iifname "lan" accept; ct state established,related accept; }
  chain forward { type filter hook forward priority filter; policy drop; ct state established,related accept; ${outbound}; }
}
`;
}

/** Builds the lab; on any failure what was built is torn down before the error is thrown. */
export async function buildNatLab(homes: Readonly<Record<string, HomeSpec>>): Promise<NatLab> {
  const prefix = `hm${process.pid}-${Date.now() % 100_000}-`;
  const namespaces: string[] = [];
  const children = new Set<ChildProcess>();
  const homeIndex = new Map<string, number>();
  const publicAddress = new Map<string, string>();
  const internet = `${prefix}inet`;

  const addNamespace = async (name: string): Promise<string> => {
    await ip('netns', 'add', name);
    namespaces.push(name);
    await ip('-n', name, 'link', 'set', 'lo', 'up');
    return name;
  };

  const tearDown = async (): Promise<void> => {
    const running = [...children].filter((child) => child.exitCode === null && child.signalCode === null);
    const exits = Promise.all(running.map((child) => new Promise((resolve) => child.once('exit', resolve))));
    // SIGTERM first: a lobby then stops its managed coturn and removes its files (secret included);
    // whatever has not exited after 3 s is killed.
    for (const child of running) child.kill('SIGTERM');
    const forced = setTimeout(() => {
      for (const child of running) child.kill('SIGKILL');
    }, 3_000);
    await exits;
    clearTimeout(forced);
    children.clear();
    for (const name of namespaces.splice(0).reverse()) {
      // What the killed processes started themselves (a lobby's coturn, Chromium's helpers) is
      // still running in there: a namespace is only gone when nothing lives in it.
      await killEverythingIn(name);
      await ip('netns', 'del', name).catch(() => undefined);
    }
  };

  try {
    await addNamespace(internet);
    await ip('-n', internet, 'link', 'add', 'br0', 'type', 'bridge');
    await ip('-n', internet, 'addr', 'add', `${LAB_SERVER_ADDRESS}/24`, 'dev', 'br0');
    await ip('-n', internet, 'link', 'set', 'br0', 'up');
    // Everything not in the lab goes to a device that drops it quietly: coturn closes a whole
    // allocation when a send fails with "network unreachable" (a player's private address).
    await ip('-n', internet, 'link', 'add', 'void0', 'type', 'ifb');
    await ip('-n', internet, 'link', 'set', 'void0', 'up');
    await ip('-n', internet, 'route', 'add', 'default', 'dev', 'void0');
    await bridgeWithoutFirewall(internet);

    let index = 0;
    for (const [home, spec] of Object.entries(homes)) {
      index += 1;
      homeIndex.set(home, index);
      const router = await addNamespace(`${prefix}r${index}`);
      const wan = `${WAN_PREFIX}.${10 + index}`;
      publicAddress.set(home, wan);
      await ip('link', 'add', 'wan', 'netns', router, 'type', 'veth', 'peer', 'name', `up${index}`, 'netns', internet);
      await ip('-n', internet, 'link', 'set', `up${index}`, 'master', 'br0', 'up');
      await ip('-n', router, 'addr', 'add', `${wan}/24`, 'dev', 'wan');
      await ip('-n', router, 'link', 'set', 'wan', 'up');
      // Keep the new address when the old one goes (changePublicAddress): the kernel would drop both.
      await inNamespace(router, 'sysctl', ['-qw', 'net.ipv4.conf.wan.promote_secondaries=1']);
      await ip('-n', router, 'link', 'add', 'lan', 'type', 'bridge');
      await ip('-n', router, 'addr', 'add', `10.0.${index}.1/24`, 'dev', 'lan');
      await ip('-n', router, 'link', 'set', 'lan', 'up');
      await inNamespace(router, 'sysctl', ['-qw', 'net.ipv4.ip_forward=1']);
      await bridgeWithoutFirewall(router);
      await inNamespace(router, 'nft', ['-f', '-'], routerRules(spec.nat));
      for (let host = 0; host < spec.hosts; host += 1) {
        const machine = await addNamespace(`${prefix}h${index}-${host}`);
        await ip('link', 'add', 'eth0', 'netns', machine, 'type', 'veth', 'peer', 'name', `m${host}`, 'netns', router);
        await ip('-n', router, 'link', 'set', `m${host}`, 'master', 'lan', 'up');
        await ip('-n', machine, 'addr', 'add', `10.0.${index}.${2 + host}/24`, 'dev', 'eth0');
        await ip('-n', machine, 'link', 'set', 'eth0', 'up');
        await ip('-n', machine, 'route', 'add', 'default', 'via', `10.0.${index}.1`);
      }
    }
  } catch (error) {
    await tearDown();
    throw error;
  }

  const indexOf = (home: string): number => {
    const found = homeIndex.get(home);
    if (found === undefined) throw new Error(`no home "${home}" in this lab`);
    return found;
  };

  return {
    internetNamespace: internet,
    hostNamespace: (home, host = 0) => {
      const count = homes[home]?.hosts ?? 0;
      if (host >= count) throw new Error(`home "${home}" has ${count} machines, not ${host + 1}`);
      return `${prefix}h${indexOf(home)}-${host}`;
    },
    spawnIn: (namespace, command, args, env = process.env) => {
      const child = spawn('ip', ['netns', 'exec', namespace, command, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      killWithParent(child);
      children.add(child);
      child.once('exit', () => children.delete(child));
      return child;
    },
    changePublicAddress: async (home) => {
      const index = indexOf(home);
      const router = `${prefix}r${index}`;
      const old = publicAddress.get(home) ?? '';
      const next = old === `${WAN_PREFIX}.${10 + index}` ? `${WAN_PREFIX}.${100 + index}` : `${WAN_PREFIX}.${10 + index}`;
      await ip('-n', router, 'addr', 'add', `${next}/24`, 'dev', 'wan');
      // Removing the old address makes the kernel forget every masqueraded mapping through it.
      await ip('-n', router, 'addr', 'del', `${old}/24`, 'dev', 'wan');
      publicAddress.set(home, next);
      return next;
    },
    tearDown,
  };
}
