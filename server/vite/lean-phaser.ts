import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * What the engine and its drawing kit use beyond Phaser 4's own "core" selection (game loop,
 * scenes, both renderers, input, scale, loader, textures, sound, tweens, cameras, Graphics, Image,
 * Sprite, Text, Container…): circles and lines, and SVG files. Paths inside `phaser/src/`.
 */
const ENGINE_PARTS = ['gameobjects/shape/arc/ArcFactory.js', 'gameobjects/shape/line/LineFactory.js', 'loader/filetypes/SVGFile.js'];

/**
 * Phaser's build-time switches (its webpack config defines them): both renderers and sound in,
 * the WebGL debugger, experiments and optional plugins out.
 */
const SWITCHES: Readonly<Record<string, boolean>> = {
  CANVAS_RENDERER: true,
  WEBGL_RENDERER: true,
  FEATURE_SOUND: true,
  WEBGL_DEBUG: false,
  EXPERIMENTAL: false,
  PLUGIN_CAMERA3D: false,
  PLUGIN_FBINSTANT: false,
};
const SWITCH = new RegExp(`typeof (${Object.keys(SWITCHES).join('|')})\\b`, 'g');
const ENTRY = '\0hostmesh-lean-phaser';

export interface LeanPhaserOptions {
  /**
   * More of Phaser, as paths inside `phaser/src/`, for a game that uses what the lean build leaves
   * out: factories and loader file types, which register themselves when loaded, e.g.
   * `gameobjects/tilesprite/TileSpriteFactory.js` for `scene.add.tileSprite`. A game that needs
   * whole namespaces (physics, tilemaps, particles) is better served by the full build.
   */
  readonly add?: readonly string[];
}

/**
 * Builds the page with the part of Phaser 4 it uses instead of its whole prebuilt bundle
 * (this repository's Zap Arena: 826 KB instead of 1,370 KB, brotli 172 KB instead of 284 KB):
 * `import … from 'phaser'` resolves to Phaser's own "core" selection plus ENGINE_PARTS and
 * `add`, and Phaser's sources get the replacements its own build makes (`typeof WEBGL_RENDERER`
 * → `true`, …; `global` is `globalThis` in a browser). Build only: `vite dev` and the type checker
 * see the full package, so something the lean build lacks shows up in the built page only (a
 * factory such as `scene.add.tileSprite` is missing): check the built game, and `add` it.
 */
export function leanPhaser(options: LeanPhaserOptions = {}): Plugin {
  let sources = '';
  return {
    name: 'hostmesh-lean-phaser',
    apply: 'build',
    enforce: 'pre',
    configResolved(config) {
      // The game's own Phaser (a peer dependency): where its package is, seen from the project.
      const manifest = createRequire(path.join(config.root, 'package.json')).resolve('phaser/package.json');
      sources = path.join(path.dirname(manifest), 'src') + path.sep;
    },
    resolveId(source) {
      return source === 'phaser' ? ENTRY : null;
    },
    load(id) {
      if (id !== ENTRY) return null;
      const parts = [...ENGINE_PARTS, ...(options.add ?? [])].map((part) => `require(${JSON.stringify(path.join(sources, part))});`);
      return `module.exports = require(${JSON.stringify(path.join(sources, 'phaser-core.js'))});\n${parts.join('\n')}\n`;
    },
    transform(code, id) {
      if (!id.startsWith(sources)) return null;
      return code.replace(SWITCH, (_match, name: string) => String(SWITCHES[name])).replace(/\bglobal\.Phaser\b/g, 'globalThis.Phaser');
    },
  };
}
