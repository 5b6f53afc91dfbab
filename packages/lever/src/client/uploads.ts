// `POST /uploads` (reference §2.8): a file for a posting application; the returned `uri` lives ~24 h.
import type { Upload } from '../wire/index.ts';
import { toBlob, type CallOptions, type Data, type FileInput } from './common.ts';
import type { Transport } from './transport.ts';

export const uploadsApi = (t: Transport) => ({
  upload: async (file: FileInput, options: CallOptions = {}) => {
    const form = new FormData();
    form.append('file', toBlob(file), file.filename);
    return (await t.json<Data<Upload>>({ method: 'POST', path: '/uploads', body: form, ...options })).data;
  },
});
