import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { checkOutboundUrl, classifyAddress, guardedPost, SsrfBlockedError, type Resolver } from './ssrf.ts';

// Names that resolve inside, as a hostile DNS server would answer (injected resolver, no network).
const INSIDE_NAMES: Record<string, string[]> = {
  'localhost.attacker.test': ['127.0.0.1'],
  'metadata.attacker.test': ['169.254.169.254'],
  'rfc1918.attacker.test': ['10.1.2.3'],
  'mixed.attacker.test': ['93.184.216.34', '192.168.1.1'],
  'v6-loop.attacker.test': ['::1'],
  'mapped.attacker.test': ['::ffff:127.0.0.1'],
  'ula.attacker.test': ['fd12:3456::1'],
  'cgnat.attacker.test': ['100.64.0.1'],
  'zero.attacker.test': ['0.0.0.0'],
  '169.254.169.254.nip.io.test': ['169.254.169.254'],
  localhost: ['127.0.0.1', '::1'],
  'public.test': ['93.184.216.34'],
  'public6.test': ['2606:2800:220:1:248:1893:25c8:1946'],
};
const resolve: Resolver = async (name) => {
  const answers = INSIDE_NAMES[name];
  if (!answers) throw new Error('ENOTFOUND');
  return answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

const CORPUS = [
  // loopback v4, every spelling the URL parser accepts
  'http://127.0.0.1/',
  'http://127.1/',
  'http://127.0.1/',
  'http://127.255.255.254:8080/',
  'http://2130706433/',
  'http://0x7f000001/',
  'http://0x7f.0x0.0x0.0x1/',
  'http://0177.0.0.1/',
  'http://017700000001/',
  'http://localhost/',
  'https://localhost:3000/hook',
  // loopback / special v6
  'http://[::1]/',
  'http://[0:0:0:0:0:0:0:1]/',
  'http://[::]/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:7f00:1]/',
  'http://[::127.0.0.1]/',
  'http://[::ffff:169.254.169.254]/',
  'http://[::ffff:10.0.0.1]/',
  'http://[64:ff9b::a9fe:a9fe]/',
  'http://[2002:7f00:1::]/',
  'http://[fe80::1]/',
  'http://[fc00::1]/',
  'http://[fd00:ec2::254]/',
  'http://[ff02::1]/',
  'http://[fec0::1]/',
  // this network, private, CGNAT, link-local, metadata
  'http://0.0.0.0/',
  'http://0/',
  'http://0.0.0.0:3000/',
  'http://10.0.0.1/',
  'http://10.255.255.255/',
  'http://167772161/',
  'http://172.16.0.1/',
  'http://172.31.255.254/',
  'http://0xac100001/',
  'http://192.168.0.1/',
  'http://192.168.255.255/',
  'http://3232235521/',
  'http://100.64.0.1/',
  'http://100.127.255.254/',
  'http://169.254.169.254/latest/meta-data/',
  'http://169.254.169.254.nip.io.test/',
  'http://2852039166/',
  'http://0xa9fea9fe/',
  'http://0251.0376.0251.0376/',
  'http://169.254.0.1/',
  'http://192.0.0.1/',
  'http://198.18.0.1/',
  'http://224.0.0.1/',
  'http://239.255.255.250/',
  'http://255.255.255.255/',
  'http://240.0.0.1/',
  // DNS names answering inside (one inside answer is enough)
  'http://localhost.attacker.test/',
  'http://metadata.attacker.test/',
  'http://rfc1918.attacker.test/',
  'http://mixed.attacker.test/',
  'http://v6-loop.attacker.test/',
  'http://mapped.attacker.test/',
  'http://ula.attacker.test/',
  'http://cgnat.attacker.test/',
  'http://zero.attacker.test/',
  // not http(s) at all
  'file:///etc/passwd',
  'gopher://127.0.0.1:6379/_INFO',
  'ftp://example.com/',
  'javascript:alert(1)',
  'not a url',
];

void describe('SSRF guard', () => {
  void it(`blocks every target of the corpus (${CORPUS.length}) without the development flag`, async () => {
    assert.ok(CORPUS.length >= 50);
    for (const target of CORPUS) {
      await assert.rejects(
        checkOutboundUrl(target, { allowLoopback: false, resolve }),
        // Blocked for the address, not because a test name failed to resolve.
        (e: unknown) => e instanceof SsrfBlockedError && !e.reason.includes('does not resolve'),
        target,
      );
    }
  });

  void it('blocks the corpus when delivering too: no request leaves', async () => {
    for (const target of CORPUS.slice(0, 20)) {
      await assert.rejects(
        guardedPost(target, { allowLoopback: false, resolve, headers: {}, body: '{}' }),
        SsrfBlockedError,
      );
    }
  });

  void it('with the development flag allows loopback only, never private or metadata', async () => {
    const allow = { allowLoopback: true, resolve };
    for (const ok of [
      'http://127.0.0.1:1/',
      'http://[::1]:1/',
      'http://localhost.attacker.test/',
      'http://2130706433/',
    ]) {
      await checkOutboundUrl(ok, allow);
    }
    for (const bad of [
      'http://169.254.169.254/',
      'http://10.0.0.1/',
      'http://[fd00::1]/',
      'http://0.0.0.0/',
      'http://mixed.attacker.test/',
    ]) {
      await assert.rejects(checkOutboundUrl(bad, allow), SsrfBlockedError, bad);
    }
  });

  void it('lets public addresses through and pins the checked address', async () => {
    const target = await checkOutboundUrl('https://public.test/hook', { allowLoopback: false, resolve });
    assert.deepEqual(target.address, { address: '93.184.216.34', family: 4 });
    assert.equal(
      (await checkOutboundUrl('https://public6.test/', { allowLoopback: false, resolve })).address.family,
      6,
    );
    assert.equal(classifyAddress('8.8.8.8').blocked, false);
    assert.equal(classifyAddress('[2606:4700::1111]').blocked, false);
    assert.equal(classifyAddress('::ffff:8.8.8.8').blocked, false);
    assert.equal(classifyAddress('::ffff:a9fe:a9fe').range, 'link-local / cloud metadata (embedded in IPv6)');
  });

  void describe('on the wire (loopback receivers, development flag on)', () => {
    let inside: http.Server;
    let redirector: http.Server;
    let insideHits = 0;
    const urlOf = (s: http.Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
    before(async () => {
      inside = http.createServer((_req, res) => {
        insideHits++;
        res.end('secret');
      });
      await new Promise<void>((r) => inside.listen(0, '127.0.0.1', r));
      redirector = http.createServer((req, res) => {
        const to =
          req.url === '/meta' ? 'http://169.254.169.254/latest/meta-data/' : `${urlOf(inside)}/admin`;
        res.writeHead(302, { location: to }).end('x'.repeat(5000));
      });
      await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', r));
    });
    after(() => {
      inside.close();
      redirector.close();
    });

    void it('never follows a 302 to inside: the 3xx is the answer and the target sees nothing', async () => {
      for (const path of ['/inside', '/meta']) {
        const res = await guardedPost(`${urlOf(redirector)}${path}`, {
          allowLoopback: true,
          headers: {},
          body: '{}',
        });
        assert.equal(res.status, 302);
        assert.equal(res.excerpt.length, 1024);
      }
      assert.equal(insideHits, 0);
      await assert.rejects(
        checkOutboundUrl('http://169.254.169.254/latest/meta-data/', { allowLoopback: true }),
        SsrfBlockedError,
      );
    });

    void it('connects to the pinned address even if the name would now resolve elsewhere', async () => {
      let calls = 0;
      const rebinding: Resolver = async () => {
        calls++;
        return [{ address: '127.0.0.1', family: 4 }];
      };
      const port = (inside.address() as AddressInfo).port;
      const res = await guardedPost(`http://rebind.test:${port}/`, {
        allowLoopback: true,
        resolve: rebinding,
        headers: {},
        body: '{}',
      });
      assert.equal(res.status, 200);
      assert.equal(calls, 1);
      assert.equal(insideHits, 1);
    });

    void it('times out', async () => {
      const slow = http.createServer(() => undefined);
      await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
      await assert.rejects(
        guardedPost(urlOf(slow), { allowLoopback: true, headers: {}, body: '{}', timeoutMs: 200 }),
        /Timed out after 200 ms/,
      );
      slow.closeAllConnections();
      slow.close();
    });
  });
});
