import { useEffect, useState } from 'preact/hooks';
import { DropCard } from '../components/DropCard.js';
import { get } from '../lib/api.js';
import { serverNow } from '../lib/format.js';
import { usePoll, useTitle } from '../lib/hooks.js';
import { onNotification } from '../lib/live.js';
import { takeData } from '../lib/page-data.js';
import type { Drop, Page } from '../lib/types.js';

function DropList({
  title,
  drops,
  empty,
  eagerFirst,
}: {
  title: string;
  drops: Drop[] | undefined;
  empty: string;
  eagerFirst: boolean;
}) {
  const id = `h-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section class="drops" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {drops === undefined ? (
        <p class="loading">Loading…</p>
      ) : drops.length ? (
        <ul class="drop-grid">
          {drops.map((d, i) => (
            <DropCard key={d.id} drop={d} eager={eagerFirst && i === 0} />
          ))}
        </ul>
      ) : (
        <p class="empty">{empty}</p>
      )}
    </section>
  );
}

/** Live and upcoming drops: from the server's page at first, then kept fresh. */
export function HomePage() {
  useTitle('Live Drops');
  const [lists, setLists] = useState(() => {
    const first = takeData('home');
    return first && { live: first.live, upcoming: first.upcoming };
  });
  const refresh = async () => {
    const [live, upcoming] = await Promise.all([
      get<Page<Drop>>('/v1/drops?status=live&limit=12'),
      get<Page<Drop>>('/v1/drops?status=upcoming&limit=12'),
    ]);
    setLists({ live: live.data, upcoming: upcoming.data });
  };
  useEffect(() => {
    if (!lists) void refresh();
    return onNotification((n) => void (n.type.startsWith('drop.') && refresh()));
  }, []);
  // The next drop to open moves from "Coming up" to "Live now" when it does.
  const next = lists?.upcoming[0];
  useEffect(() => {
    if (!next) return;
    const t = setTimeout(() => void refresh(), Math.max(0, Date.parse(next.startsAt) - serverNow()) + 250);
    return () => clearTimeout(t);
  }, [next?.id, next?.startsAt]);
  usePoll(refresh, 5_000);
  return (
    <>
      <h1 class="visually-hidden">Drops</h1>
      <DropList title="Live now" drops={lists?.live} empty="Nothing is live right now." eagerFirst />
      <DropList
        title="Coming up"
        drops={lists?.upcoming}
        empty="Nothing is scheduled yet."
        eagerFirst={lists?.live.length === 0}
      />
    </>
  );
}
