/**
 * Exits 0 once a STUN server answers at the host and port given as arguments (1 after 10 s):
 * how the NAT lab waits for a server inside a namespace the test process cannot reach itself.
 * Run with `node --import tsx`.
 */
import { waitForStunAnswer } from './coturn.js';

const [host = '', port = ''] = process.argv.slice(2);
await waitForStunAnswer(Number(port), 10_000, host).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
