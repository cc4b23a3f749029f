/** The API contracts' zod schemas the web app uses (zod set up for the CSP first: `zodConfig.ts`). */
import "./zodConfig.ts";

export { resourceSchemas } from "@orientir/contracts";
