/*
 * The Phaser the game pages are built with: Phaser 4's own "core" selection (game loop, scenes,
 * both renderers, input, scale, loader, textures, sound, tweens, cameras; no physics, tilemaps,
 * particles, video, spine or 3D camera), plus the few parts the engine and its games use beyond
 * it: circles and lines (Arc, Line) and SVG images. See scripts/phaser-lean-plugin.ts.
 */
module.exports = require('../node_modules/phaser/src/phaser-core.js');
require('../node_modules/phaser/src/gameobjects/shape/arc/ArcFactory.js');
require('../node_modules/phaser/src/gameobjects/shape/line/LineFactory.js');
require('../node_modules/phaser/src/loader/filetypes/SVGFile.js');
