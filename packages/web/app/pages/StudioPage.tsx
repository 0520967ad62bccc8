import { useEffect, useState } from 'preact/hooks';
import { statusText } from '../components/DropCard.js';
import { get, messageOf } from '../lib/api.js';
import { money } from '../lib/format.js';
import { useTitle } from '../lib/hooks.js';
import type { Drop, Page, Product, User } from '../lib/types.js';

/** A creator's workplace: their products (to edit), their drops (to watch), and what to do next. */
export function StudioPage({ me }: { me: User }) {
  useTitle('Studio');
  const [products, setProducts] = useState<Product[]>();
  const [drops, setDrops] = useState<Drop[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    const fail = (e: unknown) => setError(messageOf(e));
    get<Page<Product>>(`/v1/products?creatorId=${me.id}&limit=100`).then((p) => setProducts(p.data), fail);
    get<Page<Drop>>(`/v1/drops?creatorId=${me.id}&limit=100`).then((p) => setDrops(p.data), fail);
  }, [me.id]);
  return (
    <section>
      <h1>Studio</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <a class="button primary" href="/studio/drops/new">
          Schedule a drop
        </a>
        <a class="button secondary" href="/studio/products/new">
          New product
        </a>
      </div>
      <h2>Your drops</h2>
      {drops === undefined ? (
        <p class="loading">Loading…</p>
      ) : drops.length === 0 ? (
        <p class="empty">No drops yet.</p>
      ) : (
        <ul class="rows">
          {drops.map((d) => (
            <li key={d.id} class={`row status-${d.status}`}>
              <a href={`/studio/drops/${d.id}`}>{d.product.title}</a>
              <span class="drop-status">{statusText(d)}</span>
              <a href={`/drops/${d.id}`} class="muted">
                Fan view
              </a>
            </li>
          ))}
        </ul>
      )}
      <h2>Your products</h2>
      {products === undefined ? (
        <p class="loading">Loading…</p>
      ) : products.length === 0 ? (
        <p class="empty">No products yet: make one, then schedule its drop.</p>
      ) : (
        <ul class="rows">
          {products.map((p) => (
            <li key={p.id} class="row">
              <a href={`/studio/products/${p.id}`}>{p.title}</a>
              <span>{money(p.priceCents, p.currency)}</span>
              {p.image ? <span class="muted">with picture</span> : <span class="muted">no picture</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
