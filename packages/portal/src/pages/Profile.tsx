/**
 * The resident's profile (issue 14, part 2): the fields the municipality needs to accept a
 * proposal (name, e-mail, optionally address and year of birth), what the identity provider
 * vouched for (not editable), the consents given with their time, and the deletion of the
 * account with what the law lets the city keep.
 */
import { Layout, fmtDate, page, type PortalLink, type ResidentView } from "../index.tsx";

export interface ProfileView {
  email: string;
  fullName: string | null;
  address: string | null;
  birthYear: number | null;
  emailConfirmed: boolean;
  consents: { textSha256: string; givenAt: string; withdrawnAt: string | null }[];
  verified?: { identity: boolean; birthYear: boolean; address: boolean } | undefined;
}

export function renderProfile(v: {
  portal: PortalLink;
  resident: ResidentView;
  profile: ProfileView;
  saved: boolean;
  error: string | null;
}): string {
  const base = `/p/${v.portal.slug}`;
  const p = v.profile;
  const verified = p.verified ?? { identity: false, birthYear: false, address: false };
  return page(
    <Layout portal={v.portal} title="Профиль" resident={v.resident}>
      <h1>Профиль</h1>
      {v.saved ? (
        <p className="card" role="status">
          Профиль сохранен.
        </p>
      ) : null}
      {v.error ? (
        <p className="error" role="alert">
          {v.error}
        </p>
      ) : null}
      <form method="post" action={`${base}/profile`} className="card">
        <input type="hidden" name="csrf" value={v.resident.csrf} />
        <p>
          Электронная почта: <strong>{p.email || "не указана"}</strong>
          {p.emailConfirmed ? " (подтверждена кодом)" : ""}
          {verified.identity ? " · личность подтверждена поставщиком идентификации" : ""}
        </p>
        <label>
          Фамилия, имя, отчество (обязательно для предложений)
          <input type="text" name="fullName" required maxLength={200} defaultValue={p.fullName ?? ""} autoComplete="name" />
        </label>
        <label>
          Адрес (необязательно){verified.address ? " — подтвержден, не меняется" : ""}
          <input
            type="text"
            name="address"
            maxLength={500}
            defaultValue={p.address ?? ""}
            readOnly={verified.address}
            autoComplete="street-address"
          />
        </label>
        <label>
          Год рождения (необязательно; для голосований с возрастным цензом){verified.birthYear ? " — подтвержден, не меняется" : ""}
          <input
            type="number"
            name="birthYear"
            min={1900}
            max={2100}
            defaultValue={p.birthYear ?? ""}
            readOnly={verified.birthYear}
            inputMode="numeric"
          />
        </label>
        <button type="submit">Сохранить</button>
      </form>
      <h2>Согласия на обработку персональных данных</h2>
      {p.consents.length ? (
        <ul>
          {p.consents.map((c) => (
            <li key={`${c.textSha256}-${c.givenAt}`}>
              дано {fmtDate(c.givenAt)}
              {c.withdrawnAt ? `, отозвано ${fmtDate(c.withdrawnAt)}` : ""} · текст согласия: SHA-256 {c.textSha256.slice(0, 16)}…
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Согласий нет.</p>
      )}
      <h2>Удаление учетной записи</h2>
      <form method="post" action={`${base}/profile/delete`} className="card">
        <input type="hidden" name="csrf" value={v.resident.csrf} />
        <p>
          Имя, адрес, электронная почта и год рождения будут удалены, сеансы завершены. Город хранит то, что велит закон: ваши
          опубликованные предложения и ответы на них остаются в протоколах без ваших данных, поданные бюллетени — в подсчете голосов без
          связи с вами.
        </p>
        <label>
          <input type="checkbox" name="confirm" value="yes" required /> Я понимаю, что учетную запись нельзя будет восстановить
        </label>
        <button type="submit">Удалить учетную запись</button>
      </form>
    </Layout>,
  );
}
