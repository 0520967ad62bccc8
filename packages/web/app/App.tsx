import { useEffect } from 'preact/hooks';
import { Layout } from './components/Layout.js';
import { navigate, match, usePath } from './lib/router.js';
import { me$ } from './lib/session.js';
import { useStore } from './lib/store.js';
import type { User } from './lib/types.js';
import { AuthPage } from './pages/AuthPage.js';
import { CreatorPage } from './pages/CreatorPage.js';
import { DashboardPage } from './pages/DashboardPage.js';
import { DropPage } from './pages/DropPage.js';
import { FollowingPage } from './pages/FollowingPage.js';
import { HomePage } from './pages/HomePage.js';
import { InboxPage } from './pages/InboxPage.js';
import { OrdersPage } from './pages/OrdersPage.js';
import { ProductForm } from './pages/ProductForm.js';
import { ScheduleDrop } from './pages/ScheduleDrop.js';
import { StudioPage } from './pages/StudioPage.js';

type Render = (params: Record<string, string>, me: User) => preact.JSX.Element;
interface Route {
  path: string;
  page: Render;
  /** `user`: signed in; `creator`: a signed-in creator. */
  needs?: 'user' | 'creator';
}

/** Every page of the app; the server answers the same paths with the page shell (web-pages.ts). */
const ROUTES: Route[] = [
  { path: '/', page: () => <HomePage /> },
  { path: '/drops/:id', page: (p) => <DropPage id={p['id']!} key={p['id']} /> },
  { path: '/creators/:id', page: (p) => <CreatorPage id={p['id']!} key={p['id']} /> },
  { path: '/login', page: () => <AuthPage mode="login" key="login" /> },
  { path: '/register', page: () => <AuthPage mode="register" key="register" /> },
  { path: '/orders', page: () => <OrdersPage />, needs: 'user' },
  { path: '/inbox', page: () => <InboxPage />, needs: 'user' },
  { path: '/following', page: () => <FollowingPage />, needs: 'user' },
  { path: '/studio', page: (_, me) => <StudioPage me={me} />, needs: 'creator' },
  { path: '/studio/products/:id', page: (p) => <ProductForm id={p['id']!} key={p['id']} />, needs: 'creator' },
  { path: '/studio/drops/new', page: (_, me) => <ScheduleDrop me={me} />, needs: 'creator' },
  { path: '/studio/drops/:id', page: (p) => <DashboardPage id={p['id']!} key={p['id']} />, needs: 'creator' },
];

function Page({ path }: { path: string }) {
  const me = useStore(me$);
  for (const route of ROUTES) {
    const params = match(route.path, path);
    if (!params) continue;
    if (route.needs && me === undefined) return <p class="loading">Loading…</p>;
    if (route.needs && !me) return <Redirect to={`/login?next=${encodeURIComponent(path)}`} />;
    if (route.needs === 'creator' && !me!.isCreator) return <h1>Only creators have a studio</h1>;
    return route.page(params, me!);
  }
  return <h1>Page not found</h1>;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

export function App() {
  const path = usePath();
  return (
    <Layout>
      <Page path={path} />
    </Layout>
  );
}
