import { render } from 'preact';
import { App } from './App.js';
import { startFeed, stopFeed } from './lib/live.js';
import { readPageData } from './lib/page-data.js';
import { interceptLinks } from './lib/router.js';
import { loadSession, me$ } from './lib/session.js';
import './styles/base.css';
import './styles/drops.css';
import './styles/forms.css';
import './styles/lists.css';

readPageData();
interceptLinks();
// The live feed runs while someone is signed in (inbox, drop starts, stock news).
me$.subscribe((me) => (me ? void startFeed() : stopFeed()));
void loadSession();
// The server's rendering of this page is replaced by the app's own, which starts from the same data.
const root = document.getElementById('app')!;
root.textContent = '';
render(<App />, root);
