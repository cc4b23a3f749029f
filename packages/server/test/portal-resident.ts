/** A resident signed in on a test portal by the code mailed through the outbox, with a profile name. */
import { expect } from "vitest";
import type { Client, TestApp } from "@orientir/testing";

export async function signInResident(a: TestApp, slug: string, email: string, fullName: string): Promise<Client> {
  const c = a.client();
  await c.post(`/api/p/${slug}/auth/code`, { email });
  const mail = await a.ctx.db.query<{ body: string }>(
    `SELECT body FROM email_outbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`,
    [email],
  );
  const code = /(\d{6})/.exec(mail.rows[0]!.body)![1];
  const s = await c.post(`/api/p/${slug}/auth/sign-in`, { email, code, consent: true });
  expect(s.status).toBe(200);
  c.csrf = s.body.csrfToken;
  expect((await c.request("PUT", `/api/p/${slug}/me`, { fullName })).status).toBe(200);
  return c;
}
