// A path key as the spec writes it, split into what goes on the wire. Read by the spec rules
// (validate/) and the model, so it lives below both.

export interface PathKey {
  /** The path template before any `?` or `#` (`/` when empty). */
  readonly path: string;
  /** `name=value` pairs of a query string written into the key (`/responses?beta=true`), sent on every call. */
  readonly query: readonly { readonly name: string; readonly value: string }[];
  /** `name={template}` pairs of that query string (`/search?term={term}`): sent as query parameters. */
  readonly templates: readonly { readonly name: string; readonly template: string }[];
  /** After `#` (`/#Action=CreateDBCluster`, the AWS way to tell equivalent paths apart): never sent. */
  readonly fragment?: string;
}

/**
 * The path template, the query pairs and templates written into the key, and its fragment,
 * which HTTP clients never send. `pathKeyDiagnostics` (model/operations.ts) reports the query
 * and the fragment once per spec.
 */
export function splitPathKey(key: string): PathKey {
  const hash = key.indexOf('#');
  const beforeFragment = hash === -1 ? key : key.slice(0, hash);
  const fragment = hash === -1 ? undefined : key.slice(hash + 1);
  const question = beforeFragment.indexOf('?');
  const path = (question === -1 ? beforeFragment : beforeFragment.slice(0, question)) || '/';
  const pairs = (question === -1 ? '' : beforeFragment.slice(question + 1))
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const equals = pair.indexOf('=');
      return { name: decode(equals === -1 ? pair : pair.slice(0, equals)), value: decode(equals === -1 ? '' : pair.slice(equals + 1)) };
    })
    .filter((pair) => pair.name !== '');
  const query: { name: string; value: string }[] = [];
  const templates: { name: string; template: string }[] = [];
  for (const pair of pairs) {
    const template = /^\{([^{}]*)\}$/.exec(pair.value)?.[1];
    if (template === undefined) query.push(pair);
    // `{}` names nothing: neither a value to send nor a parameter
    else if (template !== '') templates.push({ name: pair.name, template });
  }
  return { path, query, templates, ...(fragment === undefined ? {} : { fragment }) };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
