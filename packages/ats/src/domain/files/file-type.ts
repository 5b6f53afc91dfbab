// Which files the ATS stores, decided from the bytes (magic numbers) and the file name's extension — never
// from the client's declared Content-Type, which any client can set to anything. The list is the
// documents and images recruiters exchange (reference §2.8 "doc, docx, pdf, txt, jpg, png, …" [L]).
// Active content is refused on purpose: HTML, SVG and XML could run script if a browser ever rendered a
// download inline, and executables/archives have no place on a candidate profile.

export interface FileType {
  /** Canonical extension, as the wire's `ext`. */
  readonly ext: string;
  readonly contentType: string;
}

const T = {
  pdf: { ext: 'pdf', contentType: 'application/pdf' },
  doc: { ext: 'doc', contentType: 'application/msword' },
  docx: {
    ext: 'docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  odt: { ext: 'odt', contentType: 'application/vnd.oasis.opendocument.text' },
  rtf: { ext: 'rtf', contentType: 'application/rtf' },
  txt: { ext: 'txt', contentType: 'text/plain; charset=utf-8' },
  png: { ext: 'png', contentType: 'image/png' },
  jpg: { ext: 'jpg', contentType: 'image/jpeg' },
  gif: { ext: 'gif', contentType: 'image/gif' },
} as const satisfies Record<string, FileType>;

/** The extensions accepted, for messages and docs. */
export const ALLOWED_EXTENSIONS: readonly string[] = Object.freeze(Object.keys(T));

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0): boolean =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Lower-case extension of a file name without the dot ('' when there is none). */
export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Plain text: valid UTF-8 with no NUL or other binary control bytes (tab, CR, LF, FF allowed). */
function isPlainText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  for (const b of sample) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return false;
  try {
    // A cut in the middle of a multi-byte character at the sample's end is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(
      sample.length < bytes.length ? sample.subarray(0, -4) : sample,
    );
    return true;
  } catch {
    return false;
  }
}

/**
 * The stored type of a file, or undefined when it is not one we accept. Formats with a signature are
 * recognised by it whatever the name says; containers (ZIP) need the name to say docx or odt; plain text
 * needs the name to say txt (or no extension) and bytes that really are text.
 */
export function detectFileType(name: string, bytes: Uint8Array): FileType | undefined {
  if (startsWith(bytes, ascii('%PDF-'))) return T.pdf;
  if (startsWith(bytes, [0x89, ...ascii('PNG\r\n'), 0x1a, 0x0a])) return T.png;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return T.jpg;
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return T.gif;
  if (startsWith(bytes, ascii('{\\rtf'))) return T.rtf;
  const ext = extensionOf(name);
  if (startsWith(bytes, OLE)) return ext === 'doc' || ext === '' ? T.doc : undefined;
  if (startsWith(bytes, ZIP)) {
    // An OpenDocument file starts with an uncompressed `mimetype` entry naming its type.
    if (ext === 'odt')
      return startsWith(bytes, ascii('mimetypeapplication/vnd.oasis.opendocument.text'), 30)
        ? T.odt
        : undefined;
    return ext === 'docx' ? T.docx : undefined;
  }
  if ((ext === 'txt' || ext === '') && bytes.length > 0 && isPlainText(bytes)) return T.txt;
  return undefined;
}

/** How to name a refused file in a 415 message: its extension, else its declared type. */
export function describeType(name: string, declared: string | undefined): string {
  const ext = extensionOf(name);
  if (ext) return `.${ext}`;
  return declared?.split(';')[0]?.trim() || 'unknown type';
}
