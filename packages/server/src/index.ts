export * from "./http.ts";
export * from "./route.ts";
export { allRoutes, routeGroups } from "./routes/index.ts";
export { openApiDocument, openApiJson } from "./openapi.ts";
