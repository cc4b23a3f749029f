/**
 * The portal's proposal form with files (issue 14, part 3), without script: a
 * `multipart/form-data` POST to /p/<slug>/publications/<id>/proposals (a plain urlencoded form,
 * without files, is taken too). The bytes go to the same use case as the JSON API's base64
 * (`makeProposal`): the same limits, the type judged by the content, nothing written when one file
 * is refused. A refusal shows the publication's page again with the form, what was typed and the
 * reasons, each naming its file.
 *
 * Reading: @fastify/multipart (streamed by busboy), registered in the portal's own plugin only.
 * Each file is read to one byte over the limit (so that the use case sees and refuses a larger
 * one); beyond one file over the allowed count, files are drained unread. A form without a
 * resident's session is drained unread. CSRF as for the other forms: the Origin, when sent, must
 * be this host, and the form's `csrf` field must be the session's token.
 */
import { finished } from "node:stream/promises";
import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  makeProposal,
  portalOf,
  requireResident,
  resolveResident,
  type AppContext,
  type ProposalInput,
  type ProposalUpload,
  type PublicPortal,
  type ResidentCaller,
} from "@orientir/app";
import { NotFoundError, PROPOSAL_FILE_LIMITS, ValidationError } from "@orientir/domain";
import { renderMessage, renderNotFound, type PortalLink, type ResidentView } from "@orientir/portal";
import type { ProposalFormState } from "@orientir/portal/pages/ProposalForm";
import { RESIDENT_COOKIE } from "./routes/portal.ts";
import { checkInput } from "./input-guard.ts";
import { formError, one, type FormBody } from "./portal-pages.ts";

type Req = FastifyRequest<{ Params: Record<string, string> }>;

/** At most this many file parts are accepted in one request (the rest of the form is refused). */
const MAX_FILE_PARTS = 20;

/** The multipart reader of the portal's plugin (its parser answers multipart/form-data there only). */
export function registerMultipart(scope: FastifyInstance): void {
  void scope.register(fastifyMultipart, {
    throwFileSizeLimit: false,
    limits: {
      fileSize: PROPOSAL_FILE_LIMITS.bytes + 1,
      files: MAX_FILE_PARTS,
      fields: 30,
      fieldSize: 64 * 1024,
      parts: MAX_FILE_PARTS + 30,
      headerPairs: 50,
    },
  });
}

function add(b: FormBody, k: string, v: string): void {
  const prev = b[k];
  b[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
}

function isLimitError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "FST_FILES_LIMIT" || code === "FST_PARTS_LIMIT" || code === "FST_FIELDS_LIMIT";
}

/**
 * The form's fields and files. `keep` false drains the files unread (no session: nothing to keep).
 * A file field left empty comes as a part without a name and is skipped.
 */
async function readMultipart(req: Req, keep: boolean): Promise<{ fields: FormBody; files: ProposalUpload[] }> {
  const fields = Object.create(null) as FormBody;
  const files: ProposalUpload[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === "field") {
        if (typeof part.value === "string") add(fields, part.fieldname, part.value);
        continue;
      }
      const wanted = keep && part.fieldname === "files" && part.filename !== "" && files.length <= PROPOSAL_FILE_LIMITS.count;
      if (!wanted) {
        part.file.resume();
        await finished(part.file);
        continue;
      }
      files.push({ filename: part.filename, content: await part.toBuffer() });
    }
  } catch (e) {
    if (isLimitError(e))
      throw new ValidationError([
        {
          path: "body.files",
          message: `Не больше ${PROPOSAL_FILE_LIMITS.count} файлов к предложению`,
          messageEn: `At most ${PROPOSAL_FILE_LIMITS.count} files`,
        },
      ]);
    throw e;
  }
  return { fields, files };
}

