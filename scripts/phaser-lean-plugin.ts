import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const PHASER_SOURCES = fileURLToPath(new URL('../node_modules/phaser/src/', import.meta.url));
const LEAN_ENTRY = fileURLToPath(new URL('./phaser-lean.cjs', import.meta.url));

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

/**
 * Builds the pages with the part of Phaser 4 they use (scripts/phaser-lean.cjs) instead of its
 * whole prebuilt bundle: `import … from 'phaser'` resolves to that entry, and Phaser's sources get
 * the replacements its own build makes (`typeof WEBGL_RENDERER` → `true`, …; `global` is
 * `globalThis` in a browser). Build only: `vite dev` and the type checker see the full package.
 */
export function leanPhaser(): Plugin {
  return {
    name: 'hostmesh-lean-phaser',
    apply: 'build',
    enforce: 'pre',
    resolveId(source) {
      return source === 'phaser' ? LEAN_ENTRY : null;
    },
    transform(code, id) {
      if (!id.startsWith(PHASER_SOURCES)) return null;
      return code.replace(SWITCH, (_match, name: string) => String(SWITCHES[name])).replace(/\bglobal\.Phaser\b/g, 'globalThis.Phaser');
    },
  };
}
