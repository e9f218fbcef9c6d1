/** The text of some bytes and the encoding that produced it. */
export interface DecodedText {
  text: string;
  encoding: string;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** True when the bytes hold a NUL byte (binary data, UTF-16, a PDF or an archive). */
export function hasNulByte(bytes: Uint8Array): boolean {
  return bytes.includes(0);
}

/** True when the bytes are valid UTF-8, ignoring a multi-byte sequence cut at the end of a head sample. */
export function isValidUtf8(bytes: Uint8Array, truncated = false): boolean {
  let view = bytes;
  if (truncated) {
    // A head sample may end in the middle of a character; drop up to three trailing continuation bytes.
    let cut = view.length;
    for (let back = 1; back <= 3 && cut - back >= 0; back += 1) {
      const byte = view[cut - back] ?? 0;
      if ((byte & 0xc0) === 0x80) continue;
      if (byte >= 0xc0) cut -= back;
      break;
    }
    view = view.subarray(0, cut);
  }
  try {
    strictUtf8.decode(view);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes text that should be UTF-8. Bytes that are not valid UTF-8 are read as windows-1252 (a superset
 * of latin-1 used by older wires and Windows tools) instead of being rejected: a press release with
 * "é" in latin-1 is still a press release, and windows-1252 maps every byte, so nothing is lost.
 */
export function decodeUtf8OrWindows1252(bytes: Uint8Array): DecodedText {
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** Decodes bytes with a declared charset label when Node knows it, else as UTF-8 with the 1252 fallback. */
export function decodeWithCharset(bytes: Uint8Array, charset: string | undefined): DecodedText {
  const label = charset?.trim().toLowerCase();
  if (label && label !== 'utf-8' && label !== 'utf8') {
    try {
      return { text: new TextDecoder(label).decode(bytes), encoding: label };
    } catch {
      // Unknown label: fall through to the UTF-8 reading.
    }
  }
  return decodeUtf8OrWindows1252(bytes);
}
