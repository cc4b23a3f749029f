/** The interface language: Russian, English and every locale with a catalog (lib/i18n.tsx LOCALES). */
import { LOCALES, messages, useLang, useT } from "../lib/i18n.tsx";

const M = messages({
  language: ["Язык", "Language"],
});

export function LanguageSwitch() {
  const t = useT(M);
  const { locale, setLang } = useLang();
  return (
    <select className="lang" aria-label={t("language")} value={locale} onChange={(e) => setLang(e.target.value)}>
      {LOCALES.map((l) => (
        <option key={l.id} value={l.id} lang={l.id}>
          {l.short} · {l.name}
        </option>
      ))}
    </select>
  );
}
