/**
 * /programs/:id — a municipal program with its tabs: passport, indicators, structure, metrics, monthly plan, checkpoints,
 * funding (each with «Скачать форму» of its appendix of 220-п), and the import from Excel.
 */
import { useState } from "react";
import { api } from "../../lib/api.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { Link, navigate, useLocation } from "../../lib/router.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { fieldClass } from "@orientir/domain";
import { STATUS_LABELS, useProgramCan, years } from "./common.tsx";
import { ReadOnlyReasonContext, type ReadOnlyReason } from "../../components/Grid.tsx";
import type { TabProps } from "./tabs.ts";
import { PassportTab } from "./PassportTab.tsx";
import { IndicatorsTab } from "./IndicatorsTab.tsx";
import { StructureTab } from "./StructureTab.tsx";
import { MetricsTab } from "./MetricsTab.tsx";
import { MonthlyTab } from "./MonthlyTab.tsx";
import { CheckpointsTab } from "./CheckpointsTab.tsx";
import { FundingTab } from "./FundingTab.tsx";
import { ProgramOrders } from "../control/ProgramOrders.tsx";
import { ImportTab, mayImport } from "./ImportTab.tsx";
import { DownloadButton, FormDownload } from "../../components/FormDownload.tsx";
import "./programs.css";
import { Loading } from "../../components/Loading.tsx";

const M = messages({
  programs: ["Муниципальные программы", "Municipal programs"],
  loading: ["Загрузка…", "Loading…"],
  passport: ["Паспорт", "Passport"],
  indicators: ["Индикаторы программы", "Program indicators"],
  structure: ["Структура", "Structure"],
  metrics: ["Показатели структурных элементов", "Element metrics"],
  monthly: ["Помесячный план", "Monthly plan"],
  checkpoints: ["Контрольные точки", "Checkpoints"],
  funding: ["Финансирование", "Funding"],
  period: ["{from}–{to} гг.", "{from}–{to}"],
  warnings: ["Предупреждений: {n}", "Warnings: {n}"],
  import: ["Загрузка из Excel", "Import from Excel"],
  versions: ["Редакции и согласование", "Versions and approval"],
  evaluation: ["Оценка эффективности", "Effectiveness evaluation"],
  workbook: ["Скачать для правки (XLSX)", "Download for editing (XLSX)"],
  modeNew: ["Новая программа", "New program"],
  modeDraft: ["Проект программы", "Draft program"],
  modeAmendment: ["Проект изменений", "Amendment"],
  modeReview: ["На экспертизе — содержание заморожено", "Under review — content frozen"],
  modeInForce: ["Действующая редакция — только для чтения", "In force — read-only"],
  factsOpen: [
    "Факты, обоснования и документы вносятся на странице «Мониторинг».",
    "Facts, justifications and documents are entered on the Monitoring page.",
  ],
});

const MODE_KEYS = { new: "modeNew", draft: "modeDraft", amendment: "modeAmendment", review: "modeReview", inForce: "modeInForce" } as const;

const TABS = ["passport", "indicators", "structure", "metrics", "monthly", "checkpoints", "funding", "import"] as const;
type Tab = (typeof TABS)[number];

/** The form of 220-п whose data each tab shows (ids of the forms registry; yearly forms ask for a year). */
const TAB_FORMS: Partial<Record<Tab, { form: string; yearly: boolean }>> = {
  passport: { form: "passport", yearly: false },
  indicators: { form: "indicators", yearly: false },
  structure: { form: "structure", yearly: false },
  funding: { form: "funding", yearly: false },
  metrics: { form: "metrics", yearly: false },
  monthly: { form: "monthly-plan", yearly: true },
  checkpoints: { form: "process-plan", yearly: true },
};

