/** The signed-in user: who, in which municipality, with which role; and what they may do. */
import { queryClient } from "./query.ts";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { authorize, type Action, type Actor, type Target } from "@orientir/domain";
import { api, ApiError, setCsrfToken, type ResponseOf } from "./api.ts";

/** The signed-in user (GET /api/auth/me): who, in which municipality, with which role, the second factor. */
export type Me = ResponseOf<"get", "/api/auth/me">;

/** The answer to a right password when a second factor is still needed. */
export type SecondFactorNeeded = Extract<ResponseOf<"post", "/api/auth/login">, { secondFactor: unknown }>;

export interface SessionState {
  me: Me | null;
  loading: boolean;
  actor: Actor | null;
  /** Signs in; answers what the second step needs when the account has (or must enrol) a second factor. */
  login: (login: string, password: string) => Promise<SecondFactorNeeded | null>;
  /** The second step: a code for the pending sign-in. The session starts at once unless recovery codes are to be shown first. */
  secondFactor: (pendingToken: string, code: string) => Promise<Me>;
  /** Starts the session of a completed sign-in (after its recovery codes were shown). */
  accept: (me: Me) => void;
  logout: () => Promise<void>;
  switchMunicipality: (id: string) => Promise<void>;
  /** May the current user do this? The same rules as the server (packages/domain policies). */
  can: (action: Action, target: Target) => boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const take = (m: Me | null) => {
    setCsrfToken(m?.csrfToken ?? "");
    // another user or municipality: nothing loaded for the last one is shown to this one
    queryClient.clear();
    setMe(m);
  };
  useEffect(() => {
    api
      .GET("/api/auth/me")
      .then(take)
      .catch((e) => {
        if (!(e instanceof ApiError && e.status === 401)) console.error(e);
        take(null);
      })
      .finally(() => setLoading(false));
  }, []);
  const actor: Actor | null = useMemo(
    () =>
      me && me.municipalityId && me.role
        ? {
            userId: me.user.id,
            login: me.user.login,
            municipalityId: me.municipalityId,
            role: me.role,
            departmentId: me.departmentId,
            deploymentAdmin: me.deploymentAdmin,
          }
        : null,
    [me],
  );
  const value: SessionState = {
    me,
    loading,
    actor,
    login: async (login, password) => {
      const r = await api.POST("/api/auth/login", { body: { login, password } });
      if ("secondFactor" in r) return r;
      take(r);
      return null;
    },
    secondFactor: async (pendingToken, code) => {
      const r = await api.POST("/api/auth/totp", { body: { pendingToken, code } });
      if (!r.recoveryCodes) take(r);
      return r;
    },
    accept: (m) => take({ ...m, recoveryCodes: undefined }),
    logout: async () => {
      await api.POST("/api/auth/logout");
      take(null);
    },
    switchMunicipality: async (id) => take(await api.POST("/api/auth/municipality", { body: { municipalityId: id } })),
    can: useCallback((action: Action, target: Target) => (actor ? authorize(actor, action, target).allowed : false), [actor]),
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside SessionProvider");
  return s;
}
