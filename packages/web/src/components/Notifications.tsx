/**
 * The notification centre in the top bar: a bell with the number of unread notifications
 * (reminders of deadlines, the steps of reports and of approval addressed to the user); opening
 * it lists them, each leading to the page where the user must act (a step of approval: the
 * draft's page, with its note, its changes and the actions); following one or "mark read" marks
 * it read, "read all" marks the rest.
 *
 * A TanStack query (key `NOTIFICATIONS_KEY`): fetched again every minute, when the window regains
 * focus, when the bell is opened, and after every write of the app (`useSave` invalidates it, since
 * a step taken may have notified someone or answered what one asked).
 */
import { formatDate, formatDateTime } from "../lib/format.ts";
import { useEffect, useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schema } from "../lib/api.ts";
import { messages, useT } from "../lib/i18n.tsx";
import { Link } from "../lib/router.tsx";
import { useSession } from "../lib/session.tsx";
import { NOTIFICATIONS_KEY } from "../lib/query.ts";
import "./Notifications.css";

const M = messages({
  title: ["Уведомления", "Notifications"],
  unread: ["Уведомления: непрочитанных {n}", "Notifications: {n} unread"],
  none: ["Уведомлений нет", "No notifications"],
  readAll: ["Прочитать все", "Mark all read"],
  markRead: ["Прочитано", "Mark read"],
  due: ["срок {d}", "due {d}"],
  updating: ["Обновляется…", "Updating…"],
});

/** A notification as the API answers it (`Notification` in packages/contracts). */
type Notification = Schema<"Notification">;
type Inbox = { items: Notification[]; unread: number };

/** How often the bell asks for new notifications while the window is in front. */
export const NOTIFICATIONS_POLL_MS = 60_000;

const when = (iso: string) => formatDateTime(iso);
const day = (iso: string) => formatDate(iso.slice(0, 10));

/** The inbox as it is after marking one notification (or, with `null`, every one) read. */
export function markedRead(inbox: Inbox, id: string | null, unread: number, now: string): Inbox {
  return { unread, items: inbox.items.map((n) => (id === null || n.id === id ? { ...n, readAt: n.readAt ?? now } : n)) };
}

export function Notifications() {
  const t = useT(M);
  const { me } = useSession();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const queryKey = [NOTIFICATIONS_KEY, me?.user.id ?? null, me?.municipalityId ?? null];

  const inbox = useQuery<Inbox, Error>({
    queryKey,
    queryFn: () => api.GET("/api/monitoring/notifications", { params: { query: { limit: 50 } } }),
    enabled: !!me?.municipalityId,
    refetchInterval: NOTIFICATIONS_POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 0,
  });

  const read = useMutation<{ unread: number }, Error, string | null>({
    mutationFn: (id) => api.POST("/api/monitoring/notifications/read", { body: { id } }),
    onSuccess: (r, id) => {
      client.setQueryData<Inbox>(queryKey, (old) => (old ? markedRead(old, id, r.unread, new Date().toISOString()) : old));
      return client.invalidateQueries({ queryKey: [NOTIFICATIONS_KEY] });
    },
  });

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const items = inbox.data?.items ?? [];
  const unread = inbox.data?.unread ?? 0;
  const error = inbox.error ?? read.error;

  const follow = (n: Notification) => {
    if (!n.readAt) read.mutate(n.id);
    setOpen(false);
  };

  return (
    <div className="notifications" ref={box}>
      <button
        type="button"
        className="bell link"
        aria-label={t("unread", { n: unread })}
        aria-expanded={open}
        aria-haspopup="dialog"
        data-testid="notifications-bell"
        onClick={() => {
          if (!open) void inbox.refetch();
          setOpen((o) => !o);
        }}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {unread > 0 ? (
          <span className="badge" data-testid="notifications-unread">
            {unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div className="panel" role="dialog" aria-label={t("title")} data-testid="notifications-panel" aria-busy={inbox.isFetching}>
          <div className="head">
            <strong>{t("title")}</strong>
            {inbox.isFetching && inbox.data ? (
              <span className="muted updating" role="status" data-testid="notifications-updating">
                {t("updating")}
              </span>
            ) : null}
            {unread > 0 ? (
              <button
                type="button"
                className="link"
                disabled={read.isPending}
                onClick={() => read.mutate(null)}
                data-testid="notifications-read-all"
              >
                {t("readAll")}
              </button>
            ) : null}
          </div>
          {error ? <p className="error">{error.message}</p> : null}
          {inbox.data && items.length === 0 ? <p className="muted">{t("none")}</p> : null}
          {!inbox.data && inbox.isFetching ? (
            <p className="muted" data-testid="loading">
              {t("updating")}
            </p>
          ) : null}
          <ul>
            {items.map((n) => (
              <li
                key={n.id}
                className={n.readAt ? "read" : "unread"}
                data-testid="notification"
                data-kind={n.kind}
                data-read={n.readAt ? "true" : "false"}
              >
                <div className="title">
                  {n.link ? (
                    <Link to={n.link} onClick={() => follow(n)} data-testid="notification-link">
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                </div>
                <div className="body">{n.body}</div>
                <div className="meta">
                  <span>{when(n.createdAt)}</span>
                  {n.dueDate ? <span>{t("due", { d: day(n.dueDate) })}</span> : null}
                  {!n.readAt ? (
                    <button
                      type="button"
                      className="link"
                      disabled={read.isPending}
                      onClick={() => read.mutate(n.id)}
                      data-testid="notification-read"
                    >
                      {t("markRead")}
                    </button>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
