// User templates (--templates): overrides by file name, partials and helpers; a broken template
// is a located diagnostic and nothing is written.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.js';
import { runCli } from '../support/cli.js';
import { snapshotDir } from '../support/snapshot-dir.js';
import { chatSession, json, startRecordingServer, type RecordingServer } from '../support/recording-server.js';

let work: string;
let server: RecordingServer;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sdkgen-templates-'));
  server = await startRecordingServer();
});
afterAll(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

describe('--templates', () => {
  it('the worked example: every resource method sends X-Request-Source, callers can still override it', async () => {
    const out = join(work, 'custom');
    await generate({ spec: 'spec/chatkit-sessions.yaml', out, templates: 'test/fixtures/templates/custom-header' });
    const { ChatKitClient } = (await import(join(out, 'src/index.ts'))) as typeof import('../../generated/src/index.js');
    const client = new ChatKitClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
    server.respond((_request, response) => json(response, 200, chatSession()));
    await client.chatkit.sessions.create({ user: 'u', workflow: { id: 'w' } });
    await client.chatkit.sessions.cancel('cksess_1', { headers: { 'X-Request-Source': 'mine' } });
    expect(server.requests.map((r) => r.headers['x-request-source'])).toEqual(['sdk/createChatKitSession', 'mine']);
  });

  it('a template that does not compile is located in the template file', async () => {
    const run = await runCli([
      'generate',
      '--spec',
      'spec/chatkit-sessions.yaml',
      '--out',
      join(work, 'broken'),
      '--templates',
      'test/fixtures/templates/broken-syntax',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'test/fixtures/templates/broken-syntax/client-method.ts.hbs:4:1: error[emit/template-error] The template does not compile:',
    );
    expect(run.stderr).toContain('hint:');
  });

  it('a template that reads a field that does not exist is located at the field', async () => {
    const run = await runCli([
      'generate',
      '--spec',
      'spec/chatkit-sessions.yaml',
      '--out',
      join(work, 'broken'),
      '--templates',
      'test/fixtures/templates/unknown-field',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'test/fixtures/templates/unknown-field/README.md.hbs:3:35: error[emit/template-error] The template failed to render: "name" not defined.',
    );
    expect(run.stderr).toMatch(/> +3 \| Generated from \{\{specFile\}\} for \{\{team\.name\}\}\./);
  });

  it('a helper given a field that does not exist is located at the field, and blamed on the templates, not the spec; the output folder stays as it was', async () => {
    const out = join(work, 'undefined');
    expect((await runCli(['generate', '--spec', 'spec/chatkit-sessions.yaml', '--out', out, '--quiet'])).code).toBe(0);
    const before = await snapshotDir(out);
    const run = await runCli([
      'generate',
      '--spec',
      'spec/chatkit-sessions.yaml',
      '--out',
      out,
      '--templates',
      'test/fixtures/templates/undefined-helper-argument',
    ]);
    expect(await snapshotDir(out)).toEqual(before);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'test/fixtures/templates/undefined-helper-argument/client-method.ts.hbs:2:60: error[emit/template-error] The template failed to render: the `literal` helper was given a value that is not defined',
    );
    expect(run.stderr).toContain('sdkgen: 1 problem in the templates; nothing was written.');
    expect(run.stderr).not.toContain('in the spec');
  });

  it('a method template written for `this.client` says what replaces it, at the line', async () => {
    const out = join(work, 'retired');
    const run = await runCli([
      'generate',
      '--spec',
      'spec/chatkit-sessions.yaml',
      '--out',
      out,
      '--templates',
      'test/fixtures/templates/retired-this',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'test/fixtures/templates/retired-this/client-method.ts.hbs:2:8: error[emit/template-error] The template uses `this.client`',
    );
    expect(run.stderr).toContain('Write `client.request(…)`.');
  });

  it('a missing templates folder is a usage error', async () => {
    const run = await runCli([
      'generate',
      '--spec',
      'spec/chatkit-sessions.yaml',
      '--out',
      join(work, 'x'),
      '--templates',
      join(work, 'nope'),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Cannot read the templates folder');
  });
});
