import { request } from 'node:http';
import { expect } from 'chai';
import sharp from 'sharp';
import { expectInvalid, expectProblem, type Res } from './support/client.js';
import { createDrop, createProduct, register, type Account } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/harness.js';
import { hasGpsTag, jpegWithGps, makeImage, pngBomb } from './support/images.js';

const MiB = 1024 * 1024;

describe('product images and /media', () => {
  let t: TestServer;
  let creator: Account;
  let other: Account;
  before(async () => {
    t = await startTestServer();
    [creator, other] = await Promise.all([register(t.client, 'painter', true), register(t.client, 'painter2', true)]);
  });
  after(() => t.close());

  const upload = (productId: string, bytes: Uint8Array, type: string, token = creator.token): Promise<Res> =>
    t.client.put(`/v1/products/${productId}/image`, { token, raw: bytes, headers: { 'Content-Type': type } });
  const fetchBytes = async (url: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(new URL(url, t.url), { headers });

  for (const format of ['jpeg', 'png', 'webp'] as const) {
    it(`${format}: 200 product with the re-encoded original and 320/640/1280 WebP variants, never enlarged`, async () => {
      const p = await createProduct(t.client, creator);
      const res = await upload(p.id, await makeImage(format, 1000, 600), `image/${format}`);
      expect(res.status, res.text).to.equal(200);
      expect(res.json.image).to.include({ width: 1000, height: 600 });
      expect(res.json.image.url).to.match(new RegExp(`^/media/[0-9a-f]{64}\\.${format}$`));
      expect(res.json.image.variants).to.have.all.keys('320', '640', '1280');
      const original = await fetchBytes(res.json.image.url);
      expect(original.headers.get('content-type')).to.equal(`image/${format}`);
      expect(await sharp(Buffer.from(await original.arrayBuffer())).metadata()).to.include({
        format,
        width: 1000,
        height: 600,
      });
      for (const [w, expected] of [
        ['320', 320],
        ['640', 640],
        ['1280', 1000],
      ] as const) {
        const v = await fetchBytes(res.json.image.variants[w]);
        expect(v.headers.get('content-type')).to.equal('image/webp');
        expect(await sharp(Buffer.from(await v.arrayBuffer())).metadata()).to.include({
          format: 'webp',
          width: expected,
        });
      }
      expect((await t.client.get(`/v1/products/${p.id}`)).json.image).to.deep.equal(res.json.image);
    });
  }

  it('the bytes decide the type: a PNG sent as image/jpeg is stored as PNG; text sent as image/png is 415', async () => {
    const p = await createProduct(t.client, creator);
    const res = await upload(p.id, await makeImage('png', 40, 30), 'image/jpeg');
    expect(res.status, res.text).to.equal(200);
    expect(res.json.image.url).to.match(/\.png$/);
    expectProblem(await upload(p.id, Buffer.from('GIF89a not really'), 'image/png'), 415, 'unsupported_media_type');
    expectProblem(await upload(p.id, Buffer.from('{"a":1}'), 'application/json'), 415, 'unsupported_media_type');
    expect((await t.client.get(`/v1/products/${p.id}`)).json.image.url).to.equal(res.json.image.url);
  });

  it('a truncated file is 400 naming the body, and changes nothing', async () => {
    const p = await createProduct(t.client, creator);
    for (const format of ['jpeg', 'png', 'webp'] as const) {
      const whole = await makeImage(format, 300, 200);
      expectInvalid(await upload(p.id, whole.subarray(0, Math.floor(whole.length / 2)), `image/${format}`), 'body');
    }
    expect((await t.client.get(`/v1/products/${p.id}`)).json.image).to.equal(null);
  });

  it('6 MiB is 413 from its Content-Length, and from a chunked body before the client has finished sending', async () => {
    const p = await createProduct(t.client, creator);
    const big = Buffer.alloc(6 * MiB, 0xff);
    big.set([0xff, 0xd8, 0xff], 0);
    expectProblem(await upload(p.id, big, 'image/jpeg'), 413, 'payload_too_large');
    // Chunked, never ended: only a server that stops at the limit can answer.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(new URL(`/v1/products/${p.id}/image`, t.url), {
        method: 'PUT',
        headers: {
          Authorization: `Bearer ${creator.token}`,
          'Content-Type': 'image/jpeg',
          'Transfer-Encoding': 'chunked',
        },
      });
      req.on('response', (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (e) =>
        e.message.includes('socket hang up') || /EPIPE|ECONNRESET/.test(e.message) ? undefined : reject(e),
      );
      for (let i = 0; i < 6; i++) req.write(big.subarray(i * MiB, (i + 1) * MiB));
    });
    expect(status).to.equal(413);
    expect((await t.client.get(`/v1/products/${p.id}`)).json.image).to.equal(null);
  });

  it('a 20,000 x 20,000 PNG bomb is refused from its header (413), fast; so is 8,001 px wide', async () => {
    const p = await createProduct(t.client, creator);
    const bomb = await pngBomb(20_000);
    expect(bomb.length).to.be.below(5 * MiB);
    const started = Date.now();
    const problem = expectProblem(await upload(p.id, bomb, 'image/png'), 413, 'payload_too_large');
    expect(problem.detail).to.match(/20000x20000/);
    expect(Date.now() - started).to.be.below(2_000);
    expectProblem(await upload(p.id, await makeImage('png', 8001, 8), 'image/png'), 413, 'payload_too_large');
    expect((await t.client.get(`/v1/products/${p.id}`)).json.image).to.equal(null);
  });

  it('EXIF with a GPS position is gone from what is served', async () => {
    const original = await jpegWithGps();
    expect(hasGpsTag((await sharp(original).metadata()).exif!)).to.equal(true);
    const p = await createProduct(t.client, creator);
    const res = await upload(p.id, original, 'image/jpeg');
    expect(res.status, res.text).to.equal(200);
    for (const url of [res.json.image.url, ...Object.values(res.json.image.variants as Record<string, string>)]) {
      const served = Buffer.from(await (await fetchBytes(url)).arrayBuffer());
      expect((await sharp(served).metadata()).exif, url).to.equal(undefined);
      expect(served.includes('SECRET-ARTIST')).to.equal(false);
    }
  });

  it('GET/HEAD /media: immutable caching headers, strong ETag, 304 on If-None-Match, 404 for unknown keys', async () => {
    const p = await createProduct(t.client, creator);
    const { json } = await upload(p.id, await makeImage('png', 50, 50), 'image/png');
    const got = await fetchBytes(json.image.url);
    const body = Buffer.from(await got.arrayBuffer());
    expect(got.status).to.equal(200);
    expect(got.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
    expect(got.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(got.headers.get('content-length')).to.equal(String(body.length));
    const etag = got.headers.get('etag')!;
    expect(etag).to.match(/^"[0-9a-f]{64}"$/);
    const head = await fetch(new URL(json.image.url, t.url), { method: 'HEAD' });
    expect(head.status).to.equal(200);
    expect(head.headers.get('content-length')).to.equal(String(body.length));
    expect(head.headers.get('etag')).to.equal(etag);
    for (const inm of [etag, `W/${etag}`, `"nope", ${etag}`, '*']) {
      const again = await fetchBytes(json.image.url, { 'If-None-Match': inm });
      expect(again.status, inm).to.equal(304);
      expect(again.headers.get('etag')).to.equal(etag);
    }
    expect((await fetchBytes(json.image.url, { 'If-None-Match': '"other"' })).status).to.equal(200);
    expectProblem(await t.client.get(`/media/${'0'.repeat(64)}.png`), 404, 'not_found');
    expectProblem(
      await t.client.get(`/media/${'0'.repeat(64)}.png`, { headers: { 'If-None-Match': '*' } }),
      404,
      'not_found',
    );
    expectProblem(await t.client.get('/media/..%2F..%2Fetc%2Fpasswd'), 404, 'not_found');
  });

  it("replacing an image never changes what an old URL serves; a drop's product carries imageUrl", async () => {
    const p = await createProduct(t.client, creator);
    const drop = await createDrop(t.client, creator, p.id);
    expect(drop.product.imageUrl).to.equal(null);
    const first = (await upload(p.id, await makeImage('png', 30, 30), 'image/png')).json;
    const firstBytes = Buffer.from(await (await fetchBytes(first.image.url)).arrayBuffer());
    expect((await t.client.get(`/v1/drops/${drop.id}`)).json.product.imageUrl).to.equal(first.image.url);
    expect((await t.client.get(`/v1/drops/${drop.id}`)).json.product.image).to.deep.equal(first.image);
    const second = (await upload(p.id, await makeImage('jpeg', 60, 40), 'image/jpeg')).json;
    expect(second.image.url).not.to.equal(first.image.url);
    expect(Buffer.from(await (await fetchBytes(first.image.url)).arrayBuffer()).equals(firstBytes)).to.equal(true);
    expect((await t.client.get(`/v1/drops/${drop.id}`)).json.product.imageUrl).to.equal(second.image.url);
  });

  it("someone else's product is 404, without a token 401, an unknown product 404", async () => {
    const p = await createProduct(t.client, creator);
    const png = await makeImage('png', 10, 10);
    expectProblem(await upload(p.id, png, 'image/png', other.token), 404, 'not_found');
    expectProblem(
      await t.client.put(`/v1/products/${p.id}/image`, { raw: png, headers: { 'Content-Type': 'image/png' } }),
      401,
      'unauthenticated',
    );
    expectProblem(await upload('no-such-product', png, 'image/png'), 404, 'not_found');
    expect((await t.client.get(`/v1/products/${p.id}`)).json.image).to.equal(null);
  });

  it('MEDIA_BASE_URL points image URLs at a CDN', async () => {
    const cdn = await startTestServer({ env: { MEDIA_BASE_URL: 'https://cdn.example.com/m/' } });
    try {
      const maker = await register(cdn.client, 'cdnmaker', true);
      const p = await createProduct(cdn.client, maker);
      const res = await cdn.client.put(`/v1/products/${p.id}/image`, {
        token: maker.token,
        raw: await makeImage('webp', 20, 20),
        headers: { 'Content-Type': 'image/webp' },
      });
      expect(res.json.image.url).to.match(/^https:\/\/cdn\.example\.com\/m\/[0-9a-f]{64}\.webp$/);
      const key = (res.json.image.url as string).split('/').pop()!;
      expect((await cdn.client.get(`/media/${key}`)).status).to.equal(200);
    } finally {
      await cdn.close();
    }
  });
});
