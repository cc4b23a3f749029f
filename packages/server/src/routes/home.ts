/**
 * Routes of the home page, the global search and the units of measure of ОКЕИ (issue 13).
 */
import { globalSearch, homeView, okeiUnits } from "@orientir/app";
import { HomeView, OkeiUnitList, SearchQuery, SearchResults, UnitQuery } from "@orientir/contracts";
import { route } from "../route.ts";

const TAG = "home";

export const homeRoutes = [
  route({
    method: "GET",
    path: "/api/home",
    tag: TAG,
    auth: "session",
    summary: "Главная страница роли: программы с последней оценкой, исполнение финансирования года, просроченное и что ждет меня",
    response: HomeView,
    handler: async (ctx) => homeView(ctx.app, ctx.caller),
  }),
  route({
    method: "GET",
    path: "/api/search",
    tag: TAG,
    auth: "session",
    summary: "Поиск по муниципальному образованию: программы, цели, мероприятия, показатели, документы, люди (с опечатками)",
    query: SearchQuery,
    response: SearchResults,
    handler: async (ctx, { query }) => globalSearch(ctx.app, ctx.caller, query),
  }),
  route({
    method: "GET",
    path: "/api/units",
    tag: TAG,
    auth: "session",
    summary: "Единицы измерения по ОКЕИ (код, наименование, обозначение); поиск по тексту",
    query: UnitQuery,
    response: OkeiUnitList,
    handler: async (ctx, { query }) => okeiUnits(ctx.app, ctx.caller, query),
  }),
];
