/** Структура: directions → structural elements → tasks → activities; add, rename, delete. */
import { useState, type ReactNode } from "react";
import { resource as resourceSpec } from "@orientir/domain";
import { ApiError } from "../../lib/api.ts";
import { updateRow } from "../../api/resources.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { enumOptions, SpecForm, sorted, type Row } from "./common.tsx";
import { DeleteButton } from "../../components/DeleteButton.tsx";
import type { TabProps } from "./tabs.ts";
import { childrenOf, textOf } from "../../api/resources.ts";
import { RecordForm } from "../../components/RecordForm.tsx";
import { invalidateAll } from "../../lib/query.ts";

const M = messages({
  title: ["Структура программы", "Program structure"],
  addDirection: ["Добавить направление", "Add a direction"],
  addElement: ["Добавить структурный элемент", "Add a structural element"],
  addTask: ["Добавить задачу", "Add a task"],
  addActivity: ["Добавить мероприятие", "Add an activity"],
  rename: ["Переименовать", "Rename"],
  save: ["Сохранить", "Save"],
  cancel: ["Отмена", "Cancel"],
  empty: ["Направлений пока нет", "No directions yet"],
  coExecutor: ["соисполнитель: {name}", "co-executor: {name}"],
  details: ["Сведения", "Details"],
  classification: ["раздел, подраздел классификации расходов: {value}", "budget classification: {value}"],
  participants: ["участники: {value}", "participants: {value}"],
  conflict: ["Данные изменены другим пользователем: показаны текущие", "The data was changed by another user: the current data is shown"],
});

type Res = "direction" | "structuralElement" | "elementTask" | "elementActivity";

interface ChildSpec {
  resource: Res;
  fields: string[];
  parentField: string;
  addKey: "addElement" | "addTask" | "addActivity";
}

const CHILD: Record<Res, ChildSpec | null> = {
  direction: {
    resource: "structuralElement",
    fields: ["code", "name", "kind", "responsibleDepartmentId", "participants"],
    parentField: "directionId",
    addKey: "addElement",
  },
  structuralElement: { resource: "elementTask", fields: ["code", "name"], parentField: "elementId", addKey: "addTask" },
  elementTask: { resource: "elementActivity", fields: ["code", "name"], parentField: "taskId", addKey: "addActivity" },
  elementActivity: null,
};

/** Fields of a node edited in its «Сведения» form (1.3.4: a direction's classification; 1.3.3: an element's participants). */
const DETAIL_FIELDS: Partial<Record<Res, string[]>> = {
  direction: ["budgetClassification"],
  structuralElement: ["participants"],
};

const CHILDREN_KEY: Record<Res, string | null> = {
  direction: "structuralElements",
  structuralElement: "elementTasks",
  elementTask: "elementActivities",
  elementActivity: null,
};

