// The readable API reference at /v1/docs: the OpenAPI document rendered on the server with the HTML kit
// (escape-by-default, no external assets, no Swagger UI). Operations are grouped by tag; each shows its
// method, path, permission, parameters, request body fields and response fields. A pure function of the
// document, so it is tested without a server.
import { badge, card, html, layout, pageHeader, table, type SafeHtml } from '@hireloop/platform/html';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
}

export interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: JsonSchema }> }>;
  'x-permission'?: string;
  'x-oauth-scope'?: string;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** A short type label: `string`, `"a" | "b"`, `array of object`, `string or null`. */
export function typeLabel(schema: JsonSchema | undefined): string {
  if (!schema) return 'any';
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map(typeLabel).join(' or ');
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return types.map((t) => (t === 'array' ? `array of ${typeLabel(schema.items)}` : t)).join(' or ') || 'any';
}

interface Field {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

function fieldsOf(schema: JsonSchema | undefined, prefix = ''): Field[] {
  const properties = schema?.properties ?? {};
  return Object.entries(properties).map(([name, s]) => ({
    name: `${prefix}${name}`,
    type: typeLabel(s),
    required: schema?.required?.includes(name) ?? false,
    description: s.description ?? '',
  }));
}

/** Response fields of the success body: the record inside Lever's `{data}` envelope, envelope fields after. */
function responseFields(op: Operation): { status: string; fields: Field[] } | undefined {
  const status = Object.keys(op.responses ?? {}).find((s) => s.startsWith('2'));
  const schema = status ? op.responses?.[status]?.content?.['application/json']?.schema : undefined;
  if (!status || !schema) return undefined;
  const data = schema.properties?.data;
  if (!data) return { status, fields: fieldsOf(schema) };
  const record = data.items ?? data;
  const envelope = fieldsOf(schema).filter((f) => f.name !== 'data');
  return { status, fields: [...fieldsOf(record, data.items ? 'data[].' : 'data.'), ...envelope] };
}

const fieldTable = (caption: string, fields: Field[]): SafeHtml =>
  table<Field>({
    caption,
    columns: [
      { header: 'Field', cell: (f) => html`<code>${f.name}</code>`, rowHeader: true },
      { header: 'Type', cell: (f) => f.type },
      { header: 'Required', cell: (f) => (f.required ? 'yes' : '') },
      { header: 'Description', cell: (f) => f.description },
    ],
    rows: fields,
  });

function renderOperation(method: string, path: string, op: Operation): SafeHtml {
  const params = (op.parameters ?? []).map<Field>((p) => ({
    name: p.in === 'query' ? p.name : `${p.name} (${p.in})`,
    type: typeLabel(p.schema),
    required: p.required ?? false,
    description: p.description ?? p.schema?.description ?? '',
  }));
  const body = op.requestBody?.content?.['application/json']?.schema;
  const response = responseFields(op);
  const id = `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-');
  return card({
    level: 3,
    title: html`<span id="${id}"
      >${badge({ label: method.toUpperCase(), tone: 'brand' })} <code>${path}</code></span
    >`,
    body: html`<p><strong>${op.summary ?? ''}</strong></p>
      ${op['x-permission'] ? html`<p>Permission: <code>${op['x-permission']}</code> · OAuth scope: <code>${op['x-oauth-scope'] ?? ''}</code></p>` : ''}
      ${(op.description ?? '')
        .split('\n\n')
        .slice(op['x-permission'] ? 1 : 0)
        .map((p) => html`<p>${p}</p>`)}
      ${params.length ? fieldTable('Parameters', params) : ''}
      ${body ? fieldTable('Request body', fieldsOf(body)) : ''}
      ${response ? fieldTable(`Response ${response.status}`, response.fields) : ''}`,
  });
}

export function renderApiDocs(doc: OpenApiDocument): SafeHtml {
  const groups = new Map<string, SafeHtml[]>();
  const index = new Map<string, { method: string; path: string }[]>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'Other';
      groups.set(tag, [...(groups.get(tag) ?? []), renderOperation(method, path, op)]);
      index.set(tag, [...(index.get(tag) ?? []), { method, path }]);
    }
  }
  const tags = [...groups.keys()].sort();
  const body = html`${pageHeader({ title: doc.info.title, subtitle: `OpenAPI ${doc.openapi} · version ${doc.info.version}` })}
    <p>${doc.info.description ?? ''}</p>
    <p>
      Base URL: <code>${doc.servers?.[0]?.url ?? ''}</code> · Machine-readable:
      <a href="openapi.json">openapi.json</a>
    </p>
    <nav aria-label="Endpoints">
      <ul>
        ${tags.map(
          (tag) =>
            html`<li>
              <strong>${tag}</strong>:
              ${(index.get(tag) ?? []).map(
                (e) =>
                  html`<a href="${`#${`${e.method}-${e.path}`.replace(/[^A-Za-z0-9]+/g, '-')}`}"
                    >${e.method.toUpperCase()} ${e.path}</a
                  > `,
              )}
            </li>`,
        )}
      </ul>
    </nav>
    ${tags.map(
      (tag) =>
        html`<section>
          <h2>${tag}</h2>
          ${groups.get(tag) ?? []}
        </section>`,
    )}`;
  return layout({ title: 'API reference', app: { name: 'Hireloop API', href: '/v1/docs' }, body });
}
