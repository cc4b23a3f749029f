import { useSession } from "../lib/session.tsx";
import { match, useLocation } from "../lib/router.tsx";
import { messages, useT } from "../lib/i18n.tsx";
import { ROUTES } from "../routes.tsx";
import { Layout } from "./Layout.tsx";
import { LoginPage } from "./LoginPage.tsx";

const M = messages({
  loading: ["Загрузка…", "Loading…"],
  notFound: ["Страница не найдена", "Page not found"],
});

export function App() {
  const t = useT(M);
  const { me, loading } = useSession();
  const { path } = useLocation();
  if (loading) return <p className="muted pad">{t("loading")}</p>;
  if (!me) return <LoginPage />;
  for (const r of ROUTES) {
    const params = match(r.path, path);
    if (params) {
      const Page = r.page;
      return (
        <Layout>
          <Page key={path} params={params} />
        </Layout>
      );
    }
  }
  return (
    <Layout>
      <h1>{t("notFound")}</h1>
    </Layout>
  );
}
