/**
 * The portal's pages of the live Q&A and of the surveys (issue 14, part 5), registered by
 * `portal-pages.ts` with its page and form helpers (same caching: public for an anonymous reader,
 * private with the resident's cookie; forms never cached), and the surveys' open data.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  askQuestion,
  hasResponded,
  publicQaSession,
  publicQaSessions,
  publicSurvey,
  publicSurveyResults,
  publicSurveys,
  requireResident,
  respondToSurvey,
  surveyDatasets,
  type AppContext,
  type Dataset,
  type PublicPortal,
  type ResidentCaller,
} from "@orientir/app";
import { NotFoundError, ValidationError } from "@orientir/domain";
import type { SurveyResponseBody } from "@orientir/contracts";
import {
  renderMessage,
  renderQaSession,
  renderQaSessions,
  renderSurvey,
  renderSurveys,
  type PortalLink,
  type ResidentView,
} from "@orientir/portal";
import { one, type FormBody, type PageContext } from "./portal-pages.ts";

type Req = FastifyRequest<{ Params: Record<string, string> }>;
type Handler = (req: Req, reply: FastifyReply) => Promise<unknown>;

export interface PortalPageHelpers {
  page: (fn: (ctx: PageContext, req: Req) => Promise<string | Buffer | void>) => Handler;
  form: (fn: (ctx: PageContext, body: FormBody, req: Req) => Promise<string | void>) => Handler;
  link: (p: PublicPortal) => PortalLink;
  who: (r: ResidentCaller | null) => ResidentView | null;
}

const UUID = /^[0-9a-f-]{36}$/;

/** The open data of every closed survey. */
export async function qaSurveyDatasets(app: AppContext, portal: PublicPortal): Promise<Dataset[]> {
  const out: Dataset[] = [];
  for (const s of await publicSurveys(app, portal)) if (s.state === "closed") out.push(...(await surveyDatasets(app, portal, s.id)));
  return out;
}

/** One survey dataset by its id (`survey-<id>-results|responses`); 404 unless the survey has closed. */
export async function qaSurveyDataset(app: AppContext, portal: PublicPortal, id: string): Promise<Dataset | undefined> {
  const m = /^survey-([0-9a-f-]{36})-(results|responses)$/.exec(id);
  if (!m) throw new NotFoundError("набор данных", id);
  return (await surveyDatasets(app, portal, m[1]!)).find((d) => d.id === id);
}

/** A survey form's fields (`q-<questionId>`) as the answers of the API. */
function surveyAnswers(body: FormBody, questions: { id: string; kind: string }[]): SurveyResponseBody["answers"] {
  const issues: { path: string; message: string }[] = [];
  const answers = questions.flatMap((q, i): SurveyResponseBody["answers"] => {
    const raw = body[`q-${q.id}`];
    const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    if (q.kind === "text") return values[0] ? [{ questionId: q.id, text: values[0] }] : [];
    if (!values.every((v) => /^\d{1,3}$/.test(v))) {
      issues.push({ path: `answers.${i + 1}`, message: `Вопрос ${i + 1}: неверное значение` });
      return [];
    }
    const numbers = values.map(Number);
    if (q.kind === "scale") return numbers.length ? [{ questionId: q.id, value: numbers[0]! }] : [];
    return numbers.length ? [{ questionId: q.id, choices: numbers }] : [];
  });
  if (issues.length) throw new ValidationError(issues);
  return answers;
}

export function registerQaSurveyPages(server: FastifyInstance, app: AppContext, h: PortalPageHelpers): void {
  const { page, form, link, who } = h;

  server.get(
    "/p/:municipality/qa",
    page(async ({ portal, resident }) =>
      renderQaSessions({ portal: link(portal), sessions: await publicQaSessions(app, portal), resident: who(resident) }),
    ),
  );

  server.get(
    "/p/:municipality/qa/:id",
    page(async ({ portal, resident }, req) => {
      const id = req.params.id ?? "";
      if (!UUID.test(id)) throw new NotFoundError("сессия вопросов и ответов", id);
      const session = await publicQaSession(app, portal, id, resident?.resident.id ?? null);
      return renderQaSession({ portal: link(portal), session, resident: who(resident) });
    }),
  );

  server.post(
    "/p/:municipality/qa/:id/questions",
    form(async ({ portal, resident, reply }, body, req) => {
      const r = requireResident(resident, one(body, "csrf"), true);
      const id = req.params.id ?? "";
      if (!UUID.test(id)) throw new NotFoundError("сессия вопросов и ответов", id);
      const text = one(body, "text");
      if (!text.trim() || text.length > 3000) throw new ValidationError([{ path: "body.text", message: "Вопрос: от 1 до 3 000 знаков" }]);
      const q = await askQuestion(app, portal, r, id, { text });
      reply.code(303).header("location", `/p/${portal.slug}/qa/${id}#question-${q.id}`);
      return "";
    }),
  );

  server.get(
    "/p/:municipality/surveys",
    page(async ({ portal, resident }) =>
      renderSurveys({ portal: link(portal), surveys: await publicSurveys(app, portal), resident: who(resident) }),
    ),
  );

  server.get(
    "/p/:municipality/surveys/:id",
    page(async ({ portal, resident }, req) => {
      const id = req.params.id ?? "";
      if (!UUID.test(id)) throw new NotFoundError("опрос", id);
      const survey = await publicSurvey(app, portal, id);
      const results = survey.state === "closed" ? await publicSurveyResults(app, portal, id) : null;
      const responded = resident ? await hasResponded(app, resident, id) : false;
      return renderSurvey({ portal: link(portal), survey, results, resident: who(resident), responded });
    }),
  );

  server.post(
    "/p/:municipality/surveys/:id/response",
    form(async ({ portal, resident }, body, req) => {
      const r = requireResident(resident, one(body, "csrf"), true);
      const id = req.params.id ?? "";
      if (!UUID.test(id)) throw new NotFoundError("опрос", id);
      const survey = await publicSurvey(app, portal, id);
      await respondToSurvey(app, portal, r, id, { answers: surveyAnswers(body, survey.questions) });
      return renderSurveyThanks(h, portal, r, id);
    }),
  );
}

function renderSurveyThanks(h: PortalPageHelpers, portal: PublicPortal, r: ResidentCaller, id: string): string {
  return renderMessage({
    portal: h.link(portal),
    title: "Ответ принят",
    text: "Спасибо! Результаты опроса будут опубликованы после его окончания.",
    back: `/p/${portal.slug}/surveys/${id}`,
    resident: h.who(r),
    error: false,
  });
}
