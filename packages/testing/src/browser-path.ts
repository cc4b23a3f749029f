/** Where the Chromium binary is: CHROMIUM_PATH, /usr/bin/chromium, or the one shipped in @sparticuz/chromium. */
import { existsSync } from "node:fs";

export async function chromiumPath(): Promise<string> {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];
  for (const c of candidates) if (existsSync(c)) return c;
  const sparticuz = (await import("@sparticuz/chromium")).default;
  return sparticuz.executablePath();
}
