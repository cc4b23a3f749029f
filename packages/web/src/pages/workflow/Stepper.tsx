/**
 * Where a draft is on its way (issue 13): the steps of its workflow in order — done, current,
 * ahead — with who holds it now (by name) and until when.
 */
import { messages, useT } from "../../lib/i18n.tsx";
import { fmtDate, useStateLabel, type WorkflowView } from "./common.tsx";

const M = messages({
  title: ["Где проект", "Where the draft is"],
  holds: ["У кого: {who}", "Held by: {who}"],
  until: ["срок — {date}", "due {date}"],
  reached: ["с {date}", "since {date}"],
  done: ["пройдено", "done"],
  current: ["сейчас", "now"],
  upcoming: ["впереди", "ahead"],
  rework: ["на доработке по замечаниям", "returned for rework"],
  handOver: ["ждет передачи на экспертизу исполнителем", "waits for the executor to pass it on"],
  withdrawn: ["Проект отозван", "The draft was withdrawn"],
});

export function WorkflowStepper({ wf }: { wf: WorkflowView }) {
  const t = useT(M);
  const stateLabel = useStateLabel();
  return (
    <nav className="wf-stepper" aria-label={t("title")} data-testid="workflow-stepper">
      {wf.state === "cancelled" ? <p className="muted">{t("withdrawn")}</p> : null}
      <ol>
        {wf.stepper.map((s) => (
          <li
            key={s.state}
            className={`step ${s.status}${s.rework ? " rework" : ""}`}
            aria-current={s.status === "current" ? "step" : undefined}
          >
            <span className="step-label">{stateLabel(s.state)}</span>
            <span className="sr-only"> ({t(s.status)})</span>
            {s.status !== "upcoming" && s.reachedOn ? (
              <span className="muted step-date">{t("reached", { date: fmtDate(s.reachedOn) })}</span>
            ) : null}
            {s.status === "current" ? (
              <span className="step-holder" data-testid="stepper-current">
                {s.rework ? <em>{t("rework")}. </em> : null}
                {s.awaitingHandOver ? <em>{t("handOver")}. </em> : null}
                {t("holds", { who: s.people.length ? s.people.join(", ") : (s.roleLabel ?? "—") })}
                {s.roleLabel && s.people.length ? <span className="muted"> ({s.roleLabel.toLowerCase()})</span> : null}
                {s.dueDate ? <strong className={wf.overdue ? "overdue" : ""}> · {t("until", { date: fmtDate(s.dueDate) })}</strong> : null}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
    </nav>
  );
}
