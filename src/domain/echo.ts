/** Echoes what someone typed into an error without letting a paste, a newline or a backtick through. */
export function clip(s: string): string {
  const flat = s.replace(/[\r\n`]/g, ' ');
  return flat.length > 30 ? `${flat.slice(0, 29)}…` : flat;
}
