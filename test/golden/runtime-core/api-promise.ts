// The promise every API method returns: awaiting it gives the parsed body; `withResponse()`
// and `asResponse()` expose the raw Response. The body is parsed lazily, on first use.

/** What the promise needs from the request that produced the Response. */
export interface ResponseParser<T> {
  /** Reads, parses and validates the body of a 2xx response. */
  parse(response: Response): Promise<T>;
  /** Stops applying the timeout and the caller's signal (the caller now owns the body). */
  release(): void;
}

function resolveAtOnce(resolve: (value: never) => void): void {
  resolve(undefined as never);
}

export class APIPromise<T> extends Promise<T> {
  // Derived promises (from the base class's internals) are plain promises, never APIPromises.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  readonly #response: Promise<Response>;
  readonly #parser: ResponseParser<T>;
  #parsed: Promise<T> | undefined;

  /** `response` settles once the status is known: 2xx resolves, anything else rejects with the error. */
  constructor(response: Promise<Response>, parser: ResponseParser<T>) {
    // The base promise is never observed: then/catch/finally below go to the parsed body.
    super(resolveAtOnce);
    this.#response = response;
    this.#parser = parser;
  }

  /** The raw Response, body unread; the client's timeout and abort signal stop applying to it. */
  asResponse(): Promise<Response> {
    return this.#response.then((response) => {
      this.#parser.release();
      return response;
    });
  }

  /** The parsed body with the Response it came from and its `x-request-id`. */
  async withResponse(): Promise<{ data: T; response: Response; requestId: string | null }> {
    const data = await this.#parse();
    const response = await this.#response;
    return { data, response, requestId: response.headers.get('x-request-id') };
  }

  override then<TResult1 = T, TResult2 = never>(
    onfulfilled?: ((value: T) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult1 | TResult2> {
    return this.#parse().then(onfulfilled, onrejected);
  }

  override catch<TResult = never>(
    onrejected?: ((reason: unknown) => TResult | PromiseLike<TResult>) | null,
  ): Promise<T | TResult> {
    return this.#parse().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#parse().finally(onfinally);
  }

  #parse(): Promise<T> {
    return (this.#parsed ??= this.#response.then((response) => this.#parser.parse(response)));
  }
}
