// Response bodies made as JSON text (the opportunity wire, opportunity.wire.ts) go out as they are; everything
// else is JSON.stringify'd. Routes that answer with expandable opportunities use this serializer: a
// schema-compiled one would mangle the objects `?expand=` puts in place of ids (the response schemas still
// document the shapes in OpenAPI).
export class JsonText {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

export const jsonSerializer = () => (data: unknown) =>
  data instanceof JsonText ? data.text : JSON.stringify(data);

/** `{...fields, "data": <text>}` — a single-object envelope around JSON text. */
export function withData(data: string, fields: Record<string, unknown> = {}): JsonText {
  const head = JSON.stringify(fields);
  return new JsonText(`${head.length > 2 ? head.slice(0, -1) + ',' : '{'}"data":${data}}`);
}
