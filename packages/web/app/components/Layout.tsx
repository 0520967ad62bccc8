import type { ComponentChildren } from 'preact';
import { feedState$, unread$ } from '../lib/live.js';
import { navigate } from '../lib/router.js';
import { OfferNote } from './OfferNote.js';
import { me$, signOut } from '../lib/session.js';
import { useStore } from '../lib/store.js';

/** The frame of every page: skip link, header with the navigation, the page's main content. */
export function Layout({ children }: { children: ComponentChildren }) {
  const me = useStore(me$);
  const unread = useStore(unread$);
  const feed = useStore(feedState$);
  const out = async () => {
    await signOut();
    navigate('/');
  };
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <a class="brand" href="/">
          Live Drops
        </a>
        <nav aria-label="Main">
          <a href="/">Drops</a>
          {me && (
            <>
              <a href="/inbox" aria-label={unread ? `Inbox, ${unread} new` : 'Inbox'}>
                Inbox
                {unread > 0 && (
                  <span class="badge" aria-hidden="true">
                    {unread}
                  </span>
                )}
              </a>
              <a href="/orders">Orders</a>
              <a href="/following">Following</a>
              {me.isCreator && <a href="/studio">Studio</a>}
            </>
          )}
          <a href="/docs">API</a>
          {me === null && <a href="/login">Log in</a>}
          {me && (
            <button type="button" class="link" onClick={out}>
              Log out <span class="who">@{me.handle}</span>
            </button>
          )}
        </nav>
        {me && feed === 'retrying' && (
          <p class="feed-note" role="status">
            Reconnecting to live updates…
          </p>
        )}
        {me && <OfferNote />}
      </header>
      <main id="main">{children}</main>
    </>
  );
}