export function ProgramPage({ params }: { params: Record<string, string> }) {
  const t = useT(M);
  const { lang } = useLang();
  const { query } = useLocation();
  const initial = (TABS as readonly string[]).includes(query.get("tab") ?? "") ? (query.get("tab") as Tab) : "passport";
  const [tab, setTabState] = useState<Tab>(initial);
  const setTab = (x: Tab) => {
    setTabState(x);
    const url = new URL(window.location.href);
    url.searchParams.set("tab", x);
    navigate(url.pathname + url.search, { replace: true });
  };
  // the monthly plans (the largest part of a program with history) are read once the monthly tab is opened
  const [withMonths, setWithMonths] = useState(initial === "monthly");
  if (tab === "monthly" && !withMonths) setWithMonths(true);
  const tree = useLoad(
    () => api.GET("/api/programs/{id}/tree", { params: { path: { id: params.id! }, query: { months: withMonths ? "all" : "none" } } }),
    [params.id, withMonths],
  );
  const refs = useLoad(() => Promise.all([api.GET("/api/departments"), api.GET("/api/budget-sources")]), []);
  const content = useLoad(() => api.GET("/api/programs/{id}/content", { params: { path: { id: params.id! } } }), [params.id, tree.data], {
    keepPrevious: true,
  });
  const program = tree.data;
  const can = useProgramCan(program ?? null, content.data ?? null);
  const state = content.data?.program ?? null;
  // a stored cell of content, while the content may not change, says why
  const reason: ReadOnlyReason = (target) =>
    state && !state.editable && fieldClass(target.resource, target.field) !== "execution" ? state.message : null;
  if (tree.error && !program)
    return (
      <p className="error" role="alert">
        {tree.error.message}
      </p>
    );
  if (!program || !refs.data || (!content.data && !content.error)) return <Loading />;
  const props: TabProps = {
    program,
    departments: refs.data[0].items,
    sources: [...refs.data[1].items].sort((a, b) => (a.ord ?? 0) - (b.ord ?? 0) || (a.code ?? "").localeCompare(b.code ?? "")),
    can,
  };
  const warnings = program.warnings?.length ?? 0;
  const importable = mayImport(program, can);
  const tabs = TABS.filter((x) => x !== "import" || importable);
  const tabForm = TAB_FORMS[tab];
  const programYears = years(program);
  // the program's stage of approval (PROGRAM_STATUSES)
  const status = program.status;
  return (
    <section className="program-page">
      <p className="muted">
        <Link to="/programs">{t("programs")}</Link>
      </p>
      <div className="program-head">
        <h1 data-testid="program-title">
          {program.code}. {program.name}
        </h1>
        <span className="muted">{t("period", { from: program.startYear ?? "", to: program.endYear ?? "" })}</span>
        {status ? <span className="status">{STATUS_LABELS[status]?.[lang === "ru" ? 0 : 1] ?? status}</span> : null}
        {warnings ? (
          <button type="button" className="link warning" onClick={() => setTab("checkpoints")}>
            {t("warnings", { n: warnings })}
          </button>
        ) : null}
      </div>
      {state ? (
        <div
          className={`content-mode ${state.editable ? "editable" : "frozen"}`}
          role="status"
          data-testid="content-mode"
          data-mode={state.mode}
        >
          <strong>{t(MODE_KEYS[state.mode])}.</strong> {lang === "ru" ? state.message : state.messageEn}
          {/* where the record of execution is entered, unless the reason already says so */}
          {!state.editable && !/Мониторинг|Monitoring/.test(lang === "ru" ? state.message : state.messageEn) ? (
            <span className="muted"> {t("factsOpen")}</span>
          ) : null}
        </div>
      ) : null}
      <p className="program-links">
        <Link to={`/programs/${program.id}/versions`}>{t("versions")}</Link>
        <Link to={`/programs/${program.id}/evaluation`}>{t("evaluation")}</Link>
        <DownloadButton path={`/api/programs/${program.id}/workbook`} label={t("workbook")} testId="workbook-download" />
      </p>
      <div className="tabs" role="tablist">
        {tabs.map((x) => (
          <button
            key={x}
            type="button"
            role="tab"
            aria-selected={tab === x}
            aria-controls="program-tab"
            onClick={() => setTab(x)}
            data-testid={`tab-${x}`}
          >
            {t(x)}
          </button>
        ))}
      </div>
      <ReadOnlyReasonContext.Provider value={reason}>
        <div id="program-tab" role="tabpanel" aria-label={t(tab)}>
          {tabForm ? (
            <div className="tab-forms">
              <FormDownload
                key={tabForm.form}
                path={`/api/programs/${program.id}/forms/${tabForm.form}`}
                form={tabForm.form}
                years={tabForm.yearly ? programYears : undefined}
                defaultYear={new Date().getFullYear()}
              />
            </div>
          ) : null}
          {tab === "passport" ? <PassportTab {...props} /> : null}
          {tab === "indicators" ? <IndicatorsTab {...props} /> : null}
          {tab === "structure" ? <StructureTab {...props} /> : null}
          {tab === "metrics" ? <MetricsTab {...props} /> : null}
          {tab === "monthly" ? <MonthlyTab {...props} /> : null}
          {tab === "checkpoints" ? <CheckpointsTab {...props} /> : null}
          {tab === "funding" ? <FundingTab {...props} /> : null}
          {tab === "import" && importable ? <ImportTab {...props} /> : null}
        </div>
      </ReadOnlyReasonContext.Provider>
      <ProgramOrders programId={params.id!} />
    </section>
  );
}
