#!/usr/bin/env node
// `npm run check:office`: renders every form in every format for the demo data and the test
// fixture, then has LibreOffice (headless) open each XLSX and DOCX and convert it to PDF. Fails on
// any file LibreOffice cannot load, converts to nothing, or reports an error or a repair for. The
// PDFs are checked by parsing them (LibreOffice opens a PDF only with its Draw import filter).
// Without LibreOffice installed it says so and exits 0; CI (.ci/run) installs it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { register } from "tsx/esm/api";

function findSoffice() {
  for (const name of ["soffice", "libreoffice"]) {
    const r = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  for (const p of [
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
  ]) {
    if (existsSync(p)) return p;
  }
  return null;
}

const soffice = findSoffice();
if (!soffice) {
  console.log(
    "check:office skipped: LibreOffice (soffice) is not installed here. Install it (Debian: apt-get install libreoffice-calc libreoffice-writer) to run this check; CI installs it.",
  );
  process.exit(0);
}

register();
const { renderAllForms, importableWorkbooks } = await import("./render-forms.ts");
const { parseProgramWorkbook } = await import("@orientir/reports");
const { extractText, getDocumentProxy } = await import("unpdf");

const work = mkdtempSync(join(tmpdir(), "orientir-office-"));
const src = join(work, "forms");
const out = join(work, "pdf");
const profile = join(work, "profile");
let failures = 0;
const fail = (m) => {
  failures++;
  console.log(`FAIL ${m}`);
};

try {
  const files = await renderAllForms(src);
  console.log(`rendered ${files.length} files`);
  const office = files.filter((f) => [".xlsx", ".docx"].includes(extname(f)));
  const batch = 20;
  const run = (dir, part) =>
    // one LibreOffice process converts a batch; a profile of its own keeps the user's settings out
    spawnSync(
      soffice,
      [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, ...part],
      {
        encoding: "utf8",
        timeout: 600_000,
      },
    );
  // the DOCX and the XLSX of a form have the same base name: each kind converts into a folder of its own
  for (const ext of [".xlsx", ".docx"]) {
    const mine = office.filter((f) => extname(f) === ext);
    const dir = join(out, ext.slice(1));
    for (let i = 0; i < mine.length; i += batch) {
      const part = mine.slice(i, i + batch);
      const r = run(dir, part);
      const log = `${r.stdout ?? ""}\n${r.stderr ?? ""}`;
      if (r.status !== 0) fail(`soffice (${ext}) exited with ${r.status}: ${log.trim().slice(0, 500)}`);
      for (const line of log.split("\n")) {
        if (/error|repair|corrupt|could not be loaded/i.test(line)) fail(`soffice: ${line.trim()}`);
      }
      for (const f of part) {
        const pdf = join(dir, basename(f, ext) + ".pdf");
        if (!existsSync(pdf) || statSync(pdf).size < 500) fail(`${basename(f)}: no PDF produced`);
        else {
          const text = (await extractText(await getDocumentProxy(new Uint8Array(readFileSync(pdf))), { mergePages: true })).text;
          if (!/[А-Яа-я]/.test(text)) fail(`${basename(f)}: the converted PDF has no Cyrillic text`);
        }
      }
    }
  }
  for (const f of files.filter((x) => extname(x) === ".pdf")) {
    try {
      const { text, totalPages } = await extractText(await getDocumentProxy(new Uint8Array(readFileSync(f))), { mergePages: true });
      if (totalPages < 1 || !/[А-Яа-я]/.test(text)) fail(`${basename(f)}: no Cyrillic text`);
    } catch (e) {
      fail(`${basename(f)}: ${e.message}`);
    }
  }
  // A workbook saved again by LibreOffice (what a user does after editing it there) must import
  // as the same program: same items, same values, no issues.
  const books = await importableWorkbooks(join(work, "books"));
  const resaved = join(work, "resaved");
  for (let i = 0; i < books.length; i += batch) {
    const part = books.slice(i, i + batch).map((b) => b.file);
    const r = spawnSync(
      soffice,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "xlsx:Calc MS Excel 2007 XML",
        "--outdir",
        resaved,
        ...part,
      ],
      {
        encoding: "utf8",
        timeout: 600_000,
      },
    );
    if (r.status !== 0) fail(`soffice (xlsx → xlsx) exited with ${r.status}: ${`${r.stdout}\n${r.stderr}`.trim().slice(0, 500)}`);
  }
  const meaning = (parsed) =>
    JSON.stringify({ layout: parsed.layout, present: parsed.present, document: parsed.document, issues: parsed.issues });
  let imported = 0;
  for (const b of books) {
    const original = await parseProgramWorkbook(readFileSync(b.file), b.program, b.context);
    if (original.layout === "unknown") continue; // a form that is only printed, not imported
    const again = join(resaved, basename(b.file));
    if (!existsSync(again)) {
      fail(`${basename(b.file)}: LibreOffice did not save it again`);
      continue;
    }
    const back = await parseProgramWorkbook(readFileSync(again), b.program, b.context);
    if (original.issues.length)
      fail(
        `${basename(b.file)}: does not import as written: ${original.issues
          .map((x) => `${x.sheet}!${x.column}${x.row}: ${x.reason}`)
          .slice(0, 3)
          .join("; ")}`,
      );
    else if (meaning(back) !== meaning(original))
      fail(
        `${basename(b.file)}: saved again by LibreOffice, it imports differently: ${back.issues
          .map((x) => `${x.sheet}!${x.column}${x.row}: ${x.reason}`)
          .slice(0, 3)
          .join("; ")}`,
      );
    imported++;
  }
  console.log(`check:office: ${imported} importable workbooks saved again by LibreOffice import unchanged`);
  console.log(failures ? `check:office: ${failures} problem(s)` : `check:office: all ${files.length} files open and convert`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failures ? 1 : 0);
