// The package as a whole: its npm name, the client class, the environment variables it reads,
// where it sends the API key, its default server, and the API's title and description.
import type { IrPackage } from '../model/ir.js';
import { API_KEY_PLACES } from '../model/package-info.js';
import type { DiffContext } from './diff-context.js';

export function diffPackage(ctx: DiffContext): void {
  const [before, after] = [ctx.old.api, ctx.new.api];
  const [oldPackage, newPackage] = [before.package, after.package];
  const at = (pointer: string) => ({ old: pointer, new: pointer });
  if (oldPackage.name !== newPackage.name) {
    const message = `The package \`${oldPackage.name}\` is now \`${newPackage.name}\`.`;
    ctx.report({ kind: 'package-renamed', subject: newPackage.name, message, at: at('/info/x-sdk/packageName') });
  }
  if (oldPackage.clientName.text !== newPackage.clientName.text) {
    const message = `The client class \`${oldPackage.clientName.text}\` is now \`${newPackage.clientName.text}\`.`;
    ctx.report({ kind: 'client-renamed', subject: newPackage.clientName.text, message, at: at('/info/x-sdk/clientName') });
  }
  for (const [key, what] of [
    ['apiKeyEnv', 'API key'],
    ['baseURLEnv', 'base URL'],
  ] as const) {
    if (oldPackage[key] === newPackage[key]) continue;
    const message = `The client reads its ${what} from \`${newPackage[key]}\` (was \`${oldPackage[key]}\`).`;
    ctx.report({ kind: 'client-env-changed', subject: newPackage.clientName.text, message, at: at(`/info/x-sdk/${key}`) });
  }
  if (authText(oldPackage.auth) !== authText(newPackage.auth)) {
    const message = `The client sends its API key ${authText(newPackage.auth)} (was ${authText(oldPackage.auth)}).`;
    ctx.report({ kind: 'auth-changed', subject: newPackage.clientName.text, message, at: at('/components/securitySchemes') });
  }
  if (oldPackage.defaultBaseURL !== newPackage.defaultBaseURL) {
    const message = `The default base URL is now \`${newPackage.defaultBaseURL}\` (was \`${oldPackage.defaultBaseURL}\`).`;
    ctx.report({ kind: 'base-url-changed', subject: newPackage.clientName.text, message, at: at('/servers/0/url') });
  }
  if (before.title !== after.title) {
    ctx.report({
      kind: 'doc-changed',
      subject: newPackage.name,
      message: `The API's title is now "${after.title}" (was "${before.title}").`,
      at: at('/info/title'),
    });
  }
  if (before.description !== after.description) {
    ctx.report({
      kind: 'doc-changed',
      subject: newPackage.name,
      message: 'Changed the description of the API.',
      at: at('/info/description'),
    });
  }
}

/** Where the client sends its API key, in words: `as a bearer token`, `in the \`X-Api-Key\` header`. */
function authText(auth: IrPackage['auth']): string {
  if (auth === 'bearer') return 'as a bearer token';
  if (auth === 'none') return 'nowhere (the API declares no security)';
  return `in the \`${auth.name}\` ${API_KEY_PLACES[auth.in]}`;
}
