/** Which Phaser renderer to use. */
export type RendererKind = 'webgl' | 'canvas';

/** Renderer names of WebGL implementations that rasterize on the CPU. */
const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** True when the WebGL context is emulated on the CPU rather than run by a GPU. */
export function isSoftwareRenderer(rendererName: string): boolean {
  return SOFTWARE_RENDERERS.test(rendererName);
}

function webglRendererName(context: WebGLRenderingContext | WebGL2RenderingContext): string {
  const info = context.getExtension('WEBGL_debug_renderer_info');
  const name: unknown = context.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : context.RENDERER);
  return typeof name === 'string' ? name : '';
}

/**
 * WebGL when a GPU really accelerates it, Canvas otherwise. Browsers without a usable GPU
 * (blocklisted drivers, virtual machines, headless test runs) emulate WebGL in software, which
 * costs far more CPU than Canvas and starves the WebRTC handshake and the game loop: measured
 * here, joining took ~1.1 s with software WebGL against ~0.15 s with Canvas. Chromium does not
 * always refuse a `failIfMajorPerformanceCaveat` context for its software rasterizer, so the
 * renderer's name is checked as well.
 *
 * `?renderer=webgl` or `?renderer=canvas` in the page address overrides the choice.
 */
export function chooseRenderer(document: Document, search: string): RendererKind {
  const requested = new URLSearchParams(search).get('renderer');
  if (requested === 'webgl' || requested === 'canvas') return requested;
  const canvas = document.createElement('canvas');
  const attributes: WebGLContextAttributes = { failIfMajorPerformanceCaveat: true };
  const context = canvas.getContext('webgl2', attributes) ?? canvas.getContext('webgl', attributes);
  if (!context) return 'canvas';
  const software = isSoftwareRenderer(webglRendererName(context));
  context.getExtension('WEBGL_lose_context')?.loseContext();
  return software ? 'canvas' : 'webgl';
}
