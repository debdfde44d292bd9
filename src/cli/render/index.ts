/** Picks the output mode: `--json` → one document; a terminal → live redraw; a pipe → lines. */
import { JsonRenderer } from './json';
import { LinesRenderer } from './lines';
import { TtyRenderer } from './tty';
import type { Texts } from '../../i18n/texts';
import type { Output, RunRenderer } from './types';

/** `texts`: the language people read (JSON stays English). */
export function chooseRenderer(
  out: Output,
  options: { json: boolean; titles: ReadonlyMap<string, string>; texts?: Texts },
): RunRenderer {
  if (options.json) return new JsonRenderer(out);
  if (out.isTTY) return new TtyRenderer(out, options.titles, options.texts);
  return new LinesRenderer(out, options.titles, options.texts);
}

export { JsonRenderer, runDocument, type RunDocument, type WaitReason } from './json';
export { LinesRenderer, resultLines } from './lines';
export { TtyRenderer } from './tty';
export { failureOf, stepErrorText, type Output, type RunRenderer, type RunResult } from './types';
