/**
 * One-click unsubscribe from a follow (the link of a notice's mail): the page asks to confirm and
 * posts the signed token back; no sign-in is needed.
 */
import { Layout, page, type PortalLink, type ResidentView } from "../index.tsx";

export function renderUnsubscribe(v: {
  portal: PortalLink;
  token: string;
  state: "valid" | "used" | "invalid" | "done";
  resident: ResidentView | null;
}): string {
  const base = `/p/${v.portal.slug}`;
  const title =
    v.state === "valid"
      ? "Отписаться от уведомлений?"
      : v.state === "done"
        ? "Вы отписались"
        : v.state === "used"
          ? "Подписка уже отменена"
          : "Ссылка недействительна";
  return page(
    <Layout portal={v.portal} title={title} resident={v.resident}>
      <h1>{title}</h1>
      {v.state === "valid" ? (
        <form method="post" action={`${base}/unsubscribe`}>
          <p>Уведомления об этом документе, предложении или голосовании перестанут приходить на портал и по почте.</p>
          <input type="hidden" name="token" value={v.token} />
          <button type="submit">Отписаться</button>
        </form>
      ) : v.state === "done" ? (
        <p>Уведомления об этом документе, предложении или голосовании больше не приходят.</p>
      ) : v.state === "used" ? (
        <p>Уведомления по этой ссылке уже не приходят.</p>
      ) : (
        <p className="error" role="alert">
          Ссылка повреждена или изменена. Откройте ее из письма целиком.
        </p>
      )}
      <p>
        <a href={base}>На главную портала</a>
      </p>
    </Layout>,
  );
}
