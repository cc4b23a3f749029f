/**
 * The demo data: Kaluga (strategy to 2030, action plan 2021–2023 of decree 260-п, three municipal
 * programs 2025–2030 built as decree 220-п asks) and Kant, Kyrgyzstan (strategy 2014–2017), with one
 * demo account per role. Loaded by `npx orientir seed-demo` through seedMunicipalities of @orientir/app.
 */
import type { MunicipalityDocument } from "@orientir/domain";
import { KALUGA } from "./kaluga.ts";
import { KANT } from "./kant.ts";

export { DEMO_USERS, type DemoUser } from "./users.ts";
export { KALUGA, KALUGA_NAME } from "./kaluga.ts";
export { KANT, KANT_NAME } from "./kant.ts";
export { DEMO_DECREES, demoDecreeOf } from "./decrees.ts";

export const DEMO_MUNICIPALITIES: MunicipalityDocument[] = [KALUGA, KANT];
export {
  SOURCE_PLAN_ACTIVITIES,
  SOURCE_PLAN_INDICATORS,
  SOURCE_PRIORITY_PROJECTS,
  NEXT_PLAN_PRIORITY_PROJECTS,
  sourceProjectKind,
  type SourceProjectKind,
} from "./kaluga-source.ts";
export { DEMO_REPORTS, type DemoReport } from "./reports.ts";
