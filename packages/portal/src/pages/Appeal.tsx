/**
 * The portal's appeal pages (issue 15, part 3): the form a resident sends an appeal with (signed in,
 * or without an account: name, postal address or e-mail, text, topic, district, consent), the page
 * with its tracking code, and the page that follows an appeal by its code — its steps and dates only,
 * never anyone's personal data. Forms without script, like the rest of the portal.
 */
import { Layout, fmtDate, page, type PortalLink, type ResidentView } from "../index.tsx";

export interface AppealTopicSection {
  code: string;
  title: string;
  items: readonly { code: string; title: string }[];
}

/** What the form shows back after a refusal (never the consent: it is given again). */
export interface AppealFormValues {
  authorName: string;
  authorAddress: string;
  authorEmail: string;
  text: string;
  topicCode: string;
  district: string;
}

export const EMPTY_APPEAL_FORM: AppealFormValues = {
  authorName: "",
  authorAddress: "",
  authorEmail: "",
  text: "",
  topicCode: "",
  district: "",
};

export interface AppealStepView {
  kind: "registered" | "assigned" | "redirected" | "extended" | "answered" | "stopped";
  on: string;
  due: string | null;
  noticed: boolean;
}

export interface AppealTrackView {
  code: string;
  number: string;
  registeredOn: string;
  state: "registered" | "inWork" | "redirected" | "answered" | "notAnswered" | "stopped";
  due: string;
  extended: boolean;
  answeredOn: string | null;
  redirectedTo: string | null;
  steps: AppealStepView[];
}

const STATE_TEXT: Record<AppealTrackView["state"], string> = {
  registered: "зарегистрировано, ожидает назначения исполнителя",
  inWork: "на рассмотрении у исполнителя",
  redirected: "перенаправлено по компетенции",
  answered: "дан ответ",
  notAnswered: "зарегистрировано без ответа: не указаны фамилия или адрес (59-ФЗ, ст. 11)",
  stopped: "переписка прекращена (повторное обращение)",
};

const STEP_TEXT: Record<AppealStepView["kind"], string> = {
  registered: "Обращение зарегистрировано",
  assigned: "Назначен исполнитель",
  redirected: "Обращение перенаправлено по компетенции",
  extended: "Срок рассмотрения продлен",
  answered: "Ответ утвержден и направлен",
  stopped: "Переписка прекращена",
};

function ErrorText({ error }: { error: string | null }) {
  return error ? (
    <p className="error" role="alert" id="appeal-error">
      {error}
    </p>
  ) : null;
}

/** The follow-by-code form, on the form's page and on its own. */
function TrackForm({ base, code }: { base: string; code: string }) {
  return (
    <form method="get" action={`${base}/appeals/track`}>
      <label>
        Код для отслеживания (вида XXXX-XXXX-XXXX)
        <input
          type="text"
          name="code"
          required
          defaultValue={code}
          autoComplete="off"
          pattern="[2-9A-Za-z]{4}-[2-9A-Za-z]{4}-[2-9A-Za-z]{4}"
          spellCheck={false}
        />
      </label>
      <button type="submit">Узнать, где обращение</button>
    </form>
  );
}

