/**
 * The unit of the money amounts in the tables: thousands of the municipality's own currency
 * ("тыс. руб." in Kaluga, "тыс. сом" in Kant). Never hard-code "руб." in a page: use
 *   const unit = useMoneyUnit();  t("title", { unit })   // "Финансирование, {unit}"
 */
import { useEffect, useState } from "react";
import { thousandsUnit } from "@orientir/domain";
import { api } from "./api.ts";
import { setFormatTimeZone } from "./format.ts";
import { useLang } from "./i18n.tsx";
import { useSession } from "./session.tsx";

/** Currency code per municipality id, loaded once per page load. */
const cache = new Map<string, Promise<string>>();

function currencyOf(municipalityId: string): Promise<string> {
  let p = cache.get(municipalityId);
  if (!p) {
    p = api.GET("/api/municipality").then((m) => {
      // date-times are shown in the municipality's time zone (lib/format.ts)
      if (m.timezone) setFormatTimeZone(m.timezone);
      return m.currency;
    });
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
  const [known, setKnown] = useState<{ id: string; currency: string } | null>(null);
  const currency = known && known.id === id ? known.currency : null;
  useEffect(() => {
    let live = true;
    if (id)
      void currencyOf(id).then(
        (c) => live && setKnown({ id, currency: c }),
        () => {},
      );
    return () => {
      live = false;
    };
  }, [id]);
  if (!currency) return lang === "ru" ? "тыс." : "thousands";
  return thousandsUnit(currency, lang);
}
