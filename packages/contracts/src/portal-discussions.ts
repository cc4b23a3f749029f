/** The staff page of discussions, hearings and protocols (issue 14, part 4). */
import { z } from "zod";
import { IsoDate, RequiredText, Uuid } from "./common.ts";
import { HearingCreate, PublicationSubjectKind } from "./portal.ts";

export const DiscussionSummary = z
  .object({
    publicationId: Uuid,
    title: z.string(),
    subjectKind: PublicationSubjectKind,
    startsOn: z.string(),
    endsOn: z.string(),
    status: z.enum(["published", "withdrawn"]),
    state: z.enum(["upcoming", "open", "closed"]).describe("по сроку: еще не началось, идет, завершено"),
    proposals: z.number().int().describe("предложений и замечаний всего"),
    pending: z.number().int().describe("ждут модерации"),
    unanswered: z.number().int().describe("опубликованы, но без ответа"),
    hearings: z.number().int().describe("публичных слушаний по этой публикации"),
    protocol: z
      .object({
        number: z.string(),
        date: z.string(),
        generatedAt: z.string(),
        counts: z.object({
          accepted: z.number().int(),
          partly: z.number().int(),
          rejected: z.number().int(),
          outOfScope: z.number().int(),
          total: z.number().int(),
        }),
        files: z.object({ docx: z.string(), pdf: z.string() }),
        page: z.string().describe("страница публикации на портале"),
      })
      .nullable(),
    version: z.number().int(),
  })
  .meta({ id: "DiscussionSummary" });
export type DiscussionSummary = z.infer<typeof DiscussionSummary>;

export const DiscussionList = z
  .object({ portal: z.string().nullable().describe("адрес портала /p/<slug>"), items: z.array(DiscussionSummary) })
  .meta({ id: "DiscussionList" });
export type DiscussionList = z.infer<typeof DiscussionList>;

/** A hearing recorded once held: the announcement's fields (the agenda optional) with its result. */
export const HeldHearingCreate = HearingCreate.extend({
  startsAt: z.iso.datetime({ offset: true }).describe("дата и время, когда слушания прошли"),
  agenda: z.array(RequiredText(1000)).max(50).optional().describe("повестка"),
  participants: z.number().int().min(0).max(10_000_000).describe("число участников"),
  protocolNumber: RequiredText(100).describe("номер протокола слушаний"),
  protocolDate: IsoDate.describe("дата протокола"),
  protocol: RequiredText(100000).describe("текст протокола (ход слушаний, выступления, итоги)"),
  recommendations: z.array(RequiredText(5000)).max(100).optional().describe("рекомендации по итогам слушаний"),
})
  .strict()
  .meta({ id: "HeldHearingCreate" });
export type HeldHearingCreate = z.infer<typeof HeldHearingCreate>;
