/** The app's frame under the router: sign-in until there is a session, then the layout with the page of the route. */
import { Suspense } from "react";
import { Outlet, useLocation as useRouterLocation, useParams } from "react-router";
import { useSession } from "../lib/session.tsx";
import { messages, useT } from "../lib/i18n.tsx";
import type { PageRoute } from "../routes.tsx";
import { Loading } from "../components/Loading.tsx";
import { Layout } from "./Layout.tsx";
import { LoginPage } from "./LoginPage.tsx";

const M = messages({
  notFound: ["Страница не найдена", "Page not found"],
});

export function App() {
  const { me, loading } = useSession();
  if (loading) return <Loading className="pad" />;
  if (!me) return <LoginPage />;
  return (
    <Layout>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </Layout>
  );
}

/** The page of a route with its path params; a new path is a new page (no state carried over). */
export function RoutePage({ route }: { route: PageRoute }) {
  const params = useParams();
  const { pathname } = useRouterLocation();
  const Page = route.page;
  return <Page key={pathname} params={params as Record<string, string>} />;
}

export function NotFound() {
  const t = useT(M);
  return <h1>{t("notFound")}</h1>;
}
