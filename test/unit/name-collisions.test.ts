// Names that collide are made unique (stable numbering) and reported as warnings that point
// at both places; the golden tree of test/fixtures/specs/name-collisions.yaml pins the output.
import { describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.js';

describe('name collisions', () => {
  it('become unique names with one warning each, naming both places', async () => {
    const { warnings } = await generate({ spec: 'test/fixtures/specs/name-collisions.yaml', write: false });
    expect(warnings.map((w) => [w.code, w.severity, w.at.pointer, w.message])).toEqual([
      ['model/name-collision', 'warning', '/components/schemas/user-profile', 'The schema `user-profile` and the schema `UserProfile` both become the name `UserProfile`; the second is named `UserProfile2`.'],
      ['model/name-collision', 'warning', '/components/schemas/user.profile', 'The schema `user.profile` and the schema `UserProfile` both become the name `UserProfile`; the second is named `UserProfile3`.'],
      ['model/name-collision', 'warning', '/paths/~1profiles~1all/get', 'The operation `list-profiles-all` and the operation `listProfiles` both become the name `list`; the second is named `list2`.'],
      ['model/name-collision', 'warning', '/paths/~1profiles~1{profile_id}~1{profileId}/get', 'The operation `encodePathSegment` would be named `encodePathSegment`, which the generated code already uses; it is named `encodePathSegment2`.'],
    ]);
    expect(warnings[0]?.related?.[0]?.at.pointer).toBe('/components/schemas/UserProfile');
  });
});
