/**
 * The answer templates of appeals kept in a page (issue 15, part 3): the municipality's own
 * templates beside the system's defaults (a template with a default's code replaces it), created,
 * edited and deactivated by the office; a template with an unknown placeholder is refused naming
 * it; the preview fills the placeholders with a sample appeal.
 */
import {
  allAnswerTemplates,
  getAnswerTemplate,
  getMunicipality,
  insertAnswerTemplate,
  updateAnswerTemplate as updateTemplateRow,
  type AnswerTemplateRecord,
} from "@orientir/db";
import type {
  AnswerTemplate,
  AnswerTemplateBody,
  AnswerTemplateList,
  AnswerTemplatePreview,
  AnswerTemplateUpdateBody,
} from "@orientir/contracts";
import {
  ANSWER_PLACEHOLDERS,
  ConflictError,
  DEFAULT_ANSWER_TEMPLATES,
  NotFoundError,
  ensure,
  fillAnswerTemplate,
  unknownPlaceholders,
  type Actor,
} from "@orientir/domain";
import type { AppContext, Caller } from "../context.ts";
import { audit } from "../audit.ts";
import { controlSetup, invalid, partiesOf } from "./shared.ts";

const own = (t: AnswerTemplateRecord): AnswerTemplate => ({
  code: t.code,
  title: t.title,
  body: t.body,
  active: t.active,
  builtin: false,
  overridden: false,
  version: t.version,
});

function checkBody(body: string): void {
  const unknown = unknownPlaceholders(body);
  if (unknown.length)
    throw invalid(
      "body.body",
      `Неизвестные подстановки: ${unknown.map((u) => `{${u}}`).join(", ")}. Допустимы: ${ANSWER_PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}`,
      `Unknown placeholders: ${unknown.join(", ")}`,
    );
}

async function ensureWrite(ctx: AppContext, actor: Actor): Promise<void> {
  const setup = await controlSetup(ctx.db, actor.municipalityId, ctx.now());
  ensure(actor, "update", {
    area: "control",
    municipalityId: actor.municipalityId,
    part: "template",
    parties: partiesOf(actor, setup.settings),
  });
}

/** The municipality's templates (the deactivated too) and the defaults, with the placeholders allowed. */
export async function answerTemplates(ctx: AppContext, caller: Caller): Promise<AnswerTemplateList> {
  const { actor } = caller;
  ensure(actor, "read", { area: "control", municipalityId: actor.municipalityId, part: "template", parties: [] });
  const rows = await allAnswerTemplates(ctx.db, actor.municipalityId);
  const active = new Set(rows.filter((r) => r.active).map((r) => r.code));
  return {
    items: [
      ...rows.map(own),
      ...DEFAULT_ANSWER_TEMPLATES.map((t) => ({
        code: t.code,
        title: t.title,
        body: t.body,
        active: !active.has(t.code),
        builtin: true,
        overridden: active.has(t.code),
        version: null,
      })),
    ],
    placeholders: [...ANSWER_PLACEHOLDERS],
  };
}

export async function createAnswerTemplate(ctx: AppContext, caller: Caller, body: AnswerTemplateBody): Promise<AnswerTemplate> {
  const { actor } = caller;
  await ensureWrite(ctx, actor);
  checkBody(body.body);
  return ctx.db.tx(async (q) => {
    const row = await insertAnswerTemplate(q, {
      municipalityId: actor.municipalityId,
      code: body.code,
      title: body.title.trim(),
      body: body.body,
      at: ctx.now().toISOString(),
    });
    if (!row) throw invalid("body.code", "Шаблон с таким кодом уже есть", "A template with this code exists");
    await audit(q, caller, { action: "appealTemplate.create", objectType: "appealTemplate", objectId: null, after: row });
    return own(row);
  });
}

/** Edits a template, or deactivates (active: false) or restores it, at its version. */
export async function updateAnswerTemplateUseCase(
  ctx: AppContext,
  caller: Caller,
  code: string,
  body: AnswerTemplateUpdateBody,
): Promise<AnswerTemplate> {
  const { actor } = caller;
  await ensureWrite(ctx, actor);
  checkBody(body.body);
  return ctx.db.tx(async (q) => {
    const before = await getAnswerTemplate(q, actor.municipalityId, code);
    if (!before) throw new NotFoundError("шаблон ответа", code);
    const row = await updateTemplateRow(q, actor.municipalityId, code, body.version, {
      title: body.title.trim(),
      body: body.body,
      active: body.active,
      at: ctx.now().toISOString(),
    });
    if (!row) throw new ConflictError("Шаблон изменен другим пользователем: обновите страницу");
    await audit(q, caller, {
      action: before.active && !row.active ? "appealTemplate.deactivate" : "appealTemplate.update",
      objectType: "appealTemplate",
      objectId: null,
      before,
      after: row,
    });
    return own(row);
  });
}

/** The template's text filled with a sample appeal, and its unknown placeholders (nothing is saved). */
export async function previewAnswerTemplate(ctx: AppContext, caller: Caller, body: string): Promise<AnswerTemplatePreview> {
  const { actor } = caller;
  ensure(actor, "read", { area: "control", municipalityId: actor.municipalityId, part: "template", parties: [] });
  const municipality = await getMunicipality(ctx.db, actor.municipalityId);
  return {
    text: fillAnswerTemplate(body, {
      author: "Иванов Иван Иванович",
      number: "ОГ-0001/2026",
      registeredOn: "02.03.2026",
      topic: "Уборка снега, вывоз мусора",
      district: "Ленинский округ",
      municipality: municipality?.name ?? null,
      due: "01.04.2026",
    }),
    unknownPlaceholders: unknownPlaceholders(body),
  };
}
