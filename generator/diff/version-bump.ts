// The semver bump a list of changes implies: breaking -> major, feature -> minor, fix -> patch.
// Computed the same for 0.x versions; renderers add a note there (npm's ^0.y.z ranges never
// cross a minor, so for 0.x a minor bump is the breaking one).
import type { ChangeSeverity, VersionBump } from './change-kinds.js';

const BUMP_OF = { breaking: 'major', feature: 'minor', fix: 'patch' } as const;
const RANK: Record<VersionBump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

export function versionBumpOf(changes: readonly { readonly severity: ChangeSeverity }[]): VersionBump {
  let bump: VersionBump = 'none';
  for (const change of changes) {
    const candidate = BUMP_OF[change.severity];
    if (RANK[candidate] > RANK[bump]) bump = candidate;
  }
  return bump;
}

/** Whether `version` is a 0.x version, where semver gives no compatibility promise. */
export function isZeroMajor(version: string): boolean {
  return /^v?0\.\d+/.test(version);
}
