// The generated package's identity, from `info` and its `x-sdk` extension (or the CLI flags):
// npm name, package version, client class name, environment variables, default base URL.
// Every value is checked where it is read, because each one ends up in package.json, in code
// and in a header the client sends on every request (`x-sdkgen-client: name/version`).
import { defaultHint } from '../diagnostics/codes.js';
import { UsageError, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import { isRecord } from '../load/json-node.js';
import { childPointer } from '../load/pointer.js';
import { walkOperations } from '../validate/walk-operations.js';
import { Identifier, type IrApiKeyAuth, type IrDocLinks, type IrPackage } from './ir.js';
import { isReservedName, splitWords, toTypeName } from './names.js';

export interface PackageOptions {
  /** `--package-name` (or `packageName` in sdkgen.config); checked like `x-sdk.packageName`, as a usage error. */
  readonly packageName?: string;
  /** `--client-name` (or `clientName` in sdkgen.config). */
  readonly clientName?: string;
  /** `--api-key-env` (or `apiKeyEnv` in sdkgen.config); checked like `x-sdk.apiKeyEnv`, as a usage error. */
  readonly apiKeyEnv?: string;
  /** `--base-url-env` (or `baseURLEnv` in sdkgen.config). */
  readonly baseURLEnv?: string;
  /** `packageVersion` in sdkgen.config: the package's version when it must differ from the API's. */
  readonly packageVersion?: string;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Semantic Versioning 2.0.0 (semver.org's regular expression). */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const KNOWN_KEYS = ['packageName', 'clientName', 'apiKeyEnv', 'baseURLEnv', 'packageVersion', 'docsBaseURL'] as const;

/** Why `name` is not a valid npm package name (npm's rules for new packages), or undefined. */
export function npmNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > 214) return `is ${name.length} characters long; npm allows at most 214`;
  if (name !== name.toLowerCase()) return 'has capital letters; npm names are lowercase';
  if (name.trim() !== name) return 'has leading or trailing spaces';
  const match = /^(?:@([^/]+)\/)?([^/]+)$/.exec(name);
  if (!match) return 'has a `/` that is not the one after an `@scope`';
  for (const part of [match[1], match[2]]) {
    if (part === undefined) continue;
    if (part.startsWith('.') || part.startsWith('_')) return 'starts with `.` or `_`';
    if (!/^[a-z0-9._-]+$/.test(part)) return 'has characters npm does not allow (only a-z, 0-9, `-`, `.`, `_`, and `@scope/`)';
  }
  if (match[1] === undefined && ['node_modules', 'favicon.ico'].includes(name)) return 'is a name npm reserves';
  return undefined;
}

/** Whether `version` is a Semantic Versioning 2.0.0 version. */
export function isSemver(version: string): boolean {
  return SEMVER.test(version);
}

/** Why `version` cannot be the package's version, or undefined. */
export function packageVersionProblem(version: string): string | undefined {
  return SEMVER.test(version) ? undefined : 'is not a semantic version (major.minor.patch, e.g. `1.4.0`)';
}

/**
 * package.json's one-line description: `info.summary`, or else the first sentence of
 * `info.description`, as plain text (Markdown links, code, emphasis and headings reduced to their
 * text); else `A client for the <title>.`
 */
export function packageDescription(info: Record<string, unknown>, title: string): string {
  for (const key of ['summary', 'description']) {
    const value = info[key];
    if (typeof value !== 'string') continue;
    const sentence = firstSentence(plainText(value));
    if (sentence !== '') return sentence;
  }
  return `A client for the ${plainText(title) || 'API'}.`;
}

/** Markdown (and HTML tags) to one line of plain text: the first paragraph. */
function plainText(markdown: string): string {
  const paragraph =
    markdown
      .replace(/\r\n?/g, '\n')
      .trim()
      .split(/\n\s*\n/)[0] ?? '';
  return paragraph
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1') // links
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1') // reference links
    .replace(/<[^>\n]+>/g, '') // HTML tags
    .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, '') // headings, quotes, list markers
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?!\w)/g, '$1$2')
    .replace(/`+([^`]+)`+/g, '$1')
    .replace(/[\u0000-\u001f\u007f]/g, ' ') // control characters (NUL, tabs) never belong in a one-line description
    .replace(/\s+/g, ' ')
    .trim();
}

const ABBREVIATIONS = /(?:^|\s)(?:e\.g|i\.e|etc|vs|cf|approx|Inc|Ltd|Corp|Mr|Ms|Dr|No)\.$/i;
const DESCRIPTION_LIMIT = 200;

/** Up to the first `.`, `!` or `?` that ends a sentence; at most 200 characters, cut at a word. */
function firstSentence(text: string): string {
  const ends = /[.!?](?=\s+["'(`A-Z0-9]|$)/g;
  let sentence = text;
  for (let match = ends.exec(text); match !== null; match = ends.exec(text)) {
    const candidate = text.slice(0, match.index + 1);
    if (!ABBREVIATIONS.test(candidate)) {
      sentence = candidate;
      break;
    }
  }
  if (sentence.length <= DESCRIPTION_LIMIT) return sentence;
  const cut = sentence.slice(0, DESCRIPTION_LIMIT - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : cut.length).replace(/[\s,;:]+$/, '')}…`;
}

/** Why `name` cannot name the client class, or undefined. */
export function clientNameProblem(name: string): string | undefined {
  if (!Identifier.PATTERN.test(name)) return 'is not a JavaScript identifier (letters, digits, `_` and `$`, not starting with a digit)';
  if (isReservedName(name)) return 'is a reserved word or a name the generated package already uses';
  return undefined;
}

/** Why `name` is not an environment variable name, or undefined. */
export function envNameProblem(name: string): string | undefined {
  return ENV_NAME.test(name) ? undefined : 'is not an environment variable name (letters, digits and `_`, not starting with a digit)';
}

/**
 * The package version for an `info.version`: itself when it is semver; `v1`, `2.1` and `3`
 * become `1.0.0`, `2.1.0` and `3.0.0`; anything else (`2019-10-01-preview`, `Live`) `0.0.0`.
 * The API version keeps its own text (the README shows it); only package.json and the client
 * header need a semver.
 */
export function packageVersion(version: string): string {
  if (SEMVER.test(version)) return version;
  const short = /^v?(\d{1,9})(?:\.(\d{1,9}))?(?:\.(\d{1,9}))?$/i.exec(version.trim());
  if (!short) return '0.0.0';
  return [short[1], short[2], short[3]].map((part) => String(Number(part ?? 0))).join('.');
}

export function packageOf(
  root: Record<string, unknown>,
  locate: (pointer: string) => SourceLocation,
  options: PackageOptions,
  report: (diagnostic: Diagnostic) => void,
): Omit<IrPackage, 'baseClientName'> {
  const info = isRecord(root['info']) ? root['info'] : {};
  const sdk = readSdk(info, locate, report);
  const title = typeof info['title'] === 'string' ? info['title'] : 'API';
  const words = splitWords(title).filter((w) => !/^api$/i.test(w));
  const servers = Array.isArray(root['servers']) ? root['servers'] : [];
  const firstServer = isRecord(servers[0]) && typeof servers[0]['url'] === 'string' ? servers[0]['url'] : 'http://localhost';
  const upperWords = words.map((w) => w.toUpperCase()).join('_') || 'API';
  // an environment variable cannot start with a digit (a title like "3D Secure")
  const upper = /^[0-9]/.test(upperWords) ? `_${upperWords}` : upperWords;

  const option = (flag: string, value: string | undefined, problem: (value: string) => string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    const why = problem(value);
    if (why !== undefined) throw new UsageError(`${flag} ${JSON.stringify(value)} ${why}.`);
    return value;
  };
  const packageName =
    option('--package-name', options.packageName, npmNameProblem) ??
    sdk('packageName', npmNameProblem, 'an npm package name such as `acme-client` or `@acme/client`') ??
    derivedPackageName(words);
  const clientName =
    option('--client-name', options.clientName, clientNameProblem) ??
    sdk('clientName', clientNameProblem, 'a class name such as `AcmeClient`') ??
    toTypeName(`${words.join(' ')} Client`);
  const version = typeof info['version'] === 'string' ? info['version'] : '0.0.0';
  const versionOverride =
    option('packageVersion in the config file', options.packageVersion, packageVersionProblem) ??
    sdk('packageVersion', packageVersionProblem, 'a semantic version such as `1.4.0`');
  return {
    name: packageName,
    version: versionOverride ?? packageVersion(version),
    description: packageDescription(info, title),
    clientName: new Identifier(clientName),
    defaultBaseURL: firstServer.replace(/\/+$/, ''),
    apiKeyEnv:
      option('--api-key-env', options.apiKeyEnv, envNameProblem) ??
      sdk('apiKeyEnv', envNameProblem, 'an environment variable name such as `ACME_API_KEY`') ??
      `${upper}_API_KEY`,
    auth: authOf(root, locate, report),
    baseURLEnv:
      option('--base-url-env', options.baseURLEnv, envNameProblem) ??
      sdk('baseURLEnv', envNameProblem, 'an environment variable name such as `ACME_BASE_URL`') ??
      `${upper}_BASE_URL`,
    docLinks: docLinksOf(
      root,
      info,
      servers,
      sdk('docsBaseURL', docsBaseURLProblem, 'an absolute http(s) URL such as `https://docs.acme.com`'),
    ),
  };
}

