/**
 * A date and a time (a Q&A session's start, a survey's close): the date through DateField (the
 * interface language's ДД.ММ.ГГГГ), the time as hours and minutes. The value is
 * "YYYY-MM-DDTHH:mm" (as an `<input type="datetime-local">` gives), or "" while the date is empty.
 */
import { DateField } from "./DateField.tsx";
import { messages, useT } from "../lib/i18n.tsx";

const M = messages({ time: ["время", "time"] });

export function DateTimeField(p: { value: string; onChange: (value: string) => void; "aria-label": string; required?: boolean }) {
  const t = useT(M);
  const [date = "", time = ""] = p.value.split("T");
  const join = (d: string, t: string) => (d ? `${d}T${t || "00:00"}` : "");
  return (
    <span className="row">
      <DateField aria-label={p["aria-label"]} required={p.required} value={date} onChange={(d) => p.onChange(join(d, time))} />
      <input
        type="time"
        aria-label={`${p["aria-label"]}: ${t("time")}`}
        value={time.slice(0, 5)}
        required={p.required}
        onChange={(e) => p.onChange(join(date, e.target.value))}
      />
    </span>
  );
}
