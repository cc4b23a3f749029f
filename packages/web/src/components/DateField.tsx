/**
 * A date field (issue 13, part 1): Mantine's DateInput with a calendar, in the interface language
 * (Russian "ДД.ММ.ГГГГ", English "DD/MM/YYYY"), typed from the keyboard or picked. Its value is the
 * API's "YYYY-MM-DD" string in both directions: a plan's date is a date, never a timestamp, so
 * no time zone can move it by a day (lib/dateInput.ts parses what is typed).
 *
 * @mantine/dates and dayjs load with the pages that have a date field, not with the app's shell.
 */
import { DateInput, DatesProvider } from "@mantine/dates";
import "dayjs/locale/ru";
import "dayjs/locale/en-gb";
import "dayjs/locale/ky";
import "@mantine/core/styles/Input.css";
import "@mantine/dates/styles.css";
import { dateFieldFormat, dayjsLocale, parseDateInput } from "../lib/dateInput.ts";
import { messages, useLang, useT } from "../lib/i18n.tsx";

const M = messages({
  placeholder: ["ДД.ММ.ГГГГ", "DD/MM/YYYY"],
  clear: ["Очистить дату", "Clear the date"],
});

export interface DateFieldProps {
  /** "YYYY-MM-DD", or "" for no date. */
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  id?: string;
  name?: string;
  required?: boolean;
  disabled?: boolean;
  className?: string;
  "aria-label"?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
  "data-testid"?: string;
}

export function DateField(p: DateFieldProps) {
  const { locale } = useLang();
  const t = useT(M);
  return (
    <DatesProvider settings={{ locale: dayjsLocale(locale), firstDayOfWeek: 1 }}>
      <DateInput
        className={`date-field${p.className ? ` ${p.className}` : ""}`}
        value={p.value || null}
        onChange={(v) => p.onChange(v ?? "")}
        onBlur={p.onBlur}
        valueFormat={dateFieldFormat(locale)}
        dateParser={parseDateInput}
        placeholder={t("placeholder")}
        clearable={!p.required}
        clearButtonProps={{ "aria-label": t("clear") }}
        popoverProps={{ withinPortal: true }}
        id={p.id}
        // the field's name: on the hidden input Mantine adds (with the "YYYY-MM-DD" value), and as data-name on the visible one
        name={p.name}
        data-name={p.name}
        required={p.required}
        disabled={p.disabled}
        autoComplete="off"
        aria-label={p["aria-label"]}
        aria-invalid={p["aria-invalid"]}
        aria-describedby={p["aria-describedby"]}
        data-testid={p["data-testid"]}
        data-date-value={p.value || ""}
      />
    </DatesProvider>
  );
}
