/**
 * The unit of the money amounts in the tables: thousands of the municipality's own currency
 * ("тыс. руб." in Kaluga, "тыс. сом" in Kant). Never hard-code "руб." in a page: use
 *   const unit = useMoneyUnit();  t("title", { unit })   // "Финансирование, {unit}"
 */
import { useEffect, useState } from "react";
import { api } from "./api.ts";
import { useLang, type Lang } from "./i18n.tsx";
import { useSession } from "./session.tsx";

const NAMES: Record<string, readonly [ru: string, en: string]> = {
  RUB: ["руб.", "RUB"],
  KGS: ["сом", "KGS"],
  KZT: ["тенге", "KZT"],
  BYN: ["бел. руб.", "BYN"],
  UZS: ["сум", "UZS"],
  USD: ["долл. США", "USD"],
  EUR: ["евро", "EUR"],
};

/** "тыс. руб." / "thousand RUB" for a currency code (an unknown code is shown as is). */
export function moneyUnit(currency: string, lang: Lang): string {
  const n = NAMES[currency.toUpperCase()];
  return lang === "ru" ? `тыс. ${n?.[0] ?? currency}` : `thousand ${n?.[1] ?? currency}`;
}

/** Currency code per municipality id, loaded once per page load. */
const cache = new Map<string, Promise<string>>();

function currencyOf(municipalityId: string): Promise<string> {
  let p = cache.get(municipalityId);
  if (!p) {
    p = api.get<{ id: string; currency: string }>("/api/municipality").then((m) => m.currency);
    p.catch(() => cache.delete(municipalityId));
    cache.set(municipalityId, p);
  }
  return p;
}

/** The money unit of the current municipality; "тыс." / "thousands" until its currency is known. */
export function useMoneyUnit(): string {
  const { lang } = useLang();
  const { me } = useSession();
  const id = me?.municipalityId ?? null;
  const [currency, setCurrency] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setCurrency(null);
    if (id) void currencyOf(id).then((c) => live && setCurrency(c), () => {});
    return () => {
      live = false;
    };
  }, [id]);
  if (!currency) return lang === "ru" ? "тыс." : "thousands";
  return moneyUnit(currency, lang);
}