/** Why `url` cannot be the base of the docs' links, or undefined. */
export function docsBaseURLProblem(url: string): string | undefined {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed === undefined || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) return 'is not an absolute http(s) URL';
  if (parsed.search !== '' || parsed.hash !== '') return 'has a query or a fragment; links are appended to it';
  return undefined;
}

/**
 * The hosts the spec names for its root-relative doc links: `x-sdk.docsBaseURL`, else the
 * origin of `externalDocs.url` (a link to the API's documentation); and the absolute URLs in
 * `info.description` and `servers`, which a link uses only when its first path segment matches.
 */
function docLinksOf(
  root: Record<string, unknown>,
  info: Record<string, unknown>,
  servers: readonly unknown[],
  docsBaseURL: string | undefined,
): IrDocLinks {
  const externalDocs =
    isRecord(root['externalDocs']) && typeof root['externalDocs']['url'] === 'string' ? root['externalDocs']['url'] : undefined;
  const externalOrigin =
    externalDocs !== undefined && docsBaseURLProblem(externalDocs) === undefined ? new URL(externalDocs).origin : undefined;
  const base = docsBaseURL?.replace(/\/+$/, '') ?? externalOrigin;
  const described =
    typeof info['description'] === 'string'
      ? [...info['description'].matchAll(/https?:\/\/[^\s<>()[\]"'`]+/g)].map((match) => match[0].replace(/[.,;:!?]+$/, ''))
      : [];
  const serverURLs = servers.flatMap((server) => (isRecord(server) && typeof server['url'] === 'string' ? [server['url']] : []));
  const named = [...described, ...serverURLs].filter((url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol));
  return { ...(base !== undefined ? { base } : {}), named };
}

type SdkValue = (key: (typeof KNOWN_KEYS)[number], problem: (value: string) => string | undefined, expected: string) => string | undefined;

/** A reader of `info.x-sdk`'s string fields that reports (and then ignores) a value of the wrong form. */
function readSdk(
  info: Record<string, unknown>,
  locate: (pointer: string) => SourceLocation,
  report: (diagnostic: Diagnostic) => void,
): SdkValue {
  const raw = info['x-sdk'];
  const invalid = (pointer: string, message: string, hint?: string) =>
    report({
      code: 'model/invalid-extension',
      severity: 'error',
      message,
      hint: hint ?? defaultHint('model/invalid-extension'),
      at: locate(pointer),
    });
  if (raw === undefined) return () => undefined;
  if (!isRecord(raw)) {
    invalid('/info/x-sdk', '`info.x-sdk` must be a mapping such as `{ packageName: acme-client, clientName: AcmeClient }`.');
    return () => undefined;
  }
  for (const key of Object.keys(raw)) {
    if (!(KNOWN_KEYS as readonly string[]).includes(key)) {
      report({
        code: 'model/invalid-extension',
        severity: 'warning',
        message: `\`info.x-sdk\` has an unknown key ${JSON.stringify(key)}; sdkgen ignores it.`,
        hint: `The keys sdkgen reads are ${KNOWN_KEYS.map((known) => `\`${known}\``).join(', ')}.`,
        at: locate(`/info/x-sdk/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`),
      });
    }
  }
  return (key, problem, expected) => {
    const value = raw[key];
    if (value === undefined) return undefined;
    const pointer = `/info/x-sdk/${key}`;
    if (typeof value !== 'string') {
      invalid(pointer, `\`x-sdk.${key}\` must be a string: ${expected}.`);
      return undefined;
    }
    const why = problem(value);
    if (why === undefined) return value;
    invalid(pointer, `\`x-sdk.${key}\` ${JSON.stringify(value)} ${why}.`, `Write ${expected}.`);
    return undefined;
  };
}

/** `acme-widgets-client` from the title's words, within npm's 214 characters. */
function derivedPackageName(words: readonly string[]): string {
  const base = words.map((w) => w.toLowerCase()).join('-') || 'api';
  return `${base.slice(0, 214 - '-client'.length).replace(/-+$/, '')}-client`;
}

/**
 * How the client sends its key: 'none' when no operation (nor the whole document) requires a
 * security scheme; an apiKey scheme's place when every operation that requires one can be met
 * by that one scheme alone and not by a bearer token (an API that takes `X-API-Key`); else
 * 'bearer'. An operation whose requirements (its own, else the document's) have no alternative
 * the client's key serves gets a `model/unsent-credentials` warning for each scheme that wants
 * its credential elsewhere (an `apiKey` in a header, the query or a cookie; HTTP basic), with the
 * option that sends it. One warning per scheme.
 */
function authOf(
  root: Record<string, unknown>,
  locate: (pointer: string) => SourceLocation,
  report: (diagnostic: Diagnostic) => void,
): IrPackage['auth'] {
  const components = isRecord(root['components']) ? root['components'] : {};
  const schemes = isRecord(components['securitySchemes']) ? components['securitySchemes'] : {};
  // each scheme read once, however many operations name it
  const credentials = new Map<string, ReturnType<typeof unsentCredential>>();
  const unsent = (name: string) => {
    if (!credentials.has(name)) credentials.set(name, isRecord(schemes[name]) ? unsentCredential(name, schemes[name]) : undefined);
    return credentials.get(name);
  };
  const requires = (security: unknown[]) => security.some((requirement) => isRecord(requirement) && Object.keys(requirement).length > 0);
  let required = Array.isArray(root['security']) && requires(root['security']);
  // each operation's alternatives, when it requires a credential (no `{}` among them)
  const requiring: string[][][] = [];
  for (const { operation } of walkOperations(root)) {
    const security = operation['security'] ?? root['security'];
    if (!Array.isArray(security)) continue;
    required ||= requires(security);
    const alternatives = security.filter(isRecord).map((requirement) => Object.keys(requirement));
    if (alternatives.length > 0 && alternatives.every((names) => names.length > 0)) requiring.push(alternatives);
  }
  if (!required) return 'none';
  // a requirement of bearer-like schemes only is met by a bearer token
  const bearerMeets = (alternatives: readonly string[][]) =>
    alternatives.some((names) => names.every((name) => unsent(name) === undefined));
  // the scheme the client sends meets every requiring operation: nothing to warn about
  const sent = requiring.every(bearerMeets) ? undefined : apiKeyToSend(requiring, schemes);
  if (sent !== undefined) return sent;
  const warned = new Set<string>();
  for (const alternatives of requiring) {
    if (bearerMeets(alternatives)) continue;
    for (const name of alternatives.flat()) {
      const credential = unsent(name);
      if (credential === undefined || warned.has(name)) continue;
      warned.add(name);
      report({
        code: 'model/unsent-credentials',
        severity: 'warning',
        message: `${credential.message} The client sends its key as \`Authorization: Bearer <apiKey>\`, which this scheme does not read.`,
        hint: credential.hint,
        at: locate(childPointer('/components/securitySchemes', name)),
      });
    }
  }
  return 'bearer';
}

/**
 * The apiKey scheme that meets every requiring operation alone (sendable); the first such scheme
 * the first requiring operation names.
 */
function apiKeyToSend(requiring: readonly (readonly string[])[][], schemes: Record<string, unknown>): IrApiKeyAuth | undefined {
  for (const [name] of requiring[0]?.filter((names) => names.length === 1) ?? []) {
    const auth = sendable(schemes[name!]);
    if (auth !== undefined && requiring.every((alternatives) => alternatives.some((names) => names.length === 1 && names[0] === name)))
      return auth;
  }
  return undefined;
}

/**
 * Where an apiKey scheme takes its key, when the client can put it there: a header (other than
 * Authorization, which AWS's schemes fill with a whole key or a SigV4 signature), the query or a
 * cookie, under a name.
 */
function sendable(scheme: unknown): IrApiKeyAuth | undefined {
  if (!isRecord(scheme) || scheme['type'] !== 'apiKey' || scheme['x-amazon-apigateway-authtype'] !== undefined) return undefined;
  const name = scheme['name'];
  const where = scheme['in'];
  if (typeof name !== 'string' || name === '' || name.toLowerCase() === 'authorization') return undefined;
  return where === 'header' || where === 'query' || where === 'cookie' ? { in: where, name } : undefined;
}

/** How messages name each place an apiKey goes. */
export const API_KEY_PLACES: Readonly<Record<IrApiKeyAuth['in'], string>> = {
  header: 'header',
  query: 'query parameter',
  cookie: 'cookie',
};

/** What a scheme wants that a bearer token is not, and the client option that sends it; undefined for a bearer-like scheme. */
function unsentCredential(name: string, scheme: Record<string, unknown>): { message: string; hint: string } | undefined {
  const shown = JSON.stringify(name);
  if (scheme['type'] === 'apiKey' && scheme['x-amazon-apigateway-authtype'] === 'awsSigv4') {
    return {
      message: `The security scheme ${shown} is AWS Signature Version 4: each request is signed.`,
      hint: 'Sign each request in a `fetch` given to the client (the `fetch` option), with a SigV4 signer such as `@smithy/signature-v4`.',
    };
  }
  if (scheme['type'] === 'apiKey' && scheme['in'] === 'header' && String(scheme['name']).toLowerCase() === 'authorization') {
    return {
      message: `The security scheme ${shown} takes an API key as the whole \`Authorization\` header.`,
      hint: 'Create the client with `{ apiKey, defaultHeaders: { authorization: apiKey } }`: defaultHeaders replace the bearer header.',
    };
  }
  if (scheme['type'] === 'apiKey') {
    const key = typeof scheme['name'] === 'string' ? scheme['name'] : '';
    const where = scheme['in'];
    const option =
      where === 'query'
        ? `defaultQuery: { ${JSON.stringify(key)}: apiKey }`
        : where === 'cookie'
          ? `defaultHeaders: { cookie: ${JSON.stringify(`${key}=`)} + apiKey }`
          : `defaultHeaders: { ${JSON.stringify(key)}: apiKey }`;
    const place = API_KEY_PLACES[where === 'query' || where === 'cookie' ? where : 'header'];
    return {
      message: `The security scheme ${shown} takes an API key in the ${place} ${JSON.stringify(key)}.`,
      hint: `Create the client with \`{ apiKey, ${option} }\`: the key stays out of errors and logs (it also goes out as a bearer token).`,
    };
  }
  if (scheme['type'] === 'http' && typeof scheme['scheme'] === 'string' && scheme['scheme'].toLowerCase() !== 'bearer') {
    return {
      message: `The security scheme ${shown} is HTTP ${scheme['scheme']} authentication.`,
      hint:
        scheme['scheme'].toLowerCase() === 'basic'
          ? 'Create the client with `{ apiKey: password, defaultHeaders: { authorization: `Basic ${btoa(`${user}:${password}`)}` } }`: defaultHeaders replace the bearer header.'
          : `Create the client with \`{ apiKey, defaultHeaders: { authorization: '<${scheme['scheme']} credentials>' } }\`: defaultHeaders replace the bearer header.`,
    };
  }
  return undefined;
}