/** The appeal form, with the follow-by-code form below it. */
export function renderAppealForm(v: {
  portal: PortalLink;
  resident: ResidentView | null;
  /** The signed-in resident's profile fills the author's fields left empty. */
  profile: { name: string | null; address: string | null; email: string | null } | null;
  topics: readonly AppealTopicSection[];
  values: AppealFormValues;
  consentText: string;
  error: string | null;
  myAppeals: readonly { number: string; trackingCode: string; registeredOn: string; state: string }[];
}): string {
  const base = `/p/${v.portal.slug}`;
  const f = v.values;
  return page(
    <Layout portal={v.portal} title="Обращение" resident={v.resident}>
      <h1>Обращение в администрацию</h1>
      <p>
        Обращение регистрируется в течение трех дней, ответ дается в течение 30 дней со дня регистрации (Федеральный закон от 02.05.2006 №
        59-ФЗ). После отправки вы получите код, по которому можно следить за обращением.
      </p>
      <ErrorText error={v.error} />
      <form method="post" action={`${base}/appeals`} aria-describedby={v.error ? "appeal-error" : undefined}>
        {v.resident ? <input type="hidden" name="csrf" value={v.resident.csrf} /> : null}
        <fieldset>
          <legend>Автор</legend>
          {v.profile ? (
            <p className="muted">Вы вошли на портал: пустые поля заполнятся из вашего профиля.</p>
          ) : (
            <p className="muted">
              Без фамилии и адреса (почтового или электронной почты) обращение регистрируется, но ответ на него не дается.
            </p>
          )}
          <label>
            Фамилия, имя, отчество
            <input
              type="text"
              name="authorName"
              autoComplete="name"
              maxLength={300}
              defaultValue={f.authorName}
              placeholder={v.profile?.name ?? ""}
            />
          </label>
          <label>
            Почтовый адрес
            <input
              type="text"
              name="authorAddress"
              autoComplete="street-address"
              maxLength={500}
              defaultValue={f.authorAddress}
              placeholder={v.profile?.address ?? ""}
            />
          </label>
          <label>
            Адрес электронной почты (для уведомлений и ответа)
            <input
              type="email"
              name="authorEmail"
              autoComplete="email"
              maxLength={254}
              defaultValue={f.authorEmail}
              placeholder={v.profile?.email ?? ""}
            />
          </label>
        </fieldset>
        <label>
          Тема обращения
          <select name="topicCode" required defaultValue={f.topicCode}>
            <option value="">— выберите тему —</option>
            {v.topics.map((s) => (
              <optgroup key={s.code} label={s.title}>
                {s.items.map((i) => (
                  <option key={i.code} value={i.code}>
                    {i.title}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label>
          Район (округ), к которому относится вопрос
          <input type="text" name="district" maxLength={200} defaultValue={f.district} />
        </label>
        <label>
          Текст обращения
          <textarea name="text" required rows={8} maxLength={20000} defaultValue={f.text} />
        </label>
        <label>
          <input type="checkbox" name="consent" value="yes" /> Согласен(на) на обработку персональных данных
        </label>
        <details>
          <summary>Текст согласия</summary>
          <p>{v.consentText}</p>
        </details>
        <button type="submit">Отправить обращение</button>
      </form>
      {v.myAppeals.length ? (
        <>
          <h2>Мои обращения</h2>
          <ul>
            {v.myAppeals.map((a) => (
              <li key={a.trackingCode}>
                <a href={`${base}/appeals/track?code=${a.trackingCode}`}>
                  № {a.number} от {fmtDate(a.registeredOn)}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>Где мое обращение</h2>
      <TrackForm base={base} code="" />
    </Layout>,
  );
}

/** The appeal is registered: its number, its term, its tracking code. */
export function renderAppealRegistered(v: {
  portal: PortalLink;
  resident: ResidentView | null;
  number: string;
  registeredOn: string;
  due: string;
  trackingCode: string;
  anonymous: boolean;
}): string {
  const base = `/p/${v.portal.slug}`;
  return page(
    <Layout portal={v.portal} title="Обращение зарегистрировано" resident={v.resident}>
      <h1>Обращение зарегистрировано</h1>
      <p>
        Регистрационный номер: <strong data-testid="appeal-number">{v.number}</strong> от {fmtDate(v.registeredOn)}.
      </p>
      <p>
        Код для отслеживания: <strong data-testid="tracking-code">{v.trackingCode}</strong>. Сохраните его: по нему можно узнать, где
        обращение, без входа на портал.
      </p>
      {v.anonymous ? (
        <p className="error" role="alert">
          Не указаны фамилия или адрес для ответа: обращение зарегистрировано, но ответ на него не дается (59-ФЗ, ст. 11).
        </p>
      ) : (
        <p>Срок ответа: {fmtDate(v.due)}.</p>
      )}
      <p>
        <a href={`${base}/appeals/track?code=${v.trackingCode}`}>Следить за обращением</a>
      </p>
    </Layout>,
  );
}

/** Where an appeal stands: its state, term and steps; no personal data. */
export function renderAppealTrack(v: {
  portal: PortalLink;
  resident: ResidentView | null;
  code: string;
  appeal: AppealTrackView | null;
  error: string | null;
}): string {
  const base = `/p/${v.portal.slug}`;
  const a = v.appeal;
  return page(
    <Layout portal={v.portal} title="Где мое обращение" resident={v.resident}>
      <h1>Где мое обращение</h1>
      <TrackForm base={base} code={v.code} />
      <ErrorText error={v.error} />
      {a ? (
        <section aria-labelledby="appeal-title" className="card">
          <h2 id="appeal-title">
            Обращение № {a.number} от {fmtDate(a.registeredOn)}
          </h2>
          <p>
            Состояние: <strong data-testid="appeal-state">{STATE_TEXT[a.state]}</strong>
          </p>
          {a.state === "registered" || a.state === "inWork" ? (
            <p>
              Срок ответа: <strong>{fmtDate(a.due)}</strong>
              {a.extended ? " (продлен)" : ""}
            </p>
          ) : null}
          {a.redirectedTo ? <p>Перенаправлено: {a.redirectedTo}</p> : null}
          {a.answeredOn && a.state === "answered" ? <p>Ответ направлен {fmtDate(a.answeredOn)}.</p> : null}
          <h3>Ход рассмотрения</h3>
          <ol data-testid="appeal-steps">
            {a.steps.map((s, i) => (
              <li key={i}>
                {fmtDate(s.on)} — {STEP_TEXT[s.kind]}
                {s.kind === "extended" && s.due ? ` до ${fmtDate(s.due)}` : ""}
                {s.noticed ? " (автор уведомлен)" : ""}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </Layout>,
  );
}
