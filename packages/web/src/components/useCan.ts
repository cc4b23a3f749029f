/** May the current user do `action` on rows of this resource (strategy / plan / reference areas)? */
import type { Target } from "@orientir/domain";
import { useSession } from "../lib/session.tsx";

export function useCan(area: "strategy" | "plan" | "reference", resourceName: string): (action: "create" | "update" | "delete") => boolean {
  const { can, me } = useSession();
  return (action) => {
    if (!me?.municipalityId) return false;
    const target: Target = { area, municipalityId: me.municipalityId, resource: resourceName };
    return can(action, target);
  };
}
