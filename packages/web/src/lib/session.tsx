/** The signed-in user: who, in which municipality, with which role; and what they may do. */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { authorize, type Action, type Actor, type Role, type Target } from "@orientir/domain";
import { api, ApiError, setCsrfToken } from "./api.ts";

export interface Me {
  user: { id: string; login: string; fullName: string };
  csrfToken: string;
  municipalityId: string | null;
  role: Role | null;
  departmentId: string | null;
  memberships: { municipalityId: string; municipalityName: string; role: Role; departmentId: string | null }[];
  /** A deployment administrator (manages accounts of several municipalities). */
  deploymentAdmin: boolean;
  /** The second factor: on, and required of this user by the deployment. */
  totp: { enabled: boolean; required: boolean };
  /** Only right after enrolling the second factor at sign-in: shown once. */
  recoveryCodes?: string[];
}

/** The answer to a right password when a second factor is still needed. */
export interface SecondFactorNeeded {
  secondFactor: "totp" | "enrol";
  pendingToken: string;
  expiresInSeconds: number;
}

export interface SessionState {
  me: Me | null;
  loading: boolean;
  actor: Actor | null;
  /** Signs in; answers what the second step needs when the account has (or must enrol) a second factor. */
  login(login: string, password: string): Promise<SecondFactorNeeded | null>;
  /** The second step: a code for the pending sign-in. The session starts at once unless recovery codes are to be shown first. */
  secondFactor(pendingToken: string, code: string): Promise<Me>;
  /** Starts the session of a completed sign-in (after its recovery codes were shown). */
  accept(me: Me): void;
  logout(): Promise<void>;
  switchMunicipality(id: string): Promise<void>;
  /** May the current user do this? The same rules as the server (packages/domain policies). */
  can(action: Action, target: Target): boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const take = (m: Me | null) => {
    setCsrfToken(m?.csrfToken ?? "");
    setMe(m);
  };
  useEffect(() => {
    api
      .get<Me>("/api/auth/me")
      .then(take)
      .catch((e) => {
        if (!(e instanceof ApiError && e.status === 401)) console.error(e);
        take(null);
      })
      .finally(() => setLoading(false));
  }, []);
  const actor: Actor | null =
    me && me.municipalityId && me.role
      ? { userId: me.user.id, login: me.user.login, municipalityId: me.municipalityId, role: me.role, departmentId: me.departmentId, deploymentAdmin: me.deploymentAdmin }
      : null;
  const value: SessionState = {
    me,
    loading,
    actor,
    login: async (login, password) => {
      const r = await api.post<Me | SecondFactorNeeded>("/api/auth/login", { login, password });
      if ("secondFactor" in r) return r;
      take(r);
      return null;
    },
    secondFactor: async (pendingToken, code) => {
      const r = await api.post<Me>("/api/auth/totp", { pendingToken, code });
      if (!r.recoveryCodes) take(r);
      return r;
    },
    accept: (m) => take({ ...m, recoveryCodes: undefined }),
    logout: async () => {
      await api.post("/api/auth/logout");
      take(null);
    },
    switchMunicipality: async (id) => take(await api.post<Me>("/api/auth/municipality", { municipalityId: id })),
    can: useCallback((action: Action, target: Target) => (actor ? authorize(actor, action, target).allowed : false), [actor?.userId, actor?.municipalityId, actor?.role, actor?.departmentId, actor?.deploymentAdmin]),
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside SessionProvider");
  return s;
}
