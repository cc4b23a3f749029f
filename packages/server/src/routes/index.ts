import type { RouteDef } from "../route.ts";
import { authRoutes } from "./auth.ts";
import { allResourceRoutes, batchRoute } from "./resources.ts";
import { systemRoutes } from "./system.ts";
import { viewRoutes } from "./views.ts";

/** Every route of the API. The authorization test walks this list. */
export function allRoutes(): RouteDef[] {
  return [...systemRoutes, ...authRoutes, ...viewRoutes, batchRoute, ...allResourceRoutes()];
}
