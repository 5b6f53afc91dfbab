// Response bodies made as JSON text (the opportunity wire, opportunity.wire.ts) go out as they are; everything
// else is JSON.stringify'd. Routes that answer with expandable opportunities use this serializer: a
// schema-compiled one would mangle the objects `?expand=` puts in place of ids (the response schemas still
// document the shapes in OpenAPI).
export class JsonText {
  /** JSON text, or — for large bodies (pages), see utf8Body — its UTF-8 bytes. */
  readonly body: string | Buffer;
  constructor(body: string | Buffer) {
    this.body = body;
  }
}

// Fastify sends a Buffer from a serializer as it is (its types only name string).
export const jsonSerializer = () => (data: unknown) =>
  (data instanceof JsonText ? data.body : JSON.stringify(data)) as string;

/** `{...fields, "data": <text>}` — a single-object envelope around JSON text. */
export function withData(data: string, fields: Record<string, unknown> = {}): JsonText {
  const head = JSON.stringify(fields);
  return new JsonText(`${head.length > 2 ? head.slice(0, -1) + ',' : '{'}"data":${data}}`);
}

/** Characters per joined chunk: below V8's large-object size (128 KiB), so a chunk is a cheap young string. */
const CHUNK_CHARS = 32 * 1024;

/**
 * Text pieces as one UTF-8 Buffer, for bodies of a hundred kilobytes and more (a page of 100 opportunities is
 * ~150 KB). Node sends a Buffer as it is, while a string body is prefixed with the headers, flattened and
 * encoded on every write: a 150 KB string reply measured half the throughput of the same bytes as a Buffer.
 * The pieces are joined in chunks below V8's large-object size and each chunk is encoded once: for a real page
 * that took ~145 µs, against ~205 µs to join all pieces into one 150 KB string (a large-object allocation)
 * and ~240 µs to encode piece by piece.
 */
export function utf8Body(pieces: readonly string[]): Buffer {
  const chunks: string[] = [];
  let from = 0;
  let chars = 0;
  for (let i = 0; i < pieces.length; i++) {
    chars += pieces[i]!.length;
    if (chars >= CHUNK_CHARS) {
      chunks.push(pieces.slice(from, i + 1).join(''));
      from = i + 1;
      chars = 0;
    }
  }
  if (from < pieces.length) chunks.push(pieces.slice(from).join(''));
  let bytes = 0;
  for (const chunk of chunks) bytes += Buffer.byteLength(chunk);
  const body = Buffer.allocUnsafe(bytes);
  let at = 0;
  for (const chunk of chunks) at += body.write(chunk, at, 'utf8');
  return body;
}
