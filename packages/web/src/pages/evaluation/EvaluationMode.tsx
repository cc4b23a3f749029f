/** The choice of rules 9 and 10 of an evaluation (by the date, annual, preliminary), shared by the program's evaluation and the ranking. */
import { messages, useT } from "../../lib/i18n.tsx";

const M = messages({
  mode: ["Оценка", "Evaluation"],
  modeAuto: ["по дате расчета", "by the date"],
  modeZero: ["годовая: без факта — 0", "annual: no fact counts 0"],
  modeExclude: ["предварительная: без факта не учитывается", "preliminary: no fact left out"],
});

export function EvaluationMode({ value, onChange }: { value: string; onChange: (missingFact: string) => void }) {
  const t = useT(M);
  return (
    <label className="inline">
      {t("mode")}
      <select name="missingFact" value={value} onChange={(x) => onChange(x.target.value)}>
        <option value="">{t("modeAuto")}</option>
        <option value="zero">{t("modeZero")}</option>
        <option value="exclude">{t("modeExclude")}</option>
      </select>
    </label>
  );
}