export interface ProposalFormDeps {
  link: (p: PublicPortal) => PortalLink;
  who: (r: ResidentCaller | null) => ResidentView | null;
  /** The publication's page, with the proposal form shown again when a state is given. */
  publicationHtml: (portal: PublicPortal, resident: ResidentCaller | null, id: string, form: ProposalFormState | null) => Promise<string>;
}

export function proposalFormRoute(server: FastifyInstance, app: AppContext, deps: ProposalFormDeps): void {
  server.post("/p/:municipality/publications/:id/proposals", async (req: Req, reply: FastifyReply) => {
    reply.header("cache-control", "no-store");
    const html = (code: number, body: string) => reply.code(code).type("text/html; charset=utf-8").send(body);
    const portal = await portalOf(app, String(req.params.municipality ?? "")).catch(() => null);
    const multipart = req.isMultipart();
    if (!portal) {
      if (multipart) await readMultipart(req, false).catch(() => null);
      return html(404, renderNotFound(null));
    }
    // a form from another site is refused (the cookie is SameSite=Lax; the token covers the rest)
    const origin = req.headers.origin;
    if (typeof origin === "string" && origin !== "null" && new URL(origin).host !== req.headers.host) {
      if (multipart) await readMultipart(req, false).catch(() => null);
      return html(403, renderNotFound(deps.link(portal)));
    }
    const resident = await resolveResident(app, req.cookies[RESIDENT_COOKIE]);
    const id = req.params.id ?? "";
    let fields: FormBody = {};
    try {
      let files: ProposalUpload[] = [];
      if (multipart) ({ fields, files } = await readMultipart(req, resident !== null));
      else if (typeof req.body === "object" && req.body !== null) fields = req.body as FormBody;
      const r = requireResident(resident, one(fields, "csrf"), true);
      if (!/^[0-9a-f-]{36}$/.test(id)) throw new NotFoundError("публикация", id);
      checkInput(fields, "body");
      const kind = one(fields, "kind");
      if (kind !== "proposal" && kind !== "remark")
        throw new ValidationError([{ path: "body.kind", message: "Вид: предложение или замечание" }]);
      const text = one(fields, "text");
      if (!text.trim() || text.length > 10000) throw new ValidationError([{ path: "body.text", message: "Текст: от 1 до 10 000 знаков" }]);
      const orgName = one(fields, "orgName").trim();
      const input: ProposalInput = {
        kind,
        anchor: one(fields, "anchor"),
        text,
        ...(orgName
          ? {
              organisation: {
                name: orgName,
                inn: one(fields, "orgInn").trim() || null,
                ogrn: one(fields, "orgOgrn").trim() || null,
                role: one(fields, "orgRole"),
              },
            }
          : {}),
        ...(files.length ? { files } : {}),
      };
      const p = await makeProposal(app, portal, r, id, input);
      return reply.code(303).header("location", `/p/${portal.slug}/publications/${id}#proposal-${p.id}`).send("");
    } catch (e) {
      const f = formError(e);
      if (!f) throw e;
      // refused by its content: the page again, the form filled with what was typed, the reasons above it
      if (e instanceof ValidationError && resident) {
        const state: ProposalFormState = {
          errors: e.issues.map((i) => i.message),
          values: {
            anchor: one(fields, "anchor"),
            kind: one(fields, "kind"),
            text: one(fields, "text"),
            orgName: one(fields, "orgName"),
            orgInn: one(fields, "orgInn"),
            orgOgrn: one(fields, "orgOgrn"),
            orgRole: one(fields, "orgRole"),
          },
        };
        const page = await deps.publicationHtml(portal, resident, id, state).catch((x: unknown) => {
          if (x instanceof NotFoundError) return null;
          throw x;
        });
        if (page !== null) return html(400, page);
      }
      return html(
        f.status,
        renderMessage({
          portal: deps.link(portal),
          title: "Не выполнено",
          text: f.text,
          back: String(req.headers.referer ?? `/p/${portal.slug}`),
          resident: deps.who(resident),
          error: true,
        }),
      );
    }
  });
}
