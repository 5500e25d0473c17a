// A spec file's bytes -> its text. YAML 1.2 and JSON (RFC 8259) are Unicode text, and OpenAPI
// documents are UTF-8 in practice; decoding with replacement would turn a bad byte into U+FFFD
// silently and change names and strings, so an invalid sequence is a located error.
import { SpecError } from '../diagnostics/diagnostic.js';
import { defaultHint } from '../diagnostics/codes.js';

export function decodeUtf8(file: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes); // a leading BOM is dropped, as YAML allows
  } catch {
    const offset = firstInvalidByte(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset)).replace(/^\uFEFF/, '');
    const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
    const line = (before.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
    throw new SpecError(
      [
        {
          code: 'load/invalid-utf8',
          severity: 'error',
          message: `The file is not valid UTF-8: the byte 0x${bytes[offset]!.toString(16).toUpperCase().padStart(2, '0')} at offset ${offset} does not begin a well-formed UTF-8 character (RFC 3629 §4).`,
          hint: defaultHint('load/invalid-utf8'),
          at: {
            file,
            line,
            column: before.length - lineStart + 1,
            pointer: '',
          },
        },
      ],
      // the code frame shows the text as a lenient decoder reads it (U+FFFD where the bad byte is)
      new Map([[file, new TextDecoder('utf-8').decode(bytes)]]),
    );
  }
}

/** The offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629 §4). */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const [length, low, high] =
      lead < 0x80
        ? [1, 0, 0]
        : lead >= 0xc2 && lead <= 0xdf
          ? [2, 0x80, 0xbf]
          : lead === 0xe0
            ? [3, 0xa0, 0xbf]
            : lead === 0xed
              ? [3, 0x80, 0x9f]
              : lead >= 0xe1 && lead <= 0xef
                ? [3, 0x80, 0xbf]
                : lead === 0xf0
                  ? [4, 0x90, 0xbf]
                  : lead >= 0xf1 && lead <= 0xf3
                    ? [4, 0x80, 0xbf]
                    : lead === 0xf4
                      ? [4, 0x80, 0x8f]
                      : [0, 0, 0];
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const byte = bytes[i + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (byte === undefined || byte < min || byte > max) return i;
    }
    i += length;
  }
  return bytes.length;
}
