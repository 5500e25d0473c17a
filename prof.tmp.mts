import { generate } from './generator/pipeline.ts';
const t0 = performance.now(); let last = t0; const times: Record<string, number> = {};
let stage = 'start';
try {
  const r = await generate({ spec: '/tmp/openai-nonot.yaml', write: false, onStage: (s) => { const now = performance.now(); times[stage] = now - last; last = now; stage = s; } });
  times[stage] = performance.now() - last;
  console.log(times, 'files', r.files.length, 'bytes', r.files.reduce((n, f) => n + f.text.length, 0), 'warnings', r.warnings.length, 'rss MiB', process.memoryUsage().rss / 2 ** 20);
  for (const f of r.files) if (f.text.length > 100000) console.log(f.path, f.text.length);
} catch (e: any) { console.log(e.message, e.diagnostics?.filter((d: any) => d.severity === 'error').slice(0, 5).map((d: any) => d.message + ' ' + d.at.pointer)); console.log(e.cause?.stack?.split('\n').slice(0,6).join('\n')); }
