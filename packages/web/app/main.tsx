import { hydrate } from 'preact';
import { App } from './App.js';
import { startFeed, stopFeed } from './lib/live.js';
import { readPageData } from './lib/page-data.js';
import { interceptLinks } from './lib/router.js';
import { loadSession, me$ } from './lib/session.js';
import './styles/base.css';
import './styles/drops.css';
import './styles/forms.css';
import './styles/lists.css';
import './styles/checkout.css';
import './styles/access.css';

readPageData();
interceptLinks();
// The live feed runs while someone is signed in (inbox, drop starts, stock news).
me$.subscribe((me) => (me ? void startFeed() : stopFeed()));
void loadSession();
// The server drew this page with the app's own markup and data (web-pages.ts): the app takes
// over the elements already painted (the largest of them stays the page's LCP) and adds its own.
hydrate(<App />, document.getElementById('app')!);
