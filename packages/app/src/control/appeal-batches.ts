/**
 * Registrations written together (issue 15, part 6): a municipality's registrations are ordered by
 * its numbering counter and its audit chain, each held until the COMMIT has flushed the WAL — so
 * written one by one they pass at most one per (statement + flush). Here each process writes them in
 * groups: a registration that arrives while one of its municipality (and kind and year) is being
 * written waits, and those waiting are then written together by one transaction
 * (`registerAppealsAndCommit`: consecutive numbers, the appeals, their first steps, their audit
 * entries chained in order, one COMMIT), at most APPEAL_BATCH_MAX at once; each caller gets its own
 * row. One alone is written at once (no waiting for company). A batch that fails keeps nothing, and
 * each of its registrations is then written alone, so that only the faulty one fails, with its own
 * error. Several processes stay correct: the counter's row lock orders their batches.
 */
import { AsyncResource } from "node:async_hooks";
import { APPEAL_BATCH_MAX, registerAppealsAndCommit, type AppealRecord, type AppealToRegister, type Db } from "@orientir/db";
import { UnavailableError } from "@orientir/domain";

/**
 * The context the lines' writes run in: the module's, not the request's that happened to start a
 * line (its reads' turn, its logging): made when the module loads, outside any request.
 */
const outside = new AsyncResource("orientir.registrationBatches");

/** What a group's write lost with its connection: perhaps saved, so nothing is written again. */
const perhapsSaved = () =>
  new UnavailableError(
    "Соединение с базой данных потеряно во время сохранения: обращение могло быть зарегистрировано. Проверьте по списку, прежде чем повторять",
    5,
    true,
  );

interface Waiting {
  item: AppealToRegister;
  resolve: (row: AppealRecord) => void;
  reject: (e: unknown) => void;
}

/** The registrations of one counter (municipality, kind, year) waiting while its batch is written (the line exists while it is). */
interface Line {
  waiting: Waiting[];
}

export class RegistrationBatches {
  private readonly lines = new Map<string, Line>();

  constructor(
    private readonly db: Db,
    private readonly max = APPEAL_BATCH_MAX,
  ) {}

  /** Writes the registration (with those waiting beside it); answers its row, or its own error. */
  register(item: AppealToRegister): Promise<AppealRecord> {
    const a = item.appeal;
    const key = `${a.municipalityId}|${a.kind}|${a.year}`;
    return new Promise<AppealRecord>((resolve, reject) => {
      const line = this.lines.get(key);
      if (line) {
        line.waiting.push({ item, resolve, reject });
        return;
      }
      const fresh: Line = { waiting: [{ item, resolve, reject }] };
      this.lines.set(key, fresh);
      outside.runInAsyncScope(() => void this.drain(key, fresh));
    });
  }

  /** Writes the line's batches one after another until none waits. */
  private async drain(key: string, line: Line): Promise<void> {
    try {
      while (line.waiting.length > 0) await this.write(line.waiting.splice(0, this.max));
    } catch (e) {
      // not expected (write answers every registration itself): none left waiting for ever
      for (const w of line.waiting.splice(0)) w.reject(e);
    } finally {
      this.lines.delete(key);
    }
  }

  /**
   * One message, no BEGIN of its own: PostgreSQL runs the statements of one simple-query message as
   * one transaction (all or nothing), so a group costs one round trip.
   */
  private async once(items: AppealToRegister[]): Promise<AppealRecord[]> {
    try {
      return await registerAppealsAndCommit(this.db, items);
    } catch (e) {
      // the connection lost: whether the message was run is not known
      throw e instanceof UnavailableError ? perhapsSaved() : e;
    }
  }

  private async write(batch: Waiting[]): Promise<void> {
    let rows: AppealRecord[];
    try {
      rows = await this.once(batch.map((w) => w.item));
    } catch (e) {
      // alone, or perhaps saved (the connection lost): its own error, nothing written again
      if (batch.length === 1 || e instanceof UnavailableError) {
        for (const w of batch) w.reject(e);
        return;
      }
      // nothing of the batch is kept: each written alone, so that only the faulty one fails
      for (const w of batch) {
        try {
          w.resolve((await this.once([w.item]))[0]!);
        } catch (err) {
          w.reject(err);
        }
      }
      return;
    }
    batch.forEach((w, k) => w.resolve(rows[k]!));
  }
}

/** The process's batches, per database (one per application context). */
const perDb = new WeakMap<Db, RegistrationBatches>();

/** Registers the prepared appeal through its municipality's batches in this process. */
export function registerInBatch(db: Db, item: AppealToRegister): Promise<AppealRecord> {
  let b = perDb.get(db);
  if (!b) perDb.set(db, (b = new RegistrationBatches(db)));
  return b.register(item);
}
