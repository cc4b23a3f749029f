/**
 * Residents' sign-in by OpenID Connect (issue 14, part 2) to the identity provider the deployment
 * configures (ЕСИА/Госуслуги is such a provider): the authorization code flow with PKCE (S256),
 * state and nonce, through `openid-client` (discovery, the token request, the ID token's signature,
 * issuer, audience, expiry and nonce checked by the library). The state, nonce and PKCE verifier
 * of a sign-in under way are a row of `resident_oidc_login` (only the state's hash; used once, 10
 * minutes), so the provider may send the browser back to any server process.
 *
 * The account is linked by the provider's issuer and subject, never by e-mail alone: a subject
 * seen before signs in its resident; a resident signed in (by a code) who starts the flow links
 * the subject to their account; otherwise a new resident is made — unless the provider's e-mail
 * belongs to an account already, which is then refused (sign in by the code first and link). What
 * the provider vouched for is recorded as verified: the identity, the name, the year of birth and
 * the address when the claims give them (vote eligibility, `ineligibility`).
 */
import { createHash, randomBytes } from "node:crypto";
import * as oidc from "openid-client";
import {
  consentsOf,
  insertConsent,
  insertOidcLogin,
  insertResidentSession,
  insertVerifiedResident,
  linkIdentity,
  recordVerifiedIdentity,
  residentByEmailAny,
  residentOfIdentity,
  takeOidcLogin,
  type Queryable,
  type ResidentRecord,
} from "@orientir/db";
import { ConflictError, ValidationError } from "@orientir/domain";
import type { AppContext } from "../context.ts";
import { audit } from "../audit.ts";
import type { PublicPortal } from "./publications.ts";
import {
  CONSENT_TEXT,
  RESIDENT_LIMITS,
  RESIDENT_SESSION_HOURS,
  residentSessionIdOf,
  profileOf,
  throttle,
  type ResidentSignInResult,
} from "./residents.ts";

/** Where each resident's fact is in the provider's claims (a dotted path, e.g. `address.formatted`). */
export interface OidcClaimMap {
  name: string;
  familyName: string;
  givenName: string;
  middleName: string;
  email: string;
  emailVerified: string;
  /** a full date (`YYYY-MM-DD`, OIDC `birthdate`) or a year */
  birthdate: string;
  address: string;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  scopes: string;
  /** The text of the portal's button. */
  label: string;
  claims: OidcClaimMap;
  /** The deployment's public address: the redirect URI is `<publicUrl>/p/<slug>/sign-in/oidc/callback`. */
  publicUrl: string;
  /** Allow an issuer over plain HTTP (a provider on the local machine; never in production). */
  allowHttp: boolean;
}

export const DEFAULT_OIDC_CLAIMS: OidcClaimMap = {
  name: "name",
  familyName: "family_name",
  givenName: "given_name",
  middleName: "middle_name",
  email: "email",
  emailVerified: "email_verified",
  birthdate: "birthdate",
  address: "address.formatted",
};

/**
 * The provider configured by the environment, or null (no button on the portal):
 * ORIENTIR_OIDC_ISSUER, ORIENTIR_OIDC_CLIENT_ID, ORIENTIR_OIDC_CLIENT_SECRET,
 * ORIENTIR_OIDC_SCOPES (default `openid profile email address`), ORIENTIR_OIDC_LABEL,
 * ORIENTIR_OIDC_CLAIMS (JSON: {"birthdate":"birth_date",…} over the defaults), ORIENTIR_PUBLIC_URL,
 * ORIENTIR_OIDC_ALLOW_HTTP=1.
 */
