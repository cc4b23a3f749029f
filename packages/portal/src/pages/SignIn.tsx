/**
 * Sign-in for residents: by e-mail (the address, then the code and, at the first sign-in, the
 * consent), and — when the deployment configures an identity provider (OpenID Connect, e.g.
 * ЕСИА/Госуслуги) — by a button that sends the browser to it. Without a provider the button is
 * not shown.
 */
import { Layout, page, type PortalLink } from "../index.tsx";

/** The identity provider's button: its text. */
export interface OidcButton {
  label: string;
}

export function renderSignIn(v: {
  portal: PortalLink;
  step: "email" | "code";
  email: string;
  error: string | null;
  consentText: string;
  oidc?: OidcButton | null;
}): string {
  const base = `/p/${v.portal.slug}`;
  return page(
    <Layout portal={v.portal} title="Вход" resident={null}>
      <h1>Вход для жителей</h1>
      {v.error ? (
        <p className="error" role="alert">
          {v.error}
        </p>
      ) : null}
      {v.step === "email" ? (
        <form method="post" action={`${base}/sign-in/code`}>
          <label>
            Адрес электронной почты
            <input type="email" name="email" required autoComplete="email" defaultValue={v.email} />
          </label>
          <button type="submit">Получить код</button>
        </form>
      ) : (
        <form method="post" action={`${base}/sign-in`}>
          <p>Если адрес верен, на него отправлен код для входа. Код действует 15 минут.</p>
          <input type="hidden" name="email" value={v.email} />
          <label>
            Код из письма
            <input type="text" name="code" inputMode="numeric" pattern="[0-9]{6}" required autoComplete="one-time-code" />
          </label>
          <label>
            <input type="checkbox" name="consent" value="yes" /> Согласен на обработку персональных данных (нужно при первом входе)
          </label>
          <details>
            <summary>Текст согласия</summary>
            <p>{v.consentText}</p>
          </details>
          <button type="submit">Войти</button>
        </form>
      )}
      {v.step === "email" && v.oidc ? (
        <section className="card" aria-labelledby="oidc-title">
          <h2 id="oidc-title">Вход через поставщика идентификации</h2>
          <p className="muted">
            Личность, подтвержденная поставщиком (например, Госуслугами), дает право голосовать там, где это требуется; год рождения и адрес
            берутся из его данных.
          </p>
          <form method="post" action={`${base}/sign-in/oidc`}>
            <label>
              <input type="checkbox" name="consent" value="yes" /> Согласен на обработку персональных данных (нужно при первом входе)
            </label>
            <button type="submit">{v.oidc.label}</button>
          </form>
        </section>
      ) : null}
    </Layout>,
  );
}
