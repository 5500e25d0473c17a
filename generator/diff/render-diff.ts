// A DiffReport as text (for a terminal or CI log), markdown (a changelog entry) or JSON (for
// tools). Pure; every format ends with a newline and has a fixed order: breaking changes, then
// features, then fixes and docs, as sorted by diffSpecs.
import type { SourceLocation } from '../diagnostics/diagnostic.js';
import type { ChangeSeverity, DiffReport, ReportedChange } from './change-kinds.js';
import { isZeroMajor } from './version-bump.js';

export const DIFF_FORMATS = ['text', 'markdown', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

const GROUPS: readonly (readonly [ChangeSeverity, string])[] = [
  ['breaking', 'Breaking changes'],
  ['feature', 'Features'],
  ['fix', 'Fixes and docs'],
];

const NO_CHANGES = 'No changes that affect the generated client.';

export function renderDiff(diff: DiffReport, format: DiffFormat): string {
  switch (format) {
    case 'text':
      return renderText(diff);
    case 'markdown':
      return renderMarkdown(diff);
    case 'json':
      return renderJson(diff);
  }
}

/** Each group as `Title (n):` and `- message (file:line)` lines, then the bump. */
function renderText(diff: DiffReport): string {
  const blocks = groupsOf(diff).map(([title, changes]) =>
    [`${title} (${changes.length}):`, ...changes.map((c) => `- ${c.message} (${where(c)})`)].join('\n'),
  );
  return `${[...(blocks.length > 0 ? blocks : [NO_CHANGES]), bumpSentence(diff, (bump) => bump)].join('\n\n')}\n`;
}

/**
 * A changelog entry: a heading with the versions, the bump, and a section per group. Spec
 * locations are left out: a changelog's readers use the client, not the spec.
 */
function renderMarkdown(diff: DiffReport): string {
  const versions = diff.old.version === diff.new.version ? diff.new.version : `${diff.old.version} → ${diff.new.version}`;
  const sections = groupsOf(diff).map(([title, changes]) => [`### ${title}`, '', ...changes.map((c) => `- ${c.message}`)].join('\n'));
  const body = sections.length > 0 ? sections : [NO_CHANGES];
  return `${[`## ${diff.new.title} ${versions}`, bumpSentence(diff, (bump) => `**${bump}**`), ...body].join('\n\n')}\n`;
}

/** `{ bump, changes }`; each change's keys in a fixed order: kind, severity, side, subject, message, location. */
function renderJson(diff: DiffReport): string {
  const changes = diff.changes.map((change) => ({
    kind: change.kind,
    severity: change.severity,
    ...(change.side !== undefined ? { side: change.side } : {}),
    subject: change.subject,
    message: change.message,
    location: {
      ...(change.location.old ? { old: locationJson(change.location.old) } : {}),
      ...(change.location.new ? { new: locationJson(change.location.new) } : {}),
    },
  }));
  return `${JSON.stringify({ bump: diff.bump, changes }, null, 2)}\n`;
}

function groupsOf(diff: DiffReport): (readonly [string, readonly ReportedChange[]])[] {
  return GROUPS.map(([severity, title]) => [title, diff.changes.filter((change) => change.severity === severity)] as const).filter(
    ([, changes]) => changes.length > 0,
  );
}

function bumpSentence(diff: DiffReport, emphasise: (bump: string) => string): string {
  if (diff.bump === 'none') return 'Implies no version bump.';
  const note =
    diff.bump === 'major' && isZeroMajor(diff.old.packageVersion)
      ? ` For a 0.x version a minor bump is enough: npm's ^0.y.z ranges never cross a minor.`
      : '';
  return `Implies a ${emphasise(diff.bump)} version bump.${note}`;
}

/** `file:line` of the new spec, or of the old one for a removal. */
function where(change: ReportedChange): string {
  const at = change.location.new ?? change.location.old;
  return at ? `${at.file}:${at.line}` : 'unknown location';
}

/** A package location (`--api`) has no JSON pointer: it is left out. */
function locationJson(at: SourceLocation): Partial<SourceLocation> {
  return { file: at.file, line: at.line, column: at.column, ...(at.pointer !== '' ? { pointer: at.pointer } : {}) };
}
