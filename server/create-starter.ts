import { cp, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fail, ok, type Result } from '../src/util/result.js';
import type { EngineManifest } from './package-root.js';

/** The starter's scaffolding (page, configs, README) inside the package. */
const TEMPLATE_FOLDER = 'templates/starter';
/** The starter's game: Tag, the engine's smallest complete game, with its own test. */
const GAME_FOLDER = 'src/games/tag';
/** Tag's page in this repository, and where its script lives there and in a starter. */
const GAME_PAGE = { file: 'tag.html', script: '/src/games/tag/main.ts', starterScript: '/src/main.ts' } as const;
/** Tag's icons and web app manifest (Add to Home Screen), served from the starter's public/. */
const GAME_ASSETS = ['tag-icon.svg', 'tag-icon-192.png', 'tag-icon-512.png', 'tag.webmanifest'] as const;
/** The tools a starter is built with, at the versions the engine is tested with. */
const STARTER_TOOLS = { dependencies: ['phaser'], devDependencies: ['@types/node', 'typescript', 'vite', 'vitest'] } as const;

export interface CreateStarterOptions {
  readonly folder: string;
  /** What the starter's package.json asks for as hostmesh (default `^VERSION` of this engine), e.g. a tarball path. */
  readonly engineSpec?: string;
}

/**
 * Writes a new game project to `folder` (which must be empty or absent): a Vite + TypeScript +
 * Phaser page running Tag on the engine's public API only, its unit test on hostmesh/testing, and
 * a README with the same two commands as the engine's (`npm install && npm start`, `npm test`).
 */
export async function createStarter(engine: EngineManifest, options: CreateStarterOptions): Promise<Result<{ folder: string; name: string }>> {
  const folder = path.resolve(options.folder);
  const existing = await readdir(folder).catch(() => []);
  if (existing.length > 0) return fail(`${options.folder} already exists and is not empty: choose a new folder`);
  const name = packageName(path.basename(folder));
  if (name === undefined) return fail(`"${path.basename(folder)}" cannot be a package name: use letters, digits and dashes`);
  await mkdir(folder, { recursive: true });
  await cp(path.join(engine.root, TEMPLATE_FOLDER), folder, { recursive: true });
  // npm leaves .gitignore files out of packages, so the template's is stored without its dot.
  await rename(path.join(folder, 'gitignore'), path.join(folder, '.gitignore'));
  await cp(path.join(engine.root, GAME_FOLDER), path.join(folder, 'src'), { recursive: true });
  const page = await readFile(path.join(engine.root, GAME_PAGE.file), 'utf8');
  if (!page.includes(GAME_PAGE.script)) throw new Error(`${GAME_PAGE.file} no longer loads ${GAME_PAGE.script}: update create-starter.ts`);
  await writeFile(path.join(folder, 'index.html'), page.replace(GAME_PAGE.script, GAME_PAGE.starterScript));
  await mkdir(path.join(folder, 'public'));
  for (const asset of GAME_ASSETS) await cp(path.join(engine.root, 'assets', asset), path.join(folder, 'public', asset));
  const manifestFile = path.join(folder, 'package.json');
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Record<string, unknown>;
  const pinned = (names: readonly string[]): Record<string, string> => Object.fromEntries(names.map((tool) => [tool, engine.toolVersions[tool] ?? 'latest']));
  const starter = {
    ...manifest,
    name,
    dependencies: { hostmesh: options.engineSpec ?? `^${engine.version}`, ...pinned(STARTER_TOOLS.dependencies) },
    devDependencies: pinned(STARTER_TOOLS.devDependencies),
  };
  await writeFile(manifestFile, `${JSON.stringify(starter, null, 2)}\n`);
  return ok({ folder, name });
}

/** A folder name as an npm package name (lower case; letters, digits, `-`, `.`, `_`), or undefined. */
function packageName(folderName: string): string | undefined {
  const name = folderName.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|[._-]+$/g, '');
  return name === '' || name.length > 214 ? undefined : name;
}
