/**
 * Asking before an irreversible action, in a dialog of the app (Mantine modal: focus kept inside,
 * Escape cancels, the focus returns to the button) instead of the browser's `window.confirm`.
 *
 *   const confirm = useConfirm();
 *   if (!(await confirm(t("confirmRemove", { name }), { action: t("remove"), danger: true }))) return;
 */
import { useCallback } from "react";
import { modals } from "@mantine/modals";
import { messages, useT } from "./i18n.tsx";

const M = messages({
  title: ["Подтверждение", "Please confirm"],
  yes: ["Да", "Yes"],
  cancel: ["Отмена", "Cancel"],
});

export interface ConfirmOptions {
  /** The label of the button that goes ahead (default «Да»). */
  action?: string;
  /** The action destroys something: the button is red. */
  danger?: boolean;
  title?: string;
}

export function useConfirm(): (message: string, options?: ConfirmOptions) => Promise<boolean> {
  const t = useT(M);
  return useCallback(
    (message: string, options: ConfirmOptions = {}) =>
      new Promise<boolean>((resolve) => {
        let answered = false;
        const answer = (yes: boolean) => {
          if (answered) return;
          answered = true;
          resolve(yes);
        };
        modals.openConfirmModal({
          title: options.title ?? t("title"),
          children: <p className="confirm-message">{message}</p>,
          labels: { confirm: options.action ?? t("yes"), cancel: t("cancel") },
          confirmProps: { color: options.danger ? "red" : undefined, "data-testid": "confirm-yes" } as Record<string, unknown>,
          cancelProps: { "data-testid": "confirm-cancel" } as Record<string, unknown>,
          onConfirm: () => answer(true),
          onCancel: () => answer(false),
          onClose: () => answer(false),
        });
      }),
    [t],
  );
}