export function StructureTab({ program, departments, can }: TabProps) {
  const t = useT(M);
  const { lang } = useLang();
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState<string | null>(null);
  const depOptions = departments.map((d) => ({ value: d.id, label: d.name ?? "" }));
  const options = {
    coExecutorDepartmentId: depOptions,
    responsibleDepartmentId: depOptions,
    kind: enumOptions("structuralElement", "kind", lang),
  };

  const node = (res: Res, row: Row, coExecutorId: string | null): ReactNode => {
    const child = CHILD[res];
    const key = CHILDREN_KEY[res];
    const children = key ? sorted(childrenOf(row, key)) : [];
    const co = res === "direction" ? textOf(row.coExecutorDepartmentId) : coExecutorId;
    const addId = `${res}:${row.id}`;
    const detailId = `details:${row.id}`;
    const details = DETAIL_FIELDS[res];
    const detailText =
      res === "direction" && textOf(row.budgetClassification)
        ? t("classification", { value: textOf(row.budgetClassification) ?? "" })
        : res === "structuralElement" && textOf(row.participants)
          ? t("participants", { value: (textOf(row.participants) ?? "").split(/\r?\n/).filter(Boolean).join("; ") })
          : null;
    return (
      <li key={row.id} data-testid={`node-${row.id}`}>
        <NodeLine
          res={res}
          row={row}
          kindLabel={resourceSpec(res).label[lang]}
          extra={
            res === "structuralElement"
              ? enumOptions("structuralElement", "kind", lang).find((o) => o.value === row.kind)?.label
              : res === "direction" && co
                ? t("coExecutor", { name: departments.find((d) => d.id === co)?.name ?? "" })
                : undefined
          }
          mayUpdate={can("update", res, co)}
          mayDelete={can("delete", res, co)}
          onError={setError}
        >
          {details && can("update", res, co) ? (
            <button
              type="button"
              className="link"
              onClick={() => setAdding(adding === detailId ? null : detailId)}
              aria-expanded={adding === detailId}
            >
              {t("details")}
            </button>
          ) : null}
          {child && can("create", child.resource, co) ? (
            <button
              type="button"
              className="link"
              onClick={() => setAdding(adding === addId ? null : addId)}
              aria-expanded={adding === addId}
            >
              + {t(child.addKey)}
            </button>
          ) : null}
        </NodeLine>
        {detailText ? (
          <div className="muted small" data-testid={`details-${row.id}`}>
            {detailText}
          </div>
        ) : null}
        {details && adding === detailId ? (
          <RecordForm
            resource={res}
            row={row}
            fields={details}
            onCancel={() => setAdding(null)}
            // the form's write is a mutation: the program's tree is fetched again after it
            onDone={() => setAdding(null)}
          />
        ) : null}
        {child && adding === addId ? (
          <SpecForm
            resource={child.resource}
            testId={`add-${child.resource}`}
            fields={child.fields}
            data={{ [child.parentField]: row.id }}
            options={options}
            initial={child.resource === "structuralElement" ? { kind: "process", responsibleDepartmentId: co ?? "" } : undefined}
            onCancel={() => setAdding(null)}
            onCreated={() => setAdding(null)}
          />
        ) : null}
        {children.length ? <ul>{children.map((c) => node(child!.resource, c, co))}</ul> : null}
      </li>
    );
  };

  const directions = sorted(program.directions);
  return (
    <div className="program-tree">
      <h3>{t("title")}</h3>
      {error ? (
        <p className="banner error" role="alert">
          {error}
        </p>
      ) : null}
      {can("create", "direction") ? (
        <div className="toolbar">
          <button
            type="button"
            onClick={() => setAdding(adding === "direction" ? null : "direction")}
            aria-expanded={adding === "direction"}
          >
            {t("addDirection")}
          </button>
        </div>
      ) : null}
      {adding === "direction" ? (
        <SpecForm
          resource="direction"
          testId="add-direction"
          fields={["code", "name", "coExecutorDepartmentId", "budgetClassification"]}
          data={{ programId: program.id }}
          options={options}
          onCancel={() => setAdding(null)}
          onCreated={() => setAdding(null)}
        />
      ) : null}
      {directions.length ? (
        <ul className="tree-root">{directions.map((d) => node("direction", d, null))}</ul>
      ) : (
        <p className="muted">{t("empty")}</p>
      )}
    </div>
  );
}

function NodeLine(props: {
  res: Res;
  row: Row;
  kindLabel: string;
  extra?: string;
  mayUpdate: boolean;
  mayDelete: boolean;
  onError: (msg: string | null) => void;
  children?: ReactNode;
}) {
  const t = useT(M);
  const { row, res } = props;
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(textOf(row.name) ?? "");
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    try {
      await updateRow(resourceSpec(res), row.id, row.version, { name });
      setEditing(false);
      setError(null);
      props.onError(null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setEditing(false);
        props.onError(t("conflict"));
        // someone else's change: fetched (a refused write invalidates nothing by itself)
        void invalidateAll();
      } else setError(e instanceof ApiError ? (e.issueFor("name") ?? e.message) : String(e));
    }
  };
  const title = [row.code, row.name].filter(Boolean).join(" ");
  return (
    <div className="node">
      <span className="pt-kind">{props.kindLabel}</span>
      {editing ? (
        <>
          <input
            aria-label={t("rename")}
            value={name}
            autoFocus
            aria-invalid={error ? true : undefined}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") void save();
              if (e.key === "Escape") setEditing(false);
            }}
          />
          <button type="button" onClick={() => void save()}>
            {t("save")}
          </button>
          <button type="button" className="secondary" onClick={() => setEditing(false)}>
            {t("cancel")}
          </button>
          {error ? (
            <span className="error" role="alert">
              {error}
            </span>
          ) : null}
        </>
      ) : (
        <>
          <strong>{title}</strong>
          {props.extra ? <span className="pt-kind">({props.extra})</span> : null}
          {props.mayUpdate ? (
            <button
              type="button"
              className="link"
              onClick={() => {
                setName(textOf(row.name) ?? "");
                setEditing(true);
              }}
            >
              {t("rename")}
            </button>
          ) : null}
          {props.mayDelete ? <DeleteButton resource={res} row={row} name={title} onError={props.onError} /> : null}
          {props.children}
        </>
      )}
    </div>
  );
}
