// What a run derives from an emitted file's text, kept in the process for the next run (watch
// mode): a file whose text did not change (the runtime core, most of a small spec's output) is
// not read again. One entry per output path, the last text's.

/** `compute` of a file's text, remembered per path for as long as the text stays the same. */
export function perPathMemo<T>(compute: (text: string) => T): (path: string, text: string) => T {
  const last = new Map<string, { readonly text: string; readonly value: T }>();
  return (path, text) => {
    const known = last.get(path);
    if (known !== undefined && known.text === text) return known.value;
    const value = compute(text);
    last.set(path, { text, value });
    return value;
  };
}

/**
 * `compute` of a file's text, or of each of its parts (EmittedFile.parts, a formatted file of
 * pieces), remembered per path from the last run: after a change, a part that is the same string
 * as last run's is found at once, where the whole text would be read again (3 MB for the whole
 * OpenAI spec's validators, twice a run). `compute` must give, merged over the parts, what it
 * gives of the joined text: each part is whole top-level statements, starting a line.
 */
export function perPartMemo<T>(
  compute: (text: string) => T,
): (file: { readonly path: string; readonly text: string; readonly parts?: readonly string[] }) => T[] {
  const whole = perPathMemo(compute);
  const last = new Map<string, { readonly text: string; readonly byPart: Map<string, T> | undefined; readonly values: T[] }>();
  return (file) => {
    const known = last.get(file.path);
    // a path's first text is read whole (one pass is quicker than thousands of parts: a run
    // that is not watch mode's reads every text once); later, an unchanged file is last run's
    // text itself (FormatCache.joined), and a changed one is read by parts
    if (file.parts === undefined || known === undefined) {
      const values = [whole(file.path, file.text)];
      if (file.parts !== undefined) last.set(file.path, { text: file.text, byPart: undefined, values });
      return values;
    }
    if (known.text === file.text) return known.values;
    const byPart = new Map<string, T>();
    const values = eachText(file.parts, compute, byPart, known.byPart);
    last.set(file.path, { text: file.text, byPart, values });
    return values;
  };
}

/**
 * `compute` of each of a run's texts (the statements of a module), the last run's results kept
 * when `keep` (a watch session's run): a text made again the same (a replayed statement) is not
 * read again. Without `keep`, nothing is remembered.
 */
export function perTextMemo<T>(compute: (text: string) => T): (texts: readonly string[], keep: boolean) => T[] {
  let last = new Map<string, T>();
  return (texts, keep) => {
    if (!keep) {
      last = new Map();
      return texts.map(compute);
    }
    const now = new Map<string, T>();
    const values = eachText(texts, compute, now, last);
    last = now;
    return values;
  };
}

/** `compute` of each text, found first among this run's (`now`, which keeps each) and last run's. */
function eachText<T>(
  texts: readonly string[],
  compute: (text: string) => T,
  now: Map<string, T>,
  last: ReadonlyMap<string, T> | undefined,
): T[] {
  return texts.map((text) => {
    let value = now.get(text) ?? last?.get(text);
    if (value === undefined) value = compute(text);
    now.set(text, value);
    return value;
  });
}
