// Root-relative links in spec prose (`[guide](/docs/guides/x)`) made absolute for the package's
// docs: a relative link in an editor's hover leads nowhere. A link resolves against a host the
// spec names, never a guessed one: `x-sdk.docsBaseURL` (or `externalDocs.url`'s origin) for
// every link, else the origin of a URL in `info.description` or `servers` whose path starts
// with the link's first segment (the OpenAI spec says "see https://platform.openai.com/docs/…",
// so its `/docs/…` links go there); a link no named URL matches stays as written.
import type { IrDocLinks } from '../model/ir.js';

/** `](/path…)` of a Markdown link or image (not `](//host…)`, which is already absolute). */
const MARKDOWN_LINK = /\]\((\/(?!\/)[^)\s]*)/g;
/** `href="/path…"` of an HTML link. */
const HTML_LINK = /(\shref=["'])(\/(?!\/)[^"'\s]*)/g;

export function absoluteLinks(text: string, links: IrDocLinks): string {
  if (!text.includes('](/') && !text.includes('href=')) return text;
  return text
    .replace(MARKDOWN_LINK, (match: string, path: string) => {
      const host = hostFor(path, links);
      return host === undefined ? match : `](${host}${path}`;
    })
    .replace(HTML_LINK, (match: string, before: string, path: string) => {
      const host = hostFor(path, links);
      return host === undefined ? match : `${before}${host}${path}`;
    });
}

/** The base a root-relative `path` goes under, or undefined to leave it as written. */
function hostFor(path: string, links: IrDocLinks): string | undefined {
  if (links.base !== undefined) return links.base;
  const first = /^\/[^/?#]+/.exec(path)?.[0];
  if (first === undefined) return undefined;
  for (const url of links.named) {
    const parsed = new URL(url);
    if (parsed.pathname === first || parsed.pathname.startsWith(`${first}/`)) return parsed.origin;
  }
  return undefined;
}
