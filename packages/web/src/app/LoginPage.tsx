import { useState, type FormEvent } from "react";
import { ApiError } from "../lib/api.ts";
import { messages, useLang, useT } from "../lib/i18n.tsx";
import { useSession } from "../lib/session.tsx";

const M = messages({
  title: ["Вход в Ориентир", "Sign in to Orientir"],
  subtitle: ["Стратегическое планирование и муниципальные программы", "Strategic planning and municipal programs"],
  login: ["Логин", "Login"],
  password: ["Пароль", "Password"],
  submit: ["Войти", "Sign in"],
  wrong: ["Неверный логин или пароль", "Wrong login or password"],
});

export function LoginPage() {
  const t = useT(M);
  const { lang, setLang } = useLang();
  const { login } = useSession();
  const [form, setForm] = useState({ login: "", password: "" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(form.login, form.password);
    } catch (err) {
      setError(err instanceof ApiError && err.status !== 401 ? err.message : t("wrong"));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="login">
      <form onSubmit={submit} className="card">
        <h1>{t("title")}</h1>
        <p className="muted">{t("subtitle")}</p>
        <label>
          {t("login")}
          <input name="login" autoComplete="username" value={form.login} onChange={(e) => setForm({ ...form, login: e.target.value })} autoFocus required />
        </label>
        <label>
          {t("password")}
          <input name="password" type="password" autoComplete="current-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} required />
        </label>
        {error ? <p className="error" role="alert">{error}</p> : null}
        <button type="submit" disabled={busy}>{t("submit")}</button>
        <button type="button" className="link" onClick={() => setLang(lang === "ru" ? "en" : "ru")}>{lang === "ru" ? "English" : "Русский"}</button>
      </form>
    </div>
  );
}
