/**
 * Deletes a row of a resource (with the version read) after confirmation. The API's refusal goes
 * to `onError` when the page shows errors in one place (a grid's banner), otherwise it stands
 * beside the button. Either way the page's reads are fetched again: by the delete (a mutation), or
 * after a refusal (the row may have changed).
 */
import { useState } from "react";
import { resource as resourceSpec } from "@orientir/domain";
import { deleteRow } from "../api/resources.ts";
import { messages, useT } from "../lib/i18n.tsx";
import { useConfirm } from "../lib/confirm.tsx";
import { invalidateAll } from "../lib/query.ts";

const M = messages({
  remove: ["Удалить", "Delete"],
  confirm: ["Удалить «{name}»? Будут удалены и все вложенные данные.", "Delete “{name}”? Everything below it is deleted too."],
});

export function DeleteButton({
  resource,
  row,
  name,
  onDone,
  onError,
}: {
  /** Resource name of the domain spec, e.g. "direction". */
  resource: string;
  row: { id: string; version: number };
  /** What the row is called in the confirmation. */
  name: string;
  /** Something else to do after the delete (or its refusal): the reads are refreshed by the delete itself. */
  onDone?: () => void;
  onError?: (message: string) => void;
}) {
  const t = useT(M);
  const [error, setError] = useState<string | null>(null);
  const confirm = useConfirm();
  return (
    <>
      <button
        type="button"
        className="link danger"
        aria-label={`${t("remove")}: ${name}`}
        title={t("remove")}
        onClick={(e) =>
          void (async () => {
            e.stopPropagation();
            if (!(await confirm(t("confirm", { name }), { action: t("remove"), danger: true }))) return;
            try {
              // a mutation: the reads it changes are invalidated (api/resources.ts)
              await deleteRow(resourceSpec(resource), row.id, row.version);
              setError(null);
              onDone?.();
            } catch (err) {
              const message = err instanceof Error ? err.message : String(err);
              // refused (changed or deleted by someone else, or in use): show the rows as they are now
              void invalidateAll();
              if (onError) {
                onError(message);
                onDone?.();
              } else setError(message);
            }
          })()
        }
      >
        {t("remove")}
      </button>
      {error ? (
        <span className="error" role="alert">
          {" "}
          {error}
        </span>
      ) : null}
    </>
  );
}
