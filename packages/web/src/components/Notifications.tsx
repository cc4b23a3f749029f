/**
 * The notification centre in the top bar: a bell with the number of unread notifications
 * (reminders of deadlines and the steps of reports addressed to the user); opening it lists them,
 * a click marks one read, and "read all" marks the rest. Polled every minute.
 */
import { formatDate, formatDateTime } from "../lib/format.ts";
import { useCallback, useEffect, useRef, useState } from "react";
import { api, type Schema } from "../lib/api.ts";
import { messages, useT } from "../lib/i18n.tsx";
import { navigate } from "../lib/router.tsx";
import { useSession } from "../lib/session.tsx";
import "./Notifications.css";

const M = messages({
  title: ["Уведомления", "Notifications"],
  unread: ["Уведомления: непрочитанных {n}", "Notifications: {n} unread"],
  none: ["Уведомлений нет", "No notifications"],
  readAll: ["Прочитать все", "Mark all read"],
  markRead: ["Прочитано", "Mark read"],
  open: ["Открыть", "Open"],
  due: ["срок {d}", "due {d}"],
  close: ["Закрыть", "Close"],
});

/** A notification as the API answers it (`Notification` in packages/contracts). */
type Notification = Schema<"Notification">;

const POLL_MS = 60_000;

const when = (iso: string) => formatDateTime(iso);
const day = (iso: string) => formatDate(iso.slice(0, 10));

export function Notifications() {
  const t = useT(M);
  const { me } = useSession();
  const [items, setItems] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);

  const load = useCallback(
    () =>
      api.GET("/api/monitoring/notifications", { params: { query: { limit: 50 } } }).then(
        (r) => {
          setItems(r.items);
          setUnread(r.unread);
          setError(null);
        },
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      ),
    [],
  );

  useEffect(() => {
    if (!me?.municipalityId) return;
    void load();
    const timer = window.setInterval(() => void load(), POLL_MS);
    const onFocus = () => void load();
    window.addEventListener("focus", onFocus);
    window.addEventListener("orientir:notifications", onFocus);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("focus", onFocus);
      window.removeEventListener("orientir:notifications", onFocus);
    };
  }, [me?.user.id, me?.municipalityId, load]);

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

  const markRead = async (id: string | null) => {
    try {
      const r = await api.POST("/api/monitoring/notifications/read", { body: { id } });
      setUnread(r.unread);
      const now = new Date().toISOString();
      setItems((list) => list.map((n) => (id === null || n.id === id ? { ...n, readAt: n.readAt ?? now } : n)));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const follow = (n: Notification) => {
    if (!n.readAt) void markRead(n.id);
    if (n.link) {
      setOpen(false);
      navigate(n.link);
    }
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
          setOpen((o) => !o);
          if (!open) void load();
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
        <div className="panel" role="dialog" aria-label={t("title")} data-testid="notifications-panel">
          <div className="head">
            <strong>{t("title")}</strong>
            {unread > 0 ? (
              <button type="button" className="link" onClick={() => void markRead(null)} data-testid="notifications-read-all">
                {t("readAll")}
              </button>
            ) : null}
          </div>
          {error ? <p className="error">{error}</p> : null}
          {items.length === 0 ? <p className="muted">{t("none")}</p> : null}
          <ul>
            {items.map((n) => (
              <li
                key={n.id}
                className={n.readAt ? "read" : "unread"}
                data-testid="notification"
                data-kind={n.kind}
                data-read={n.readAt ? "true" : "false"}
              >
                <div className="title">{n.title}</div>
                <div className="body">{n.body}</div>
                <div className="meta">
                  <span>{when(n.createdAt)}</span>
                  {n.dueDate ? <span>{t("due", { d: day(n.dueDate) })}</span> : null}
                  {n.link ? (
                    <button type="button" className="link" onClick={() => follow(n)}>
                      {t("open")}
                    </button>
                  ) : null}
                  {!n.readAt ? (
                    <button type="button" className="link" onClick={() => void markRead(n.id)} data-testid="notification-read">
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
