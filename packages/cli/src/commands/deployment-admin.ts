import { setDeploymentAdministrator, listDeploymentAdministrators } from "@orientir/app";
import { issuesAsErrors, withDatabase } from "../runtime.ts";
import type { IO } from "../main.ts";

const HELP = `orientir deployment-admin LOGIN [--off] | --list — the deployment administrators

A deployment administrator manages the accounts that belong to several municipalities (or whose
login exists elsewhere): their password, name, e-mail, blocking and second factor. A
municipality's administrator manages only the accounts of their municipality alone.

  LOGIN          make the account a deployment administrator
  LOGIN --off    no longer a deployment administrator (the account's sessions end)
  --list         the deployment administrators`;

export async function deploymentAdminCommand(args: string[], io: IO): Promise<number> {
  if (args.includes("--help")) {
    io.out(HELP);
    return 0;
  }
  if (args.length === 1 && args[0] === "--list") {
    await withDatabase(async (ctx) => {
      for (const u of await listDeploymentAdministrators(ctx)) io.out(`${u.login}\t${u.fullName}`);
    });
    return 0;
  }
  const off = args.includes("--off");
  const rest = args.filter((a) => a !== "--off");
  if (rest.length !== 1 || rest[0]!.startsWith("-")) {
    io.err("usage: orientir deployment-admin LOGIN [--off] | --list (see --help)");
    return 2;
  }
  return issuesAsErrors(io, async () => {
    await withDatabase(async (ctx) => {
      await setDeploymentAdministrator(ctx, rest[0]!, !off);
    });
    io.out(`${rest[0]}: ${off ? "no longer a deployment administrator" : "deployment administrator"}`);
    return 0;
  });
}
