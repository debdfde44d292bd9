/**
 * Marker pagination as the Query services do it: an opaque marker naming where the next page
 * starts. Used by RDS (`Marker`/`MaxRecords`) and ELBv2 (`Marker`/`PageSize` → `NextMarker`).
 */
import { AwsError } from '../protocol/errors';

export interface Page<T> {
  items: T[];
  nextMarker?: string;
}

export function paginate<T>(
  items: T[],
  marker: string | undefined,
  pageSize: number,
  invalidCode: string,
): Page<T> {
  let start = 0;
  if (marker !== undefined && marker !== '') {
    const decoded = Buffer.from(marker, 'base64url').toString('utf8');
    const match = /^offset:(\d+)$/.exec(decoded);
    if (!match) throw new AwsError(invalidCode, `Invalid marker: ${marker}`, 400);
    start = Number(match[1]);
  }
  const end = start + pageSize;
  return {
    items: items.slice(start, end),
    nextMarker: end < items.length ? Buffer.from(`offset:${end}`).toString('base64url') : undefined,
  };
}
