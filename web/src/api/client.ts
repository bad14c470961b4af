import i18next from 'i18next';

/** The staff app's one way to call the API: JSON in and out, the CSRF token on unsafe calls. */
let csrfToken: string | undefined;

export function rememberCsrf(token: string | undefined): void {
  csrfToken = token;
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError('network', 'network', 0);
  }
  const payload = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!response.ok) throw new ApiError(payload.error?.code ?? 'internal', payload.error?.message ?? '', response.status);
  const token = (payload as { csrfToken?: string }).csrfToken;
  if (token) rememberCsrf(token);
  return payload as T;
}

/** Sends a file as the request body, its type as the Content-Type (library files, case documents). */
export async function upload<T>(url: string, file: File, method: 'PUT' | 'POST' = 'PUT'): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': file.type || 'application/octet-stream' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(url, { method, headers, credentials: 'same-origin', body: file }).catch(() => undefined);
  if (!response) throw new ApiError('network', 'network', 0);
  const payload = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!response.ok) throw new ApiError(payload.error?.code ?? 'internal', payload.error?.message ?? '', response.status);
  return payload as T;
}

/**
 * A path with every interpolated part percent-encoded: `path\`/api/cases/${id}\``. An id or a slug
 * can never add a segment or a query of its own.
 */
export function path(strings: TemplateStringsArray, ...parts: Array<string | number>): string {
  return strings.reduce((built, piece, i) => built + piece + (i < parts.length ? encodeURIComponent(String(parts[i])) : ''), '');
}

type QueryValue = string | number | boolean | undefined | null | ReadonlyArray<string>;

/** `?a=1&b=x&b=y` from an object; empty, undefined and false values are left out. */
export function query(values: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (Array.isArray(value)) for (const item of value) params.append(name, item);
    else params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * What to tell the person when a call failed. The server's message names the field and is
 * written in English: English readers get it; everyone else reads the translation of its code,
 * so no French user meets an English sentence.
 */
export function failureText(caught: unknown, fallbackKey = 'errors.internal'): string {
  if (!(caught instanceof ApiError)) return i18next.t(fallbackKey);
  if (i18next.language?.startsWith('en') && caught.message) return caught.message;
  // "person.names.0: required" still says which field, even where the sentence cannot be translated.
  const field = caught.code === 'bad_request' ? /^([\w.[\]-]+):/.exec(caught.message)?.[1] : undefined;
  if (field) return i18next.t('errors.bad_request_field', { field });
  return i18next.t(`errors.${caught.code}`, { defaultValue: i18next.t(fallbackKey) });
}
