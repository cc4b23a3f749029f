/**
 * A local SMTP sink to watch the reminder e-mails of a running Orientir: it accepts every message
 * and prints its envelope, subject, reminder key and text; nothing is delivered anywhere.
 *
 *   npx tsx scripts/smtp-sink.ts            # listens on 127.0.0.1:2525 (SMTP_SINK_PORT to change)
 *   SMTP_URL=smtp://127.0.0.1:2525 npm start
 */
import { SMTPServer } from "smtp-server";

const port = Number(process.env.SMTP_SINK_PORT ?? 2525);

/** The text of a simple message: headers unfolded, a quoted-printable or base64 body decoded. */
function describe(raw: string): { header(name: string): string; text: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = (split < 0 ? raw : raw.slice(0, split)).replace(/\r?\n[ \t]+/g, " ");
  let body = split < 0 ? "" : raw.slice(split).trim();
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "mi").exec(head)?.[1]?.trim() ?? "";
  const decodeWords = (s: string) =>
    s.replace(/\?=\s+=\?/g, "?==?").replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === "b"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text.replace(/_/g, " ").replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            "latin1",
          ).toString("utf8"),
    );
  // a multipart message: the first text/plain part
  const boundary = /boundary="?([^";\s]+)"?/i.exec(head)?.[1];
  let encoding = header("Content-Transfer-Encoding").toLowerCase();
  if (boundary) {
    const part = body.split(`--${boundary}`).find((p) => /content-type:\s*text\/plain/i.test(p)) ?? "";
    const at = part.search(/\r?\n\r?\n/);
    encoding = /content-transfer-encoding:\s*(\S+)/i.exec(part.slice(0, at))?.[1]?.toLowerCase() ?? "";
    body = at < 0 ? part : part.slice(at).trim();
  }
  if (encoding === "base64") body = Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  else if (encoding === "quoted-printable") {
    body = Buffer.from(
      body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
      "latin1",
    ).toString("utf8");
  }
  return { header: (n) => decodeWords(header(n)), text: body };
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onAuth(_auth, _session, callback) {
    callback(null, { user: "sink" });
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      const m = describe(Buffer.concat(chunks).toString("utf8"));
      const to = session.envelope.rcptTo.map((r) => r.address).join(", ");
      console.log(`\n=== ${new Date().toISOString()} → ${to}`);
      console.log(`Subject: ${m.header("Subject")}`);
      const key = m.header("X-Orientir-Reminder");
      if (key) console.log(`X-Orientir-Reminder: ${key}`);
      console.log(m.text);
      callback();
    });
  },
});

server.listen(port, "127.0.0.1", () =>
  console.log(`SMTP sink on smtp://127.0.0.1:${port} — start Orientir with SMTP_URL=smtp://127.0.0.1:${port}`),
);
