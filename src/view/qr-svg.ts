import type { QrCode } from '../qr/qr-encode.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** The light border a reader needs around the symbol, in modules (ISO/IEC 18004: 4). */
const QUIET_ZONE = 4;

/**
 * The SVG path of a symbol's dark modules, one `h` run per horizontal stretch of dark modules, in
 * module units with the quiet zone included: pure, so it is tested without a page.
 */
export function qrPath(code: QrCode): string {
  const parts: string[] = [];
  for (let row = 0; row < code.size; row += 1) {
    for (let col = 0; col < code.size; col += 1) {
      if (!code.isDark(row, col)) continue;
      let end = col;
      while (end + 1 < code.size && code.isDark(row, end + 1)) end += 1;
      parts.push(`M${col + QUIET_ZONE} ${row + QUIET_ZONE}h${end - col + 1}v1h${-(end - col + 1)}z`);
      col = end;
    }
  }
  return parts.join('');
}

/** Draws a QR code as a scalable SVG (black on white, quiet zone included), e.g. an invite link. */
export function qrSvg(code: QrCode, label: string): SVGSVGElement {
  const side = code.size + 2 * QUIET_ZONE;
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${side} ${side}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('shape-rendering', 'crispEdges');
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', String(side));
  background.setAttribute('height', String(side));
  background.setAttribute('fill', '#fff');
  const modules = document.createElementNS(SVG_NS, 'path');
  modules.setAttribute('d', qrPath(code));
  modules.setAttribute('fill', '#000');
  svg.append(background, modules);
  return svg;
}
