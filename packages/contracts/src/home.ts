/**
 * The home page of a role, the global search and the units of measure of ОКЕИ (issue 13, parts 5, 7).
 */
import { z } from "zod";
import { PROGRAM_STATUSES } from "@orientir/domain";
import { DecimalString, Uuid } from "./common.ts";

/** A program as the home page and the program list show it: its status, executor, last evaluation, funding this year. */
export const HomeProgram = z
  .object({
    id: Uuid,
    code: z.string(),
    name: z.string(),
    status: z.enum(PROGRAM_STATUSES),
    startYear: z.number().int(),
    endYear: z.number().int(),
    departmentId: Uuid,
    departmentName: z.string(),
    /** The caller's program: they are its responsible executor or the co-executor of one of its directions. */
    mine: z.boolean(),
    inForce: z.boolean(),
    /** The last evaluation: last year's when the program had a score then, else this year's (preliminary). */
    evaluation: z
      .object({
        year: z.number().int(),
        score: z.number(),
        scoreDisplay: z.string(),
        rating: z.enum(["high", "satisfactory", "unsatisfactory"]),
        preliminary: z.boolean(),
      })
      .nullable(),
    /** This year's funding plan (all sources) and cash executed to date (the latest quarter with figures). */
    fundingPlan: DecimalString,
    cash: DecimalString.nullable(),
  })
  .meta({ id: "HomeProgram" });
export type HomeProgram = z.infer<typeof HomeProgram>;

export const HomeTask = z
  .object({
    kind: z.enum(["workflow", "report", "deadline"]),
    title: z.string(),
    link: z.string(),
    dueDate: z.string().nullable(),
    overdue: z.boolean(),
  })
  .meta({ id: "HomeTask" });
export type HomeTask = z.infer<typeof HomeTask>;

export const HomeView = z
  .object({
    today: z.string(),
    year: z.number().int(),
    role: z.string(),
    programs: z.array(HomeProgram),
    tiles: z.object({
      inForce: z.number().int(),
      inApproval: z.number().int(),
      fundingPlan: DecimalString,
      cash: DecimalString,
      /** cash / plan of this year, percent with two decimals; null without a plan. */
      executionPercent: z.string().nullable(),
      overdue: z.number().int(),
      awaitingMe: z.number().int(),
    }),
    ratings: z.object({ high: z.number().int(), satisfactory: z.number().int(), unsatisfactory: z.number().int(), none: z.number().int() }),
    /** What awaits the caller: workflow steps they may take, reports waiting for them, deadlines due or overdue. */
    tasks: z.array(HomeTask),
    overdueCheckpoints: z.number().int(),
  })
  .meta({ id: "HomeView" });
export type HomeView = z.infer<typeof HomeView>;

export const SEARCH_KINDS = ["program", "goal", "activity", "indicator", "metric", "document", "person"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SearchQuery = z
  .object({
    q: z.string().trim().min(2).max(200),
    kind: z.enum(SEARCH_KINDS).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  })
  .strict()
  .meta({ id: "SearchQuery" });
export type SearchQuery = z.infer<typeof SearchQuery>;

export const SearchHit = z
  .object({
    id: Uuid,
    kind: z.enum(SEARCH_KINDS),
    title: z.string(),
    code: z.string().nullable(),
    /** Where it is: the program, the strategy or the plan; a person's role and department. */
    context: z.string(),
    /** The page of the web app that shows it; null when there is none the caller may open. */
    link: z.string().nullable(),
    score: z.number(),
  })
  .meta({ id: "SearchHit" });
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResults = z.object({ q: z.string(), items: z.array(SearchHit) }).meta({ id: "SearchResults" });
export type SearchResults = z.infer<typeof SearchResults>;

export const UnitQuery = z
  .object({ q: z.string().trim().max(100).optional(), limit: z.coerce.number().int().min(1).max(300).optional() })
  .strict()
  .meta({ id: "UnitQuery" });
export type UnitQuery = z.infer<typeof UnitQuery>;

export const OkeiUnit = z.object({ code: z.string(), name: z.string(), symbol: z.string(), section: z.string() }).meta({ id: "OkeiUnit" });
export type OkeiUnit = z.infer<typeof OkeiUnit>;

export const OkeiUnitList = z.object({ items: z.array(OkeiUnit) }).meta({ id: "OkeiUnitList" });
export type OkeiUnitList = z.infer<typeof OkeiUnitList>;
