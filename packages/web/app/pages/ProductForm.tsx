import { useEffect, useState } from 'preact/hooks';
import { Actions, Field, FormError, formValues } from '../components/Form.js';
import { ApiError, call, get, messageOf, send } from '../lib/api.js';
import { useTitle } from '../lib/hooks.js';
import { navigate } from '../lib/router.js';
import type { Product } from '../lib/types.js';

/** `12.50` → 1250; undefined for anything that is not an amount. */
const cents = (text: string): number | undefined =>
  /^\d+(\.\d{1,2})?$/.test(text.trim()) ? Math.round(Number(text) * 100) : undefined;

/** Told here, in the form's own terms (the API would name `priceCents`). */
const badPrice = new ApiError({
  status: 400,
  code: 'validation_failed',
  title: 'Invalid',
  detail: '',
  errors: [{ path: 'price', message: 'must be an amount such as 49.99' }],
});

/** A new product (`id` "new") or an existing one to edit, with its picture. */
export function ProductForm({ id }: { id: string }) {
  const creating = id === 'new';
  useTitle(creating ? 'New product' : 'Edit product');
  const [product, setProduct] = useState<Product>();
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<string>();
  useEffect(() => {
    if (!creating) get<Product>(`/v1/products/${encodeURIComponent(id)}`).then(setProduct, setError);
  }, [id]);
  const submit = async (e: Event) => {
    e.preventDefault();
    const v = formValues(e);
    setError(undefined);
    setSaved(undefined);
    const priceCents = cents(v['price'] ?? '');
    if (priceCents === undefined || priceCents < 1) return setError(badPrice);
    const body = { title: v['title'], description: v['description'] || null, priceCents };
    try {
      if (creating) {
        const p = await send<Product>('POST', '/v1/products', {
          ...body,
          currency: (v['currency'] || 'USD').toUpperCase(),
        });
        navigate(`/studio/products/${p.id}`, { replace: true });
      } else {
        setProduct(await send<Product>('PATCH', `/v1/products/${id}`, body));
        setSaved('Saved.');
      }
    } catch (err) {
      setError(err);
    }
  };
  const upload = async (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    setSaved(undefined);
    try {
      setProduct((await call<Product>('PUT', `/v1/products/${id}/image`, { raw: file })).data);
      setSaved('Picture saved.');
    } catch (err) {
      setError(err);
    }
  };
  if (!creating && !product) return error ? <p class="error">{messageOf(error)}</p> : <p class="loading">Loading…</p>;
  return (
    <section class="narrow">
      <h1>{creating ? 'New product' : product!.title}</h1>
      <form onSubmit={submit} noValidate key={product?.id ?? 'new'}>
        <Field label="Title" name="title" error={error} required value={product?.title} />
        <Field
          label="Description (optional)"
          name="description"
          error={error}
          value={product?.description ?? undefined}
        />
        <Field
          label="Price"
          name="price"
          error={error}
          required
          value={product && (product.priceCents / 100).toFixed(2)}
          hint="e.g. 49.99"
        />
        {creating && (
          <Field label="Currency" name="currency" error={error} value="EUR" hint="ISO 4217, e.g. EUR, USD" />
        )}
        <FormError error={error} />
        <Actions>
          <button type="submit" class="primary">
            {creating ? 'Create product' : 'Save'}
          </button>
          <a href="/studio">Back to the studio</a>
        </Actions>
      </form>
      {!creating && (
        <div class="field">
          <label for="f-image">Picture (JPEG, PNG or WebP, up to 5 MiB)</label>
          <input id="f-image" type="file" accept="image/jpeg,image/png,image/webp" onChange={upload} />
          {product?.image && (
            <img
              class="preview"
              src={product.image.variants['320'] ?? product.image.url}
              alt={`Picture of ${product.title}`}
            />
          )}
        </div>
      )}
      {saved && (
        <p role="status" class="ok">
          {saved}
        </p>
      )}
    </section>
  );
}
