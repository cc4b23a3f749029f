/**
 * The user's own account: the password (other sessions end when it changes) and the second factor
 * (TOTP): enrol with the key or otpauth:// URI in an authenticator app, confirm a code, keep the
 * recovery codes shown once; turn it off with the password unless the deployment requires it.
 */
import { useState, type FormEvent } from "react";
import { api, ApiError } from "../../lib/api.ts";
import { save } from "../../lib/query.ts";
import { messages, useT } from "../../lib/i18n.tsx";
import { useSession } from "../../lib/session.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { Loading } from "../../components/Loading.tsx";

const M = messages({
  title: ["Учетная запись", "Account"],
  password: ["Смена пароля", "Change password"],
  current: ["Текущий пароль", "Current password"],
  next: ["Новый пароль", "New password"],
  hint: ["не короче 8 символов; остальные ваши сеансы будут завершены", "at least 8 characters; your other sessions will end"],
  change: ["Сменить пароль", "Change password"],
  changed: ["Пароль изменен, другие сеансы завершены", "Password changed, other sessions ended"],
  totp: ["Второй фактор (одноразовые коды)", "Second factor (one-time codes)"],
  on: ["Подключен. Осталось кодов восстановления: {n}.", "On. Recovery codes left: {n}."],
  off: ["Не подключен: вход только по паролю.", "Off: the password alone signs in."],
  required: ["Для вашей роли второй фактор обязателен.", "Your role requires a second factor."],
  enable: ["Подключить", "Turn on"],
  scan: [
    "Добавьте ключ в приложение-аутентификатор (Яндекс Ключ, Google Authenticator, FreeOTP и др.) — вручную или по адресу otpauth://, затем введите код из приложения.",
    "Add the key to an authenticator app — by hand or by the otpauth:// URI — then enter the app's code.",
  ],
  secret: ["Ключ", "Key"],
  uri: ["Адрес для приложения", "URI for the app"],
  code: ["Код из приложения", "Code from the app"],
  confirm: ["Подтвердить", "Confirm"],
  disable: ["Отключить второй фактор", "Turn the second factor off"],
  disablePassword: ["Пароль для отключения", "Password to turn it off"],
  loading: ["Загрузка…", "Loading…"],
  codesTitle: ["Коды восстановления", "Recovery codes"],
  codesHint: [
    "Сохраните их сейчас: они показываются один раз. Каждый код годится для одного входа, если телефона нет под рукой.",
    "Keep them now: they are shown once. Each code signs in once when your phone is not at hand.",
  ],
});

export function RecoveryCodes({ codes }: { codes: string[] }) {
  const t = useT(M);
  return (
    <div data-testid="recovery-codes">
      <h3>{t("codesTitle")}</h3>
      <p>{t("codesHint")}</p>
      <ul className="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

function errorText(e: unknown): string {
  if (e instanceof ApiError && e.issues.length) return e.issues.map((i) => i.message).join("; ");
  return (e as Error).message;
}

export function AccountPage() {
  const t = useT(M);
  const { me } = useSession();
  const status = useLoad(() => api.GET("/api/auth/totp"), []);
  const [pwd, setPwd] = useState({ currentPassword: "", newPassword: "" });
  const [pwdNote, setPwdNote] = useState<string | null>(null);
  const [pwdError, setPwdError] = useState<string | null>(null);
  const [enrol, setEnrol] = useState<{ secret: string; uri: string } | null>(null);
  const [code, setCode] = useState("");
  const [codes, setCodes] = useState<string[] | null>(null);
  const [offPassword, setOffPassword] = useState("");
  const [totpError, setTotpError] = useState<string | null>(null);
  if (!me) return null;

  const changePassword = async (e: FormEvent) => {
    e.preventDefault();
    setPwdNote(null);
    setPwdError(null);
    try {
      await api.POST("/api/auth/password", { body: pwd });
      setPwd({ currentPassword: "", newPassword: "" });
      setPwdNote(t("changed"));
    } catch (err) {
      setPwdError(errorText(err));
    }
  };
  const run = async (fn: () => Promise<void>) => {
    setTotpError(null);
    try {
      await fn();
    } catch (err) {
      setTotpError(errorText(err));
    }
  };
  return (
    <section>
      <h1>
        {t("title")}: {me.user.login}
      </h1>
      <form className="record-form card" onSubmit={(e) => void changePassword(e)} data-testid="own-password">
        <h3>{t("password")}</h3>
        <div className="field">
          <label htmlFor="own-current">{t("current")}</label>
          <input
            id="own-current"
            type="password"
            autoComplete="current-password"
            value={pwd.currentPassword}
            onChange={(e) => setPwd({ ...pwd, currentPassword: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="own-new">
            {t("next")} <span className="muted">({t("hint")})</span>
          </label>
          <input
            id="own-new"
            type="password"
            autoComplete="new-password"
            value={pwd.newPassword}
            onChange={(e) => setPwd({ ...pwd, newPassword: e.target.value })}
          />
        </div>
        {pwdError ? (
          <p className="error" role="alert">
            {pwdError}
          </p>
        ) : null}
        {pwdNote ? <p role="status">{pwdNote}</p> : null}
        <button type="submit">{t("change")}</button>
      </form>

      <div className="record-form card" data-testid="totp">
        <h3>{t("totp")}</h3>
        {!status.data ? (
          <Loading />
        ) : (
          <>
            <p>{status.data.enabled ? t("on", { n: String(status.data.recoveryCodesLeft) }) : t("off")}</p>
            {status.data.required ? <p className="muted">{t("required")}</p> : null}
            {codes ? <RecoveryCodes codes={codes} /> : null}
            {!status.data.enabled && !enrol ? (
              <button type="button" onClick={() => void run(async () => setEnrol(await api.POST("/api/auth/totp/setup", { body: {} })))}>
                {t("enable")}
              </button>
            ) : null}
            {!status.data.enabled && enrol ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void run(async () => {
                    // a mutation: the status shown is fetched again after it
                    const r = await save(() => api.POST("/api/auth/totp/confirm", { body: { code: code.trim() } }));
                    setCodes(r.recoveryCodes);
                    setEnrol(null);
                    setCode("");
                  });
                }}
              >
                <p>{t("scan")}</p>
                <p>
                  {t("secret")}: <code data-testid="totp-secret">{enrol.secret}</code>
                </p>
                <p className="muted">
                  {t("uri")}: <code>{enrol.uri}</code>
                </p>
                <div className="field">
                  <label htmlFor="totp-code">{t("code")}</label>
                  <input
                    id="totp-code"
                    autoComplete="one-time-code"
                    inputMode="numeric"
                    value={code}
                    onChange={(e) => setCode(e.target.value)}
                  />
                </div>
                <button type="submit">{t("confirm")}</button>
              </form>
            ) : null}
            {status.data.enabled && !status.data.required ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void run(async () => {
                    await save(() => api.POST("/api/auth/totp/disable", { body: { password: offPassword } }));
                    setOffPassword("");
                    setCodes(null);
                  });
                }}
              >
                <div className="field">
                  <label htmlFor="totp-off">{t("disablePassword")}</label>
                  <input
                    id="totp-off"
                    type="password"
                    autoComplete="current-password"
                    value={offPassword}
                    onChange={(e) => setOffPassword(e.target.value)}
                  />
                </div>
                <button type="submit" className="danger">
                  {t("disable")}
                </button>
              </form>
            ) : null}
          </>
        )}
        {totpError ? (
          <p className="error" role="alert">
            {totpError}
          </p>
        ) : null}
      </div>
    </section>
  );
}
