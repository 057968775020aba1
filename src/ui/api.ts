// The dashboard talks to the mock only through the control API (/__nx) on the page's own origin.

/** A control call that failed; `message` is the problem's detail, which says how to fix it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function parse(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!res.ok) {
    let detail = text;
    try {
      detail = (JSON.parse(text) as { detail?: string }).detail ?? text;
    } catch {
      // not JSON: show the text as it is
    }
    throw new ApiError(res.status, `${res.status}: ${detail}`);
  }
  return text === '' ? undefined : JSON.parse(text);
}

export async function getJson<T>(path: string): Promise<T> {
  return (await parse(await fetch(`/__nx${path}`, { headers: { accept: 'application/json' } }))) as T;
}

export async function send<T = unknown>(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  return (await parse(await fetch(`/__nx${path}`, init))) as T;
}
