// Small shared pieces of the resource modules.
import type { Query } from './query.ts';

/** Options of write calls: `perform_as` attributes the action to a Lever user (reference §1.6). */
export interface WriteOptions {
  performAs?: string;
  signal?: AbortSignal;
}

export interface CallOptions {
  signal?: AbortSignal;
}

/** A file to upload; `data` as bytes or a Blob. */
export interface FileInput {
  data: Blob | Uint8Array;
  filename: string;
  contentType?: string;
}

export const toBlob = (file: FileInput): Blob =>
  file.data instanceof Blob
    ? file.data
    : new Blob([new Uint8Array(file.data)], { type: file.contentType ?? 'application/octet-stream' });

export const performAsQuery = (options: WriteOptions | undefined): Query => ({
  perform_as: options?.performAs,
});

/** A list query object as the transport's Query (list query types are interfaces of optional fields). */
export const asQuery = (query: object | undefined): Query => ({ ...(query as Query) });

export interface Data<T> {
  data: T;
}
