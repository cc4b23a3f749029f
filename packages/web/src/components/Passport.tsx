/**
 * The passport block of a document (the strategy, an action plan): its name and its fields as a
 * list, «Изменить» opening a RecordForm of the chosen fields in place, and the link to its history
 * in the audit log.
 */
import type { ReactNode } from "react";
import { textOf, type StoredRow } from "../api/resources.ts";
import { messages, useT } from "../lib/i18n.tsx";
import { Link } from "../lib/router.tsx";
import { EditInPlace } from "./RecordForm.tsx";
import "./Passport.css";

const M = messages({
  edit: ["Изменить", "Edit"],
  history: ["История", "History"],
});

export interface PassportItem {
  label: string;
  value: ReactNode;
  testId?: string;
  /** Keeps the text's line breaks (mission, vision). */
  multiline?: boolean;
}

export function Passport({
  resource,
  row,
  fields,
  items,
  editable,
  testId,
  onChanged,
}: {
  /** Resource name of the domain spec: "strategy", "actionPlan". */
  resource: string;
  row: StoredRow;
  /** The fields the edit form shows. */
  fields: string[];
  items: PassportItem[];
  editable: boolean;
  /** Prefix of the test ids: `${testId}-name`. */
  testId: string;
  /** Something else to do after a save (the save refreshes the reads itself). */
  onChanged?: () => void;
}) {
  const t = useT(M);
  return (
    <EditInPlace resource={resource} row={row} fields={fields} onChanged={onChanged}>
      {(edit) => (
        <div className="card">
          <h2 style={{ marginTop: 0 }} data-testid={`${testId}-name`}>
            {textOf(row.name) ?? ""}
          </h2>
          <dl className="passport">
            {items.map((i) => (
              <PassportEntry key={i.label} item={i} />
            ))}
          </dl>
          <div className="toolbar">
            {editable ? (
              <button type="button" className="secondary" onClick={edit}>
                {t("edit")}
              </button>
            ) : null}
            <Link to={`/audit?objectId=${row.id}`}>{t("history")}</Link>
          </div>
        </div>
      )}
    </EditInPlace>
  );
}

function PassportEntry({ item }: { item: PassportItem }) {
  return (
    <>
      <dt>{item.label}</dt>
      <dd data-testid={item.testId} style={item.multiline ? { whiteSpace: "pre-wrap" } : undefined}>
        {item.value}
      </dd>
    </>
  );
}
