import sharp from 'sharp';

const PALETTES = [
  ['#1d3557', '#e63946', '#f1faee'],
  ['#2b2d42', '#ffb703', '#8ecae6'],
  ['#264653', '#2a9d8f', '#e9c46a'],
];

const escapeXml = (s: string): string => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A product picture drawn here (nothing downloaded): an SVG poster with the title, rendered to
 * a 1200 x 1500 JPEG, so that `seed --demo` shows the image pipeline and its variants at work.
 */
export function demoImage(title: string, index: number): Promise<Buffer> {
  const [bg, accent, ink] = PALETTES[index % PALETTES.length]!;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="1500">
    <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${bg}"/>
    <stop offset="1" stop-color="${accent}"/></linearGradient></defs>
    <rect width="1200" height="1500" fill="url(#g)"/>
    <circle cx="${300 + index * 250}" cy="520" r="330" fill="${ink}" fill-opacity="0.18"/>
    <circle cx="${850 - index * 120}" cy="900" r="210" fill="${ink}" fill-opacity="0.25"/>
    <text x="600" y="1300" font-family="sans-serif" font-size="72" font-weight="bold" fill="${ink}"
      text-anchor="middle">${escapeXml(title)}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}
