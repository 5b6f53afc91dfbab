import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Value } from 'typebox/value';
import type { Http } from '@hireloop/platform';
import { LeverFile, ListEnvelope, Resume, SingleEnvelope, Upload } from '@hireloop/lever/wire';
import {
  countRows,
  createAtsTestApp,
  createTestTenant,
  type AtsTestApp,
  type TestTenant,
} from '../../../test-support.ts';
import type { Row } from '../../../db.ts';
import { installApiAuth } from '../../auth.ts';
import { registerOpportunityRecordRoutes } from '../opportunity-records.routes.ts';
import { MAX_FILE_BYTES, claimUpload, storeFile } from '../../../domain/files/file.service.ts';
import { insertOpportunity, limitedMemberAuth } from './records.test-factory.ts';

const SMALL_LIMIT = 2048;
const sha = (b: Buffer | Uint8Array): string => createHash('sha256').update(b).digest('hex');
const pdf = (size = 600): Buffer => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size)]);

/** A multipart body with the given parts (files when `filename` is set). */
function multipart(parts: { name: string; filename?: string; type?: string; data: Buffer | string }[]) {
  const boundary = `----hl${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`;
    chunks.push(
      Buffer.from(head, 'utf8'),
      Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('/v1 opportunity files, resumes and uploads', () => {
  let t: AtsTestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let opp: Row<'ats.opportunity'>;

  const upload = (
    auth: string | undefined,
    url: string,
    file: { filename?: string; type?: string; data: Buffer | string; name?: string },
  ) => {
    const { payload, contentType } = multipart([
      { name: file.name ?? 'file', filename: file.filename, type: file.type, data: file.data },
    ]);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { ...(auth ? { authorization: auth } : {}), 'content-type': contentType },
      payload,
    });
  };
  const get = (auth: string, url: string) => t.app.inject({ url, headers: { authorization: auth } });
  const fileCounts = async (): Promise<[number, number]> => [
    await countRows(t.db, 'ats.file'),
    await countRows(t.db, 'ats.file_blob'),
  ];

  before(async () => {
    t = await createAtsTestApp({
      // The same routes with a small upload limit, so 413 is tested without 30 MB bodies.
      routes: (app: Http, ctx) =>
        void app.register(
          async (v1) => {
            installApiAuth(v1 as unknown as Http, {
              db: ctx.db,
              rateLimiter: ctx.rateLimiter,
              bearerResolvers: ctx.bearerResolvers,
            });
            await registerOpportunityRecordRoutes(v1 as unknown as Http, ctx, { maxFileBytes: SMALL_LIMIT });
          },
          { prefix: '/small/v1' },
        ),
    });
    try {
      tenant = await createTestTenant(t.db);
      other = await createTestTenant(t.db);
      opp = await insertOpportunity(t.db, tenant.account.id);
    } catch (e) {
      await t.close();
      throw e;
    }
  });
  after(() => t.close());

  it('rejects without auth, with another tenant’s key, and without the (download) permission', async () => {
    const url = `/v1/opportunities/${opp.id}/files`;
    assert.equal((await upload(undefined, url, { filename: 'a.pdf', data: pdf() })).statusCode, 401);
    assert.equal((await upload(other.auth, url, { filename: 'a.pdf', data: pdf() })).statusCode, 404);
    const noCreate = await upload(await tenant.key(['files:list', 'files:read']), url, {
      filename: 'a.pdf',
      data: pdf(),
    });
    assert.equal(noCreate.statusCode, 403);
    assert.equal(noCreate.json().permission, 'files:create');
    assert.equal(
      (
        await upload(await tenant.key(['files:create']), '/v1/uploads', { filename: 'a.pdf', data: pdf() })
      ).json().permission,
      'uploads:create',
    );

    const file = (await upload(tenant.auth, url, { filename: 'a.pdf', data: pdf() })).json().data;
    const resume = await storeFile(t.db, {
      accountId: tenant.account.id,
      opportunityId: opp.id,
      kind: 'resume',
      name: 'cv.pdf',
      bytes: pdf(),
    });
    const readOnly = await tenant.key(['files:read', 'files:list', 'resumes:read', 'resumes:list']);
    assert.equal((await get(readOnly, `${url}/${file.id}`)).statusCode, 200);
    const noDownload = await get(readOnly, `${url}/${file.id}/download`);
    assert.equal(noDownload.statusCode, 403);
    assert.equal(noDownload.json().permission, 'files:download');
    const noResumeDownload = await get(readOnly, `/v1/opportunities/${opp.id}/resumes/${resume.id}/download`);
    assert.equal(noResumeDownload.json().permission, 'resumes:download');
    assert.equal(
      (await get(await tenant.key(['files:download']), `${url}/${file.id}/download`)).statusCode,
      200,
    );
    assert.equal((await get(other.auth, `${url}/${file.id}/download`)).statusCode, 404);
    assert.equal((await get(other.auth, `/v1/opportunities/${opp.id}/resumes/${resume.id}`)).statusCode, 404);
  });

  it('refuses bad uploads (415, 400, 413) and stores nothing', async () => {
    const before = await fileCounts();
    const url = `/v1/opportunities/${opp.id}/files`;
    const json = await t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: tenant.auth },
      payload: { file: 'x' },
    });
    assert.equal(json.statusCode, 415);
    assert.equal(json.json().code, 'UnsupportedMediaTypeError');
    const exe = await upload(tenant.auth, url, {
      filename: 'setup.exe',
      type: 'application/pdf',
      data: Buffer.from('MZ\x90\x00rest'),
    });
    assert.equal(exe.statusCode, 415);
    assert.match(exe.json().message, /\.exe/);
    const html = await upload(tenant.auth, url, {
      filename: 'cv.html',
      type: 'text/html',
      data: '<script>alert(1)</script>',
    });
    assert.equal(html.statusCode, 415);
    assert.equal(
      (await upload(tenant.auth, url, { filename: 'fake.pdf', data: 'not a pdf' })).statusCode,
      415,
    );
    const wrongPart = await upload(tenant.auth, url, { name: 'resume', filename: 'a.pdf', data: pdf() });
    assert.equal(wrongPart.statusCode, 400);
    assert.equal(wrongPart.json().fields[0].field, 'file');
    const fieldOnly = await upload(tenant.auth, url, { data: 'just text' });
    assert.equal(fieldOnly.statusCode, 400);
    assert.equal(
      (await upload(tenant.auth, url, { filename: 'empty.txt', data: Buffer.alloc(0) })).statusCode,
      400,
    );
    const garbage = await t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: tenant.auth, 'content-type': 'multipart/form-data; boundary=zz' },
      payload: 'garbage',
    });
    assert.equal(garbage.statusCode, 400, garbage.body);
    const badPerformAs = await upload(tenant.auth, `${url}?perform_as=${other.superAdmin.id}`, {
      filename: 'a.pdf',
      data: pdf(),
    });
    assert.equal(badPerformAs.statusCode, 400);
    const big = await upload(tenant.auth, `/small${url}`, { filename: 'big.pdf', data: pdf(SMALL_LIMIT) });
    assert.equal(big.statusCode, 413);
    assert.equal(big.json().code, 'PayloadTooLargeError');
    assert.equal(big.json().maxBytes, SMALL_LIMIT);
    assert.equal(
      (await upload(tenant.auth, '/small/v1/uploads', { filename: 'big.pdf', data: pdf(SMALL_LIMIT) }))
        .statusCode,
      413,
    );
    assert.equal(
      (await upload(tenant.auth, `/small${url}`, { filename: 'ok.pdf', data: pdf(SMALL_LIMIT - 100) }))
        .statusCode,
      201,
    );
    const [files, blobs] = await fileCounts();
    assert.deepEqual([files - 1, blobs - 1], before);
  });

  it('refuses a file just over the default 30 MB limit with 413', async () => {
    const before = await fileCounts();
    const res = await upload(tenant.auth, `/v1/opportunities/${opp.id}/files`, {
      filename: 'huge.pdf',
      data: pdf(MAX_FILE_BYTES),
    });
    assert.equal(res.statusCode, 413);
    assert.deepEqual(await fileCounts(), before);
  });

  it('uploads, lists, gets, downloads byte-for-byte and deletes a file', async () => {
    const o = await insertOpportunity(t.db, tenant.account.id);
    const bytes = pdf(4000);
    const name = "Lebenslauf Müller 'final' (2).pdf";
    const res = await upload(
      tenant.auth,
      `/v1/opportunities/${o.id}/files?perform_as=${tenant.superAdmin.id}`,
      { filename: name, type: 'application/octet-stream', data: bytes },
    );
    assert.equal(res.statusCode, 201, res.body);
    assert.ok(Value.Check(SingleEnvelope(LeverFile), res.json()));
    const file = res.json().data;
    const downloadUrl = `http://localhost:3000/v1/opportunities/${o.id}/files/${file.id}/download`;
    assert.deepEqual(res.json(), {
      data: {
        id: file.id,
        name,
        ext: 'pdf',
        downloadUrl: file.downloadUrl,
        uploadedAt: file.uploadedAt,
        status: 'processed',
        size: bytes.length,
      },
    });
    assert.equal(new URL(file.downloadUrl).pathname, new URL(downloadUrl).pathname);
    assert.ok(Math.abs(file.uploadedAt - Date.now()) < 60_000);

    const list = await get(tenant.auth, `/v1/opportunities/${o.id}/files`);
    assert.ok(Value.Check(ListEnvelope(LeverFile), list.json()));
    assert.deepEqual(list.json(), { data: [file], hasNext: false });
    assert.deepEqual((await get(tenant.auth, `/v1/opportunities/${o.id}/files/${file.id}`)).json(), {
      data: file,
    });

    const dl = await get(tenant.auth, new URL(file.downloadUrl).pathname);
    assert.equal(dl.statusCode, 200);
    assert.equal(sha(dl.rawPayload), sha(bytes));
    assert.equal(dl.headers['content-type'], 'application/pdf');
    assert.equal(dl.headers['x-content-type-options'], 'nosniff');
    assert.equal(
      dl.headers['content-disposition'],
      `attachment; filename="Lebenslauf M_ller 'final' (2).pdf"; filename*=UTF-8''Lebenslauf%20M%C3%BCller%20%27final%27%20%282%29.pdf`,
    );
    const row = await t.db
      .selectFrom('ats.file')
      .selectAll()
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.sha256, sha(bytes));
    assert.equal(row.user_id, tenant.superAdmin.id);

    const del = await t.app.inject({
      method: 'DELETE',
      url: `/v1/opportunities/${o.id}/files/${file.id}`,
      headers: { authorization: tenant.auth },
    });
    assert.equal(del.statusCode, 204);
    assert.equal(del.body, '');
    assert.equal((await get(tenant.auth, `/v1/opportunities/${o.id}/files/${file.id}`)).statusCode, 404);
    assert.equal(
      (await get(tenant.auth, `/v1/opportunities/${o.id}/files/${file.id}/download`)).statusCode,
      404,
    );
    assert.deepEqual((await get(tenant.auth, `/v1/opportunities/${o.id}/files`)).json(), {
      data: [],
      hasNext: false,
    });
  });

  it('serves resumes with file info and empty parsedData, separate from files', async () => {
    const o = await insertOpportunity(t.db, tenant.account.id);
    const text = Buffer.from('Casey Candidate\nEngineer at Example\n', 'utf8');
    const stored = await storeFile(t.db, {
      accountId: tenant.account.id,
      opportunityId: o.id,
      kind: 'resume',
      name: 'resume.txt',
      bytes: text,
    });
    const res = await get(tenant.auth, `/v1/opportunities/${o.id}/resumes`);
    assert.ok(Value.Check(ListEnvelope(Resume), res.json()));
    assert.deepEqual(res.json(), {
      data: [
        {
          id: stored.id,
          createdAt: stored.created_at.getTime(),
          file: {
            name: 'resume.txt',
            ext: 'txt',
            downloadUrl:
              `http://localhost:3000/v1/opportunities/${o.id}/resumes/${stored.id}/download`.replace(
                'http://localhost:3000',
                t.ctx.publicUrl,
              ),
            uploadedAt: stored.created_at.getTime(),
            status: 'processed',
            size: text.length,
          },
          parsedData: { positions: [], schools: [] },
        },
      ],
      hasNext: false,
    });
    assert.deepEqual((await get(tenant.auth, `/v1/opportunities/${o.id}/resumes/${stored.id}`)).json(), {
      data: res.json().data[0],
    });
    const dl = await get(tenant.auth, `/v1/opportunities/${o.id}/resumes/${stored.id}/download`);
    assert.equal(sha(dl.rawPayload), sha(text));
    assert.equal(dl.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal((await get(tenant.auth, `/v1/opportunities/${o.id}/files/${stored.id}`)).statusCode, 404);
    assert.deepEqual((await get(tenant.auth, `/v1/opportunities/${o.id}/files`)).json().data, []);
  });

  it('pages files with keyset tokens', async () => {
    const o = await insertOpportunity(t.db, tenant.account.id);
    const at = new Date(1_700_000_000_000);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (
          await storeFile(t.db, {
            accountId: tenant.account.id,
            opportunityId: o.id,
            kind: 'file',
            name: `f${i}.txt`,
            bytes: Buffer.from(`f${i}`),
            now: at,
          })
        ).id,
      );
    const first = (await get(tenant.auth, `/v1/opportunities/${o.id}/files?limit=2`)).json();
    assert.equal(first.hasNext, true);
    const second = (
      await get(
        tenant.auth,
        `/v1/opportunities/${o.id}/files?limit=2&offset=${encodeURIComponent(encodeURIComponent(first.next))}`,
      )
    ).json();
    assert.deepEqual(second.hasNext, false);
    assert.deepEqual(
      [...first.data, ...second.data].map((f: { id: string }) => f.id),
      [...ids].sort().reverse(),
    );
    assert.equal((await get(tenant.auth, `/v1/opportunities/${o.id}/files?offset=garbage`)).statusCode, 400);
  });

  it('applies the visibility rule: confidential opportunities and limited team members', async () => {
    const confidential = await insertOpportunity(t.db, tenant.account.id, { confidential: true });
    assert.equal(
      (
        await upload(tenant.auth, `/v1/opportunities/${confidential.id}/files`, {
          filename: 'a.pdf',
          data: pdf(),
        })
      ).statusCode,
      404,
    );
    const res = await upload(tenant.confidentialAuth, `/v1/opportunities/${confidential.id}/files`, {
      filename: 'a.pdf',
      data: pdf(),
    });
    assert.equal(res.statusCode, 201);
    assert.equal(
      (await get(tenant.auth, `/v1/opportunities/${confidential.id}/files/${res.json().data.id}/download`))
        .statusCode,
      404,
    );
    const limited = limitedMemberAuth(t.ctx, tenant.account.id, tenant.limitedMember.id);
    assert.equal((await get(limited, `/v1/opportunities/${opp.id}/files`)).statusCode, 404);
    assert.equal(
      (await upload(limited, `/v1/opportunities/${opp.id}/files`, { filename: 'a.pdf', data: pdf() }))
        .statusCode,
      404,
    );
    const theirs = await insertOpportunity(t.db, tenant.account.id, {
      postingOwnerId: tenant.limitedMember.id,
    });
    assert.equal(
      (await upload(limited, `/v1/opportunities/${theirs.id}/files`, { filename: 'a.pdf', data: pdf() }))
        .statusCode,
      201,
    );
  });

  it('POST /uploads returns a uri valid for 24 h that an application can claim once', async () => {
    const bytes = pdf(1000);
    const res = await upload(tenant.auth, '/v1/uploads', { filename: 'cover.pdf', data: bytes });
    assert.equal(res.statusCode, 201, res.body);
    assert.ok(Value.Check(SingleEnvelope(Upload), res.json()));
    const { uri, filename, expiresAt } = res.json().data;
    assert.deepEqual(Object.keys(res.json().data).sort(), ['expiresAt', 'filename', 'uri']);
    assert.equal(filename, 'cover.pdf');
    assert.ok(Math.abs(expiresAt - (Date.now() + 24 * 3600 * 1000)) < 60_000);
    assert.equal(
      await claimUpload(t.db, { accountId: other.account.id, uri, opportunityId: opp.id, kind: 'resume' }),
      undefined,
    );
    const o = await insertOpportunity(t.db, tenant.account.id);
    const claimed = await claimUpload(t.db, {
      accountId: tenant.account.id,
      uri,
      opportunityId: o.id,
      kind: 'resume',
    });
    assert.equal(claimed?.opportunity_id, o.id);
    assert.equal(
      await claimUpload(t.db, { accountId: tenant.account.id, uri, opportunityId: o.id, kind: 'resume' }),
      undefined,
    );
    const dl = await get(tenant.auth, `/v1/opportunities/${o.id}/resumes/${claimed?.id}/download`);
    assert.equal(sha(dl.rawPayload), sha(bytes));
    const late = (await upload(tenant.auth, '/v1/uploads', { filename: 'late.pdf', data: pdf() })).json()
      .data;
    const tomorrow = new Date(Date.now() + 25 * 3600 * 1000);
    assert.equal(
      await claimUpload(t.db, {
        accountId: tenant.account.id,
        uri: late.uri,
        opportunityId: o.id,
        kind: 'file',
        now: tomorrow,
      }),
      undefined,
    );
  });
});
