/**
 * Russian by default, English switchable. Each module keeps its own messages next to its code:
 *   const M = messages({ title: ["Программы", "Programs"], count: ["Всего: {n}", "Total: {n}"] });
 *   const t = useT(M);  t("count", { n: 3 })
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from "react";

export type Lang = "ru" | "en";
export type Messages<K extends string> = Record<K, readonly [ru: string, en: string]>;

export function messages<K extends string>(m: Messages<K>): Messages<K> {
  return m;
}

interface LangState {
  lang: Lang;
  setLang: (l: Lang) => void;
}
const LangContext = createContext<LangState>({ lang: "ru", setLang: () => {} });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem("orientir.lang") === "en" ? "en" : "ru"));
  const value = useMemo(
    () => ({
      lang,
      setLang(l: Lang) {
        localStorage.setItem("orientir.lang", l);
        document.documentElement.lang = l;
        setLangState(l);
      },
    }),
    [lang],
  );
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangState {
  return useContext(LangContext);
}

export function translate<K extends string>(m: Messages<K>, lang: Lang, key: K, params?: Record<string, string | number>): string {
  let s = m[key][lang === "ru" ? 0 : 1];
  if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

export function useT<K extends string>(m: Messages<K>): (key: K, params?: Record<string, string | number>) => string {
  const { lang } = useLang();
  return (key, params) => translate(m, lang, key, params);
}
