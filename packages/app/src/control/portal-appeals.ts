/**
 * The portal's appeal form (issue 15, part 3; 59-ФЗ art. 4, 7): a resident sends an appeal from the
 * portal — signed in with their account (the name and addresses filled from the profile), or without
 * one (the name, a postal address or an e-mail, the text, the topic, the district, the consent to the
 * processing of personal data) — and gets its tracking code. Registered on receipt with the channel
 * "portal"; an appeal without a name or an address is anonymous: registered, not answered. Rate-limited
 * per network address and per sender; following an appeal by its code is rate-limited too (codes are
 * not to be guessed).
 */
import { createHash } from "node:crypto";
import { appealNumberPlaceholder, appealsOfResident, type Queryable } from "@orientir/db";
import type { PortalAppealForm } from "@orientir/contracts";
import { APPEAL_CLASSIFIER, ValidationError, isAnonymous, type ClassifierSection } from "@orientir/domain";
import type { AppContext } from "../context.ts";
import { auditEntry } from "../audit-last.ts";
import { throttle } from "../portal/residents.ts";
import type { ResidentCaller } from "../portal/residents.ts";
import type { PublicPortal } from "../portal/publications.ts";
import { blankToNull, controlSetup } from "./shared.ts";
import { prepareRegistration, trackAppeal } from "./appeals.ts";
import { registerInBatch } from "./appeal-batches.ts";

/** The text a resident agrees to when sending an appeal with personal data; its SHA-256 is stored. */
export const APPEAL_CONSENT_TEXT =
  "Я даю согласие администрации муниципального образования на обработку моих персональных данных " +
  "(фамилия, имя, отчество, почтовый адрес, адрес электронной почты, сведения в тексте обращения) в целях " +
  "рассмотрения обращения и направления ответа в соответствии с Федеральными законами от 02.05.2006 № 59-ФЗ " +
  "«О порядке рассмотрения обращений граждан Российской Федерации» и от 27.07.2006 № 152-ФЗ «О персональных данных». " +
  "Данные хранятся в сроки, установленные правилами хранения, и затем удаляются.";

export const PORTAL_APPEAL_LIMITS = { perIpHour: 10, perSenderHour: 5, trackPerIpHour: 120 };

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export interface PortalAppealResult {
  number: string;
  trackingCode: string;
  registeredOn: string;
  due: string;
  anonymous: boolean;
}

/** The topics of the standard classifier, by section, for the form's choice. */
export function appealTopicChoices(): readonly ClassifierSection[] {
  return APPEAL_CLASSIFIER;
}

/** Registers an appeal sent from the portal; answers its number and tracking code. */
export async function registerPortalAppeal(
  ctx: AppContext,
  portal: PublicPortal,
  resident: ResidentCaller | null,
  form: PortalAppealForm,
  ip: string,
): Promise<PortalAppealResult> {
  const m = portal.municipalityId;
  const profile = resident?.resident ?? null;
  const author = {
    authorName: blankToNull(form.authorName) ?? blankToNull(profile?.fullName),
    authorAddress: blankToNull(form.authorAddress) ?? blankToNull(profile?.address),
    authorEmail: blankToNull(form.authorEmail)?.toLowerCase() ?? blankToNull(profile?.email),
  };
  const personal = author.authorName !== null || author.authorAddress !== null || author.authorEmail !== null;
  if (personal && !form.consent)
    throw new ValidationError([
      {
        path: "body.consent",
        message: "Нужно согласие на обработку персональных данных (152-ФЗ)",
        messageEn: "Consent to the processing of personal data is required",
      },
    ]);
  // the limits, the checks and the reads in the request's transaction (a bad form counts no attempt);
  // the write then joins the municipality's registrations being written together
  const a = await ctx.db.tx(async (q: Queryable) => {
    await throttle(ctx, q, `appeal:ip:${ip}`, PORTAL_APPEAL_LIMITS.perIpHour);
    const sender = resident ? `resident:${resident.resident.id}` : author.authorEmail ? `email:${sha256(author.authorEmail)}` : null;
    if (sender) await throttle(ctx, q, `appeal:${sender}`, PORTAL_APPEAL_LIMITS.perSenderHour);
    const setup = await controlSetup(q, m, ctx.now());
    return prepareRegistration(
      ctx,
      q,
      m,
      setup,
      {
        channel: "portal",
        receivedOn: setup.today,
        ...author,
        text: form.text,
        topicCode: form.topicCode,
        district: blankToNull(form.district),
      },
      null,
      {
        residentId: resident?.resident.id ?? null,
        consentSha256: personal ? sha256(APPEAL_CONSENT_TEXT) : null,
        consentAt: personal ? ctx.now().toISOString() : null,
      },
    ).catch((e: unknown) => {
      // the form's fields are under body. like the API's
      if (e instanceof ValidationError) throw new ValidationError(e.issues.map((i) => ({ ...i, path: `body.${i.path}` })));
      throw e;
    });
  });
  // the audit log keeps no personal data: the appeal's number (filled in by the database) and
  // whether it is anonymous
  const placeholder = appealNumberPlaceholder();
  const row = await registerInBatch(ctx.db, {
    appeal: a,
    audit: {
      at: ctx.now().toISOString(),
      placeholder,
      entry: auditEntry({ actor: null, requestId: null }, m, {
        action: "appeal.portalCreate",
        objectType: "appeal",
        objectId: a.id,
        login: resident ? `resident:${resident.resident.id}` : "portal",
        after: { number: placeholder, channel: a.channel, anonymous: a.anonymous, topicCode: a.topicCode, due: a.due },
      }),
    },
  });
  return {
    number: row.number,
    trackingCode: row.trackingCode,
    registeredOn: row.registeredOn,
    due: row.due,
    anonymous: isAnonymous(author),
  };
}

/** Where an appeal stands, for the portal's page: rate-limited per network address. */
export async function trackAppealOnPortal(ctx: AppContext, portal: PublicPortal, code: string, ip: string) {
  await ctx.db.tx((q) => throttle(ctx, q, `track:ip:${ip}`, PORTAL_APPEAL_LIMITS.trackPerIpHour));
  return trackAppeal(ctx, code, portal.municipalityId);
}

/** The appeals the signed-in resident sent from the portal. */
export async function residentAppeals(ctx: AppContext, portal: PublicPortal, resident: ResidentCaller) {
  return appealsOfResident(ctx.db, portal.municipalityId, resident.resident.id);
}
