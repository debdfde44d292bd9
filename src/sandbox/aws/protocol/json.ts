/**
 * JSON 1.1 response bodies: timestamps travel as epoch seconds (the awsJson1_1 default), so
 * Dates are converted; everything else is plain JSON.
 */
export function toJsonBody(result: unknown): string {
  return JSON.stringify(result ?? {}, function (this: unknown, key: string, value: unknown) {
    const raw = (this as Record<string, unknown>)[key];
    return raw instanceof Date ? raw.getTime() / 1000 : value;
  });
}

export function parseJsonBody(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  const parsed: unknown = JSON.parse(body);
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}
