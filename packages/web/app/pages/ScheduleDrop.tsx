import { useEffect, useState } from 'preact/hooks';
import { Actions, Field, FormError, formValues } from '../components/Form.js';
import { ApiError, get, send } from '../lib/api.js';
import { serverNow } from '../lib/format.js';
import { useTitle } from '../lib/hooks.js';
import { navigate } from '../lib/router.js';
import type { Drop, Page, Product, User } from '../lib/types.js';

/** `<input type="datetime-local">` speaks the reader's local time without a zone. */
const localInput = (ms: number): string => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 19);
};
const invalid = (path: string, message: string) =>
  new ApiError({ status: 400, code: 'validation_failed', title: 'Invalid', detail: '', errors: [{ path, message }] });

/** Scheduling a drop of one of the creator's products; then its dashboard. */
export function ScheduleDrop({ me }: { me: User }) {
  useTitle('Schedule a drop');
  const [products, setProducts] = useState<Product[]>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    get<Page<Product>>(`/v1/products?creatorId=${me.id}&limit=100`).then((p) => setProducts(p.data), setError);
  }, [me.id]);
  const submit = async (e: Event) => {
    e.preventDefault();
    const v = formValues(e);
    const startsAt = Date.parse(v['startsAt'] ?? '');
    const minutes = Number(v['minutes']);
    if (Number.isNaN(startsAt)) return setError(invalid('startsAt', 'must be a date and time'));
    if (!(minutes > 0)) return setError(invalid('minutes', 'must be a number of minutes'));
    setBusy(true);
    setError(undefined);
    try {
      const drop = await send<Drop>('POST', '/v1/drops', {
        productId: v['productId'],
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(startsAt + minutes * 60_000).toISOString(),
        stock: Number(v['stock']),
        ...(v['perUserLimit'] ? { perUserLimit: Number(v['perUserLimit']) } : {}),
      });
      navigate(`/studio/drops/${drop.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  if (products?.length === 0) {
    return (
      <section class="narrow">
        <h1>Schedule a drop</h1>
        <p class="empty">
          A drop sells a product: <a href="/studio/products/new">make one first</a>.
        </p>
      </section>
    );
  }
  return (
    <section class="narrow">
      <h1>Schedule a drop</h1>
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="f-productId">Product</label>
          <select id="f-productId" name="productId" required>
            {products?.map((p) => (
              <option value={p.id}>{p.title}</option>
            ))}
          </select>
        </div>
        <Field
          label="Opens at (your local time)"
          name="startsAt"
          type="datetime-local"
          step="1"
          error={error}
          required
          value={localInput(serverNow() + 120_000)}
        />
        <Field label="Open for (minutes)" name="minutes" type="number" min="1" error={error} required value="60" />
        <Field label="Units" name="stock" type="number" min="1" error={error} required value="100" />
        <Field label="At most per person (optional)" name="perUserLimit" type="number" min="1" error={error} />
        <FormError error={error} />
        <Actions>
          <button type="submit" class="primary" disabled={busy || !products}>
            Schedule
          </button>
          <a href="/studio">Back to the studio</a>
        </Actions>
      </form>
    </section>
  );
}
