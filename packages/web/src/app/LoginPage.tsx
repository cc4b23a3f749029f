import { useState, type FormEvent } from "react";
import { api, ApiError } from "../lib/api.ts";
import { messages, useT } from "../lib/i18n.tsx";
import { LanguageSwitch } from "../components/LanguageSwitch.tsx";
import { useSession, type Me, type SecondFactorNeeded } from "../lib/session.tsx";
import { RecoveryCodes } from "../pages/account/AccountPage.tsx";

const M = messages({
  title: ["Вход в Ориентир", "Sign in to Orientir"],
  subtitle: ["Стратегическое планирование и муниципальные программы", "Strategic planning and municipal programs"],
  login: ["Логин", "Login"],
  password: ["Пароль", "Password"],
  submit: ["Войти", "Sign in"],
  wrong: ["Неверный логин или пароль", "Wrong login or password"],
  code: ["Код из приложения-аутентификатора или код восстановления", "Authenticator code or a recovery code"],
  codeHint: [
    "Вход защищен вторым фактором: введите шестизначный код из приложения.",
    "Sign-in is protected by a second factor: enter the 6-digit code from the app.",
  ],
  wrongCode: ["Неверный код", "Wrong code"],
  enrolHint: [
    "Для администраторов в этом развертывании обязателен второй фактор. Добавьте ключ в приложение-аутентификатор (например, Яндекс Ключ, Google Authenticator, FreeOTP) и введите код из него.",
    "Administrators of this deployment must use a second factor. Add the key to an authenticator app and enter its code.",
  ],
  secret: ["Ключ", "Key"],
  uri: ["Адрес для приложения", "URI for the app"],
  confirm: ["Подтвердить", "Confirm"],
  again: ["Войти заново", "Start over"],
  continue: ["Продолжить", "Continue"],
});

type Step =
  { kind: "password" } | { kind: "code"; pending: SecondFactorNeeded; enrol?: { secret: string; uri: string } } | { kind: "codes"; me: Me };

export function LoginPage() {
  const t = useT(M);
  const { login, secondFactor, accept } = useSession();
  const [form, setForm] = useState({ login: "", password: "" });
  const [code, setCode] = useState("");
  const [step, setStep] = useState<Step>({ kind: "password" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (step.kind === "password") {
        const pending = await login(form.login, form.password);
        if (pending) {
          const enrol =
            pending.secondFactor === "enrol"
              ? await api.POST("/api/auth/totp/setup", { body: { pendingToken: pending.pendingToken } })
              : undefined;
          setStep({ kind: "code", pending, ...(enrol ? { enrol } : {}) });
        }
      } else if (step.kind === "code") {
        const me = await secondFactor(step.pending.pendingToken, code.trim());
        if (me.recoveryCodes) setStep({ kind: "codes", me });
      }
    } catch (err) {
      if (step.kind === "password") setError(err instanceof ApiError && err.status !== 401 ? err.message : t("wrong"));
      else setError(err instanceof ApiError && err.message ? err.message : t("wrongCode"));
    } finally {
      setBusy(false);
    }
  };
  const restart = () => {
    setStep({ kind: "password" });
    setCode("");
    setError(null);
  };
  if (step.kind === "codes") {
    return (
      <div className="login">
        <div className="card">
          <h1>{t("title")}</h1>
          <RecoveryCodes codes={step.me.recoveryCodes ?? []} />
          <button type="button" onClick={() => accept(step.me)}>
            {t("continue")}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="login">
      <form onSubmit={(e) => void submit(e)} className="card">
        <h1>{t("title")}</h1>
        <p className="muted">{t("subtitle")}</p>
        {step.kind === "password" ? (
          <>
            <label>
              {t("login")}
              <input
                name="login"
                autoComplete="username"
                value={form.login}
                onChange={(e) => setForm({ ...form, login: e.target.value })}
                autoFocus
                required
              />
            </label>
            <label>
              {t("password")}
              <input
                name="password"
                type="password"
                autoComplete="current-password"
                value={form.password}
                onChange={(e) => setForm({ ...form, password: e.target.value })}
                required
              />
            </label>
          </>
        ) : (
          <>
            {step.enrol ? (
              <div data-testid="totp-enrol">
                <p>{t("enrolHint")}</p>
                <p>
                  {t("secret")}: <code data-testid="totp-secret">{step.enrol.secret}</code>
                </p>
                <p className="muted">
                  {t("uri")}: <code>{step.enrol.uri}</code>
                </p>
              </div>
            ) : (
              <p className="muted">{t("codeHint")}</p>
            )}
            <label>
              {t("code")}
              <input
                name="code"
                autoComplete="one-time-code"
                inputMode="text"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                autoFocus
                required
              />
            </label>
          </>
        )}
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {step.kind === "password" ? t("submit") : t("confirm")}
        </button>
        {step.kind === "code" ? (
          <button type="button" className="link" onClick={restart}>
            {t("again")}
          </button>
        ) : null}
        <LanguageSwitch />
      </form>
    </div>
  );
}
