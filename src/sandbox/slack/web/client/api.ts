/** The console's own server (same origin): JSON in, JSON out, errors as one readable line. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function answer<T>(res: Response): Promise<T> {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = { error: text };
  }
  if (!res.ok) {
    const error = (body as { error?: unknown }).error;
    throw new ApiError(res.status, typeof error === 'string' ? error : `HTTP ${res.status}`);
  }
  return body as T;
}

export async function getJson<T>(path: string): Promise<T> {
  return answer<T>(await fetch(path, { headers: { accept: 'application/json' } }));
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return answer<T>(
    await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

/** An SVG the server drew, as text (undefined: 204, nothing to draw). */
export async function getSvgText(path: string): Promise<string | undefined> {
  const res = await fetch(path);
  if (res.status === 204) return undefined;
  if (!res.ok) throw new ApiError(res.status, (await res.text()) || `HTTP ${res.status}`);
  return res.text();
}

/** SVG text parsed as XML (never as HTML) and adopted into the page. */
export function svgNode(text: string): SVGSVGElement {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0)
    throw new ApiError(500, 'the picture could not be read');
  return document.importNode(root, true) as unknown as SVGSVGElement;
}
