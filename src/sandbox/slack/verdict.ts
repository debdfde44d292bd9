/**
 * Whether the strict stand-in refused or warned about a stored message, read loosely so the
 * consoles work with whatever shape the stand-in records: `rejected` as `true`, an error code,
 * or `{ error, detail }`; `warnings` as strings or `{ message }` / `{ warning }` objects.
 */
export interface MessageVerdict {
  /** Why Slack would refuse this message (the error code and any detail); absent when accepted. */
  rejected?: string;
  warnings: string[];
}

function describe(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const head = [o.error, o.code, o.message, o.warning].find((x) => typeof x === 'string') as
    string | undefined;
  const detail = typeof o.detail === 'string' ? o.detail : undefined;
  if (head && detail) return `${head}: ${detail}`;
  return head ?? detail;
}

export function verdictOf(message: object): MessageVerdict {
  const m = message as { rejected?: unknown; warnings?: unknown };
  const rejected = m.rejected === true ? 'rejected' : m.rejected ? describe(m.rejected) : undefined;
  const warnings = Array.isArray(m.warnings) ? m.warnings.map(describe).filter((w): w is string => !!w) : [];
  return { ...(rejected ? { rejected } : {}), warnings };
}
