/**
 * Tests that read what a workflow said in English: `inEnglish(result)` puts every `Said` found in
 * a value (a step result's note, a refusal's message, a report's reasons) into English words,
 * as an English reader sees them, and leaves everything else as it is. Typed as the value itself,
 * so a test compares it with the shape it expects.
 */
import { inEnglish as deepEnglish } from '../../src/i18n/english';

/** `value` with every said text in English (deeply). */
export function inEnglish<T>(value: T): T {
  return deepEnglish(value) as T;
}
