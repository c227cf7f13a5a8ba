import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the CLI reads from the engine's own package.json. */
export interface EngineManifest {
  readonly root: string;
  readonly version: string;
  /** Versions of the tools a game is built with, as the engine is tested with them. */
  readonly toolVersions: Readonly<Record<string, string>>;
}

/**
 * The installed hostmesh package's folder and manifest: the nearest package.json named
 * "hostmesh" above this file (from the sources in this repository, or build/lib/ in a package).
 */
export function engineManifest(from: string = fileURLToPath(import.meta.url)): EngineManifest {
  for (let folder = path.dirname(from); ; folder = path.dirname(folder)) {
    const file = path.join(folder, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown; devDependencies?: unknown };
      if (manifest.name === 'hostmesh' && typeof manifest.version === 'string') {
        return { root: folder, version: manifest.version, toolVersions: stringRecord(manifest.devDependencies) };
      }
    }
    if (path.dirname(folder) === folder) throw new Error(`no hostmesh package.json above ${from}`);
  }
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
