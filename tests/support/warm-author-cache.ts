import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAuthorProject } from './author-project.js';

/**
 * Run by CI while it still has the registry (`npx tsx tests/support/warm-author-cache.ts`, after
 * `npm run build`): makes an author's project once, so npm's cache holds every package a starter
 * installs. The outside-author test then installs from that cache inside the network namespace.
 */
const work = await mkdtemp(path.join(tmpdir(), 'hostmesh-warm-'));
try {
  const project = await createAuthorProject(work);
  process.stdout.write(`npm cache warm for a starter project (install took ${Math.round(project.timings.install)} ms)\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
