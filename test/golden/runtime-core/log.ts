// Levelled logging to a console-like logger. Every line is scrubbed of the API key before it
// is handed to the logger; credential headers are shown as `[redacted]` by the caller.
import { scrubText, scrubValue } from './redact.js';

type LogFn = (message: string, ...rest: unknown[]) => void;

/** Anything console-shaped: `console`, pino, winston, a test spy. */
export interface Logger {
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
}

export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

const LEVELS: Readonly<Record<LogLevel, number>> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && Object.hasOwn(LEVELS, value);
}

/** A logger bound to a level and a secret. Check `enabled(level)` before building costly details. */
export class LevelLogger {
  readonly #logger: Logger;
  readonly #level: number;
  readonly #secret: string;

  constructor(logger: Logger, level: LogLevel, secret: string) {
    this.#logger = logger;
    this.#level = LEVELS[level];
    this.#secret = secret;
  }

  enabled(level: Exclude<LogLevel, 'off'>): boolean {
    return LEVELS[level] <= this.#level;
  }

  /** Logs at `level`, if enabled, with the message and the details scrubbed of the secret. */
  write(level: Exclude<LogLevel, 'off'>, message: string, details?: unknown): void {
    if (!this.enabled(level)) return;
    const line = scrubText(message, this.#secret);
    if (details === undefined) this.#logger[level](line);
    else this.#logger[level](line, scrubValue(details, this.#secret));
  }
}
