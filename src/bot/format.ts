/** Small human formatting helpers shared by the grammar and the views. */

/** 90 minutes → "1h 30m", 3 days → "3d", 45 s → "45s". Negative values format as their absolute value. */
export function formatDuration(ms: number): string {
  let s = Math.floor(Math.abs(ms) / 1000);
  if (s < 60) return `${s}s`;
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const parts: string[] = [];
  if (d) parts.push(`${d}d`);
  if (h) parts.push(`${h}h`);
  if (m && !d) parts.push(`${m}m`);
  if (s && !d && !h) parts.push(`${s}s`);
  return parts.join(' ') || '0s';
}