export function oidcConfigFromEnv(env: Record<string, string | undefined>): OidcConfig | null {
  const issuer = env.ORIENTIR_OIDC_ISSUER?.trim();
  if (!issuer) return null;
  const clientId = env.ORIENTIR_OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new Error("ORIENTIR_OIDC_CLIENT_ID is required with ORIENTIR_OIDC_ISSUER");
  let claims = DEFAULT_OIDC_CLAIMS;
  if (env.ORIENTIR_OIDC_CLAIMS?.trim()) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(env.ORIENTIR_OIDC_CLAIMS);
    } catch {
      throw new Error("ORIENTIR_OIDC_CLAIMS: a JSON object of claim names");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("ORIENTIR_OIDC_CLAIMS: a JSON object");
    for (const [k, v] of Object.entries(parsed))
      if (!(k in DEFAULT_OIDC_CLAIMS) || typeof v !== "string") throw new Error(`ORIENTIR_OIDC_CLAIMS: unknown or wrong entry «${k}»`);
    claims = { ...DEFAULT_OIDC_CLAIMS, ...(parsed as Partial<OidcClaimMap>) };
  }
  return {
    issuer,
    clientId,
    clientSecret: env.ORIENTIR_OIDC_CLIENT_SECRET?.trim() || null,
    scopes: env.ORIENTIR_OIDC_SCOPES?.trim() || "openid profile email address",
    label: env.ORIENTIR_OIDC_LABEL?.trim() || "Войти через поставщика идентификации",
    claims,
    publicUrl: (env.ORIENTIR_PUBLIC_URL?.trim() || `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, ""),
    allowHttp: env.ORIENTIR_OIDC_ALLOW_HTTP === "1",
  };
}

const LOGIN_MINUTES = 10;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

// the provider's metadata, discovered once per process and configuration
const discovered = new WeakMap<OidcConfig, Promise<oidc.Configuration>>();

function providerOf(cfg: OidcConfig): Promise<oidc.Configuration> {
  let c = discovered.get(cfg);
  if (!c) {
    c = oidc.discovery(
      new URL(cfg.issuer),
      cfg.clientId,
      undefined,
      cfg.clientSecret ? oidc.ClientSecretBasic(cfg.clientSecret) : oidc.None(),
      // the ID token's signature is checked against the provider's keys too (not only TLS)
      { execute: cfg.allowHttp ? [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks] : [oidc.enableNonRepudiationChecks] },
    );
    // a provider away now is asked again next time
    c.catch(() => discovered.delete(cfg));
    discovered.set(cfg, c);
  }
  return c;
}

export function oidcRedirectUri(cfg: OidcConfig, portal: PublicPortal): string {
  return `${cfg.publicUrl}/p/${portal.slug}/sign-in/oidc/callback`;
}

/**
 * Starts a sign-in: stores the state's hash, the nonce and the PKCE verifier, and answers the
 * provider's authorization URL to send the browser to. `linkTo`: the resident signed in now, whose
 * account the provider's subject is to be linked to.
 */
export async function startOidcSignIn(
  ctx: AppContext,
  cfg: OidcConfig,
  portal: PublicPortal,
  opts: { consent: boolean; linkTo: string | null; ip: string },
): Promise<string> {
  const provider = await providerOf(cfg);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const verifier = oidc.randomPKCECodeVerifier();
  const challenge = await oidc.calculatePKCECodeChallenge(verifier);
  await ctx.db.tx(async (q) => {
    await throttle(ctx, q, `signin:ip:${opts.ip}`, RESIDENT_LIMITS.signInPerIpHour);
    await insertOidcLogin(q, {
      stateHash: sha256(state),
      nonce,
      codeVerifier: verifier,
      municipalityId: portal.municipalityId,
      consent: opts.consent,
      linkResidentId: opts.linkTo,
      expiresAt: new Date(ctx.now().getTime() + LOGIN_MINUTES * 60_000).toISOString(),
    });
  });
  return oidc
    .buildAuthorizationUrl(provider, {
      redirect_uri: oidcRedirectUri(cfg, portal),
      scope: cfg.scopes,
      response_type: "code",
      state,
      nonce,
      code_challenge: challenge,
      code_challenge_method: "S256",
    })
    .toString();
}

function claimAt(claims: Record<string, unknown>, path: string): unknown {
  let v: unknown = claims;
  for (const k of path.split(".")) {
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim().slice(0, 500) : null);

/** What the provider's claims say of the resident, by the configured map. */
export function residentFacts(claims: Record<string, unknown>, map: OidcClaimMap, thisYear: number) {
  const parts = [map.familyName, map.givenName, map.middleName].map((p) => text(claimAt(claims, p))).filter((x): x is string => !!x);
  const fullName = parts.length >= 2 ? parts.join(" ") : text(claimAt(claims, map.name));
  const emailRaw = text(claimAt(claims, map.email));
  const email = emailRaw && /^[^\s@]+@[^\s@]+$/.test(emailRaw) ? emailRaw.toLowerCase() : null;
  const ev = claimAt(claims, map.emailVerified);
  const b = claimAt(claims, map.birthdate);
  const year = typeof b === "number" ? b : typeof b === "string" ? Number(/^(\d{4})/.exec(b)?.[1]) : NaN;
  const birthYear = Number.isInteger(year) && year >= 1900 && year <= thisYear ? year : null;
  return { fullName, email, emailVerified: ev === true || ev === "true", birthYear, address: text(claimAt(claims, map.address)) };
}

const bad = (message: string) => new ValidationError([{ path: "query.state", message }]);

/**
 * Completes a sign-in from the provider's redirect (`callbackUrl`: the full URL the browser came
 * back to). A state unknown, used or expired, a wrong code, a nonce or signature that does not
 * match: 400, nothing written. Answers the resident's new session.
 */
export async function finishOidcSignIn(
  ctx: AppContext,
  cfg: OidcConfig,
  portal: PublicPortal,
  callbackUrl: URL,
): Promise<ResidentSignInResult> {
  const state = callbackUrl.searchParams.get("state");
  if (!state) throw bad("Нет параметра state");
  const providerError = callbackUrl.searchParams.get("error");
  const login = await ctx.db.tx((q) => takeOidcLogin(q, sha256(state), ctx.now().toISOString()));
  if (!login || login.municipalityId !== portal.municipalityId) throw bad("Вход не начат на этом портале, просрочен или уже завершен");
  if (providerError) throw bad(`Поставщик идентификации отказал во входе: ${providerError.slice(0, 100)}`);
  const provider = await providerOf(cfg);
  let claims: Record<string, unknown>;
  let subject: string;
  try {
    // the redirect URI as registered: the callback's own address may differ behind a proxy
    const url = new URL(oidcRedirectUri(cfg, portal));
    url.search = callbackUrl.search;
    const tokens = await oidc.authorizationCodeGrant(provider, url, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error("no ID token");
    subject = idClaims.sub;
    let userinfo: Record<string, unknown> = {};
    if (provider.serverMetadata().userinfo_endpoint) userinfo = { ...(await oidc.fetchUserInfo(provider, tokens.access_token, subject)) };
    claims = { ...userinfo, ...idClaims };
  } catch (e) {
    // the library's own reason (an unexpected "nonce" claim, a signature that does not verify…)
    const cause = (e as { cause?: unknown }).cause;
    const why = cause instanceof Error ? cause.message : (e as Error).message;
    throw new ValidationError([{ path: "query.code", message: `Ответ поставщика идентификации не принят: ${why.slice(0, 200)}` }]);
  }
  const issuer = provider.serverMetadata().issuer;
  const now = ctx.now();
  const facts = residentFacts(claims, cfg.claims, now.getUTCFullYear());
  return ctx.db.tx(async (q) => {
    let resident = await residentOfIdentity(q, issuer, subject);
    let action = "resident.signInOidc";
    if (login.linkResidentId) {
      if (resident && resident.id !== login.linkResidentId)
        throw new ConflictError("Эта учетная запись поставщика идентификации уже связана с другим жителем");
      if (!resident) {
        if (!(await linkIdentity(q, issuer, subject, login.linkResidentId, now.toISOString())))
          throw new ConflictError("Эта учетная запись поставщика идентификации уже связана с другим жителем");
        action = "resident.linkIdentity";
      }
      resident = (await residentOfIdentity(q, issuer, subject))!;
    } else if (!resident) {
      if (facts.email && (await residentByEmailAny(q, facts.email)))
        throw new ConflictError(
          "Учетная запись с этим адресом электронной почты уже есть: войдите по коду из письма, затем нажмите кнопку входа через поставщика, чтобы связать учетные записи",
        );
      if (!login.consent)
        throw new ValidationError([{ path: "body.consent", message: "Нужно согласие на обработку персональных данных (152-ФЗ)" }]);
      resident = await insertVerifiedResident(q, { email: facts.email, emailConfirmed: facts.emailVerified, at: now.toISOString() });
      await linkIdentity(q, issuer, subject, resident.id, now.toISOString());
    } else {
      await linkIdentity(q, issuer, subject, resident.id, now.toISOString());
    }
    const hasConsent = (await consentsOf(q, resident.id)).some((c) => c.withdrawnAt === null);
    if (!hasConsent) {
      if (!login.consent)
        throw new ValidationError([{ path: "body.consent", message: "Нужно согласие на обработку персональных данных (152-ФЗ)" }]);
      await insertConsent(q, { residentId: resident.id, text: CONSENT_TEXT, sha256: sha256(CONSENT_TEXT), at: now.toISOString() });
    }
    const verified = await recordVerifiedIdentity(q, resident.id, {
      at: now.toISOString(),
      fullName: facts.fullName,
      birthYear: facts.birthYear,
      address: facts.address,
      emailConfirmed: facts.emailVerified && facts.email !== null && facts.email === resident.email,
    });
    await audit(
      q,
      { actor: null, requestId: null },
      {
        action,
        objectType: "resident",
        objectId: resident.id,
        municipalityId: null,
        login: `resident:${resident.id}`,
        after: { issuer, birthYearVerified: verified.birthYearVerified, addressVerified: verified.addressVerified },
      },
    );
    return openSession(q, now, verified);
  });
}

async function openSession(q: Queryable, now: Date, resident: ResidentRecord): Promise<ResidentSignInResult> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  await insertResidentSession(q, {
    id: residentSessionIdOf(token),
    residentId: resident.id,
    csrfToken,
    expiresAt: new Date(now.getTime() + RESIDENT_SESSION_HOURS * 3600_000).toISOString(),
  });
  return {
    token,
    csrfToken,
    maxAgeSeconds: RESIDENT_SESSION_HOURS * 3600,
    resident: await profileOf(q, resident),
  };
}
