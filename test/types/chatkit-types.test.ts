// Compile-time checks of the generated types (this file is type-checked by test/unit/typecheck.test.ts).
import { describe, expectTypeOf, it } from 'vitest';
import type { ChatKitClient } from '../../generated/src/index.js';
import type { ChatSession, ChatSessionStatus, SessionCreateParams } from '../../generated/src/types.js';

describe('generated types', () => {
  it('accept the documented create body', () => {
    const body = {
      user: 'u_1',
      workflow: { id: 'wf_1', version: '2024-10-01', state_variables: { plan: 'pro', seats: 3, trial: true }, tracing: { enabled: false } },
      chatkit_configuration: {
        automatic_thread_titling: { enabled: true },
        file_upload: { enabled: true, max_file_size: 16, max_files: 5 },
        history: { enabled: true, recent_threads: 10 },
      },
      expires_after: { anchor: 'created_at', seconds: 600 },
      rate_limits: { max_requests_per_1_minute: 20 },
    } satisfies SessionCreateParams;
    expectTypeOf(body).toExtend<SessionCreateParams>();
  });

  it('reject wrong bodies at compile time', () => {
    // @ts-expect-error user is required
    const missingUser: SessionCreateParams = { workflow: { id: 'wf_1' } };
    // @ts-expect-error expires_after is an object, not a number of seconds
    const numericExpiry: SessionCreateParams = { user: 'u', workflow: { id: 'w' }, expires_after: 1800 };
    // @ts-expect-error the key is max_requests_per_1_minute
    const wrongRateKey: SessionCreateParams = { user: 'u', workflow: { id: 'w' }, rate_limits: { requests_per_minute: 20 } };
    // @ts-expect-error state variable values are primitives
    const nestedState: SessionCreateParams = { user: 'u', workflow: { id: 'w', state_variables: { a: { b: 1 } } } };
    // @ts-expect-error the anchor is always created_at
    const wrongAnchor: SessionCreateParams = { user: 'u', workflow: { id: 'w' }, expires_after: { anchor: 'now', seconds: 5 } };
    void [missingUser, numericExpiry, wrongRateKey, nestedState, wrongAnchor];
  });

  it('type the response and the methods', () => {
    expectTypeOf<ChatSession['status']>().toEqualTypeOf<ChatSessionStatus>();
    // a response enum is open (an API may add a value) and keeps its literals for completion
    expectTypeOf<ChatSessionStatus>().toEqualTypeOf<'active' | 'expired' | 'cancelled' | (string & {})>();
    expectTypeOf<'active'>().toExtend<ChatSessionStatus>();
    expectTypeOf<'paused'>().toExtend<ChatSessionStatus>();
    expectTypeOf<Extract<ChatSessionStatus, 'active'>>().toEqualTypeOf<'active'>();
    expectTypeOf<ChatSession['workflow']['version']>().toEqualTypeOf<string | null>();
    expectTypeOf<ChatSession['object']>().toEqualTypeOf<'chatkit.session'>();
    expectTypeOf<Awaited<ReturnType<ChatKitClient['chatkit']['sessions']['create']>>>().toEqualTypeOf<ChatSession>();
    expectTypeOf<Parameters<ChatKitClient['chatkit']['sessions']['cancel']>[0]>().toEqualTypeOf<string>();
  });
});
