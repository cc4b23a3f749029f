import {
  dateDemoBudgetFigures,
  seedControlDemo,
  seedCouncilDemo,
  seedDemoReports,
  seedHearingsDemo,
  seedMunicipalities,
  seedPortalDemo,
  seedPortalParticipationDemo,
  seedVersionsInForce,
  type AppContext,
} from "@orientir/app";
import { renderProtocol } from "@orientir/reports";
import { withDatabase } from "../runtime.ts";
import type { IO } from "../main.ts";

export const DEMO_PASSWORD = "demo";

export async function seedDemo(ctx: AppContext, io: IO): Promise<void> {
  // the demo data is large: loaded only when it is used
  const { DEMO_MUNICIPALITIES, DEMO_REPORTS, DEMO_USERS, demoDecreeOf, KALUGA_NAME } = await import("@orientir/db/demo");
  const r = await seedMunicipalities(ctx, DEMO_MUNICIPALITIES, DEMO_USERS, DEMO_PASSWORD);
  if (r.municipalities.length) io.err(`demo municipalities loaded: ${r.municipalities.join(", ")}`);
  // the demo programs are in force, approved by their decrees: an executor may draft an amendment at once
  for (const name of r.municipalities) {
    const registered = await seedVersionsInForce(ctx, name, "admin", demoDecreeOf(name));
    if (registered.length) io.err(`versions in force recorded (${name}): ${registered.join(", ")}`);
    await dateDemoBudgetFigures(ctx, name);
    // the reports of past periods, so that the control page shows what a real year leaves overdue, not every deadline
    const reports = await seedDemoReports(ctx, name, DEMO_REPORTS[name] ?? []);
    if (reports) io.err(`past reports recorded (${name}): ${reports}`);
  }
  // the public portal of Kaluga: a draft amendment on discussion with proposals, a closed vote (issue 14)
  if (r.municipalities.includes(KALUGA_NAME) && (await seedPortalDemo(ctx, KALUGA_NAME, "kaluga")))
    io.err(`public portal (${KALUGA_NAME}): /p/kaluga; residents resident1…resident3@demo.orientir.example sign in by a code`);
  if (r.municipalities.includes(KALUGA_NAME) && (await seedCouncilDemo(ctx, KALUGA_NAME)))
    io.err(`public council (${KALUGA_NAME}): /p/kaluga/council`);
  // the portal's finished discussion with its protocol, the draft action plan, Q&A and surveys (issue 14, parts 4, 5, 10)
  if (r.municipalities.includes(KALUGA_NAME) && (await seedPortalParticipationDemo(ctx, KALUGA_NAME, "kaluga", renderProtocol)))
    io.err(`public portal (${KALUGA_NAME}): finished discussion with its protocol, draft action plan, Q&A transcript, surveys`);
  // public hearings: held during the finished discussion (with their protocol), announced on the draft amendment
  if (r.municipalities.includes(KALUGA_NAME) && (await seedHearingsDemo(ctx, KALUGA_NAME)))
    io.err(`public hearings (${KALUGA_NAME}): /p/kaluga/hearings, staff page /portal/discussions`);
  // the office's registry of Kaluga for 2022 and 2023 (issue 15): source 003's counts, generated in SQL
  if (r.municipalities.includes(KALUGA_NAME)) {
    const started = Date.now();
    const control = await seedControlDemo(ctx, KALUGA_NAME);
    if (control)
      io.err(
        `office registry of ${KALUGA_NAME} (2022–2023) loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
          Object.entries(control)
            .map(([t, n]) => `${t} ${n}`)
            .join(", "),
      );
  }
  if (r.skipped.length) io.err(`already there, left as they are: ${r.skipped.join(", ")}`);
  io.err(`demo accounts (password "${DEMO_PASSWORD}"): ${r.users.join(", ")}`);
}

export async function seedDemoCommand(args: string[], io: IO): Promise<number> {
  if (args.includes("--help")) {
    io.out(`orientir seed-demo — load the demo data (Kaluga and Kant) and the demo accounts

Municipalities already present (by name) are left as they are. Each demo program of a municipality
loaded now gets its version in force (approved by a demo decree), so that its executor can draft an
amendment. The demo accounts admin, economy,
finance, audit, executor, coexecutor, head and viewer get the password "demo".`);
    return 0;
  }
  await withDatabase(
    (ctx) => seedDemo(ctx, io),
    (m) => io.err(m),
  );
  return 0;
}
