// The environment variables the official `openai` SDK reads: a differential test clears them
// for its run, so that nothing from the machine running the tests leaks into the oracle's calls.
const OPENAI_ENV = [
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'OPENAI_ORG_ID',
  'OPENAI_PROJECT_ID',
  'OPENAI_CUSTOM_HEADERS',
  'OPENAI_LOG',
  'OPENAI_ADMIN_KEY',
];

/** Clears them; returns what puts them back as they were. */
export function clearOpenAIEnv(): () => void {
  const saved = new Map(OPENAI_ENV.map((name) => [name, process.env[name]] as const));
  for (const name of OPENAI_ENV) delete process.env[name];
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
