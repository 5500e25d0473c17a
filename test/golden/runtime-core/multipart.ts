// Form bodies, encoded as the official OpenAI SDK encodes them: nested objects and arrays
// become bracketed field names (`meta[kind]`, `tags[]`), `undefined` fields are left out.
// Request builders call these; the core sends the result as it is and fetch sets its type.
import { ValidationError } from './errors.js';
import { DEFAULT_FILE_NAME, isUploadable } from './uploads.js';

type Path = (string | number)[];

/**
 * A `multipart/form-data` body. Strings, numbers, booleans and bigints become text fields;
 * a `File` is sent as a file under its own name, a `Blob` under fetch's default name (`blob`),
 * an ArrayBuffer or typed array as an `unknown_file` file (as the official SDK names it); a
 * Date as its ISO string. Array items go under `name[]`, object fields under `name[field]`.
 * `undefined` is left out; `null` has no multipart form, so it is refused (a ValidationError
 * naming the field), and so is a stream or a Response, which must be read first (`await
 * toFile(stream)`; the client's methods do it for you).
 */
export function toFormData(body: object | null | undefined): FormData {
  const form = new FormData();
  if (body === undefined || body === null) return form;
  for (const [key, value] of Object.entries(body)) addFormValue(form, key, value, [key]);
  return form;
}

function addFormValue(form: FormData, name: string, value: unknown, path: Path): void {
  if (value === undefined) return;
  if (value === null) {
    throw fieldError(
      path,
      "is null, which multipart form data cannot carry: leave the field out, or send the string 'null'",
    );
  }
  if (typeof value === 'string') form.append(name, value);
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    form.append(name, String(value));
  else if (typeof Blob !== 'undefined' && value instanceof Blob) appendFile(form, name, value);
  else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value))
    form.append(name, new Blob([value as BlobPart]), DEFAULT_FILE_NAME);
  else if (isUploadable(value)) {
    throw fieldError(
      path,
      'is a stream (or a Response), which must be read before the body is built: pass `await toFile(value)` instead (the client reads streams itself)',
    );
  } else if (value instanceof Date) form.append(name, value.toISOString());
  else if (Array.isArray(value))
    value.forEach((item, index) => addFormValue(form, `${name}[]`, item, [...path, index]));
  else if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value))
      addFormValue(form, `${name}[${key}]`, item, [...path, key]);
  } else throw fieldError(path, `cannot be sent as form data (got ${typeof value})`);
}

/** A File keeps the last segment of its name (as the official SDK sends it); a Blob gets `blob`. */
function appendFile(form: FormData, name: string, blob: Blob): void {
  const fileName = (blob as { name?: unknown }).name;
  const base = typeof fileName === 'string' ? fileName.split(/[\\/]/).pop() : undefined;
  if (base === undefined || base === '') form.append(name, blob);
  else form.append(name, blob, base);
}

/**
 * An `application/x-www-form-urlencoded` body, in the official SDK's encoding (qs with
 * bracketed arrays): `a[]=1&a[]=2`, `meta[kind]=x`; `null` is an empty value, `undefined` is
 * left out, a Date is its ISO string. Files cannot be sent this way (a ValidationError).
 */
export function toUrlEncoded(body: object | null | undefined): URLSearchParams {
  const params = new URLSearchParams();
  if (body === undefined || body === null) return params;
  for (const [key, value] of Object.entries(body)) addParam(params, key, value, [key]);
  return params;
}

function addParam(params: URLSearchParams, name: string, value: unknown, path: Path): void {
  if (value === undefined) return;
  if (value === null) params.append(name, '');
  else if (typeof value === 'string') params.append(name, value);
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    params.append(name, String(value));
  else if (value instanceof Date) params.append(name, value.toISOString());
  else if (isUploadable(value)) {
    throw fieldError(
      path,
      'is a file, which a URL-encoded form cannot carry (the operation needs multipart/form-data)',
    );
  } else if (Array.isArray(value))
    value.forEach((item, index) => addParam(params, `${name}[]`, item, [...path, index]));
  else if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value))
      addParam(params, `${name}[${key}]`, item, [...path, key]);
  } else throw fieldError(path, `cannot be sent as form data (got ${typeof value})`);
}

function fieldError(path: Path, message: string): ValidationError {
  return new ValidationError([{ path, message }], 'Invalid request body');
}
