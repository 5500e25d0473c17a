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
