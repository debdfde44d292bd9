/**
 * SVG → PNG for places that show images, not SVG (a Slack file). resvg (a maintained Rust
 * renderer, as a native Node module) draws the text with the system's fonts; it is loaded on
 * first use, so a process that never makes a PNG never loads it.
 */
export async function svgToPng(svg: string, scale = 1.5): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
