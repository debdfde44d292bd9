/** Picks the output mode: `--json` → one document; a terminal → live redraw; a pipe → lines. */
import { JsonRenderer } from './json';
import { LinesRenderer } from './lines';
import { TtyRenderer } from './tty';
import type { Output, RunRenderer } from './types';

export function chooseRenderer(
  out: Output,
  options: { json: boolean; titles: ReadonlyMap<string, string> },
): RunRenderer {
  if (options.json) return new JsonRenderer(out);
  if (out.isTTY) return new TtyRenderer(out, options.titles);
  return new LinesRenderer(out, options.titles);
}

export { JsonRenderer, runDocument, type RunDocument, type WaitReason } from './json';
export { LinesRenderer, resultLines } from './lines';
export { TtyRenderer } from './tty';
export { failureOf, stepErrorText, type Output, type RunRenderer, type RunResult } from './types';
