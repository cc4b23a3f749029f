/**
 * Navigation of the app over React Router (data mode, created in main.tsx): the thin `Link`,
 * `navigate` and `useLocation` the pages have always used, so they need not know the router.
 */
import { forwardRef, useMemo, type AnchorHTMLAttributes, type ReactNode } from "react";
import { Link as RouterLink, useLocation as useRouterLocation, type createBrowserRouter } from "react-router";

export interface Location {
  path: string;
  query: URLSearchParams;
}

type Router = ReturnType<typeof createBrowserRouter>;
let router: Router | null = null;

/** The app's router (main.tsx sets it once): `navigate` goes through it. */
export function setRouter(r: Router): void {
  router = r;
}

/** Goes to a path of the app (`/programs/5?tab=funding`); `replace` changes the current history entry. */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (router) void router.navigate(to, { replace: opts.replace ?? false });
  else if (opts.replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
}

/** The current path and query (the same URLSearchParams object while the query does not change). */
export function useLocation(): Location {
  const { pathname, search } = useRouterLocation();
  const query = useMemo(() => new URLSearchParams(search), [search]);
  return useMemo(() => ({ path: pathname, query }), [pathname, query]);
}

/** Params of a pattern if the path matches it: match("/programs/:id", "/programs/5") → { id: "5" }. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split("/").filter(Boolean);
  const s = path.split("/").filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i]!.startsWith(":")) params[p[i]!.slice(1)] = decodeURIComponent(s[i]!);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

export const Link = forwardRef<HTMLAnchorElement, { to: string; children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>>(
  function Link({ to, children, ...rest }, ref) {
    return (
      <RouterLink ref={ref} to={to} {...rest}>
        {children}
      </RouterLink>
    );
  },
);
