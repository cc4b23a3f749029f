/**
 * Helpers the monitoring use cases share: the read permission, the program of the caller's
 * municipality, the year and period checks.
 */
import { getRow, type Queryable, type Row } from "@orientir/db";
import { NotFoundError, REPORT_PERIODS, ValidationError, ensure, resource, type Actor, type ReportPeriod } from "@orientir/domain";
import type { AppContext } from "../context.ts";
import { text } from "../row-values.ts";

export const nowIso = (ctx: AppContext) => ctx.now().toISOString();

export function readMonitoring(actor: Actor) {
  ensure(actor, "read", { area: "monitoring", municipalityId: actor.municipalityId });
}

export async function loadProgram(q: Queryable, actor: Actor, programId: string): Promise<Row> {
  const p = await getRow(q, resource("program"), programId);
  if (!p || p.municipalityId !== actor.municipalityId) throw new NotFoundError("муниципальная программа", programId);
  return p;
}

export function checkYear(program: Row, year: number) {
  if (!Number.isInteger(year) || year < Number(program.startYear) || year > Number(program.endYear)) {
    throw new ValidationError([
      {
        path: "year",
        message: `Год ${year} вне срока программы ${text(program.startYear)}–${text(program.endYear)}`,
        messageEn: "Year outside the program's period",
      },
    ]);
  }
}

export function checkPeriod(period: string): ReportPeriod {
  if (!(REPORT_PERIODS as readonly string[]).includes(period)) {
    throw new ValidationError([
      {
        path: "period",
        message: `Отчетный период: ${REPORT_PERIODS.join(", ")}`,
        messageEn: `period is one of ${REPORT_PERIODS.join(", ")}`,
      },
    ]);
  }
  return period as ReportPeriod;
}
