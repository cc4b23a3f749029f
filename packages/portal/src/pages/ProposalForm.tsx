/**
 * The form of a proposal or remark on a draft under discussion (issue 14, part 3), without script:
 * the place in the document, the kind, the text, up to three files and, optionally, the
 * organisation on whose behalf it is made; posted as multipart/form-data to
 * /p/<slug>/publications/<id>/proposals. A refused form comes back with what was typed (a browser
 * never refills a file field) and the reasons, each naming its file.
 */
import type { PortalLink, ResidentView } from "../index.tsx";

/** What the resident typed, and why the form was refused, when it is shown again. */
export interface ProposalFormState {
  errors: string[];
  values: { anchor: string; kind: string; text: string; orgName: string; orgInn: string; orgOgrn: string; orgRole: string };
}

export function ProposalForm(v: {
  portal: PortalLink;
  publicationId: string;
  anchors: [string, string][];
  resident: ResidentView | null;
  state?: ProposalFormState | null | undefined;
}) {
  const base = `/p/${v.portal.slug}`;
  const val = v.state?.values;
  const errors = v.state?.errors ?? [];
  if (!v.resident)
    return (
      <p>
        <a href={`${base}/sign-in`}>Войдите</a>, чтобы внести предложение или замечание к проекту.
      </p>
    );
  return (
    <form
      method="post"
      action={`${base}/publications/${v.publicationId}/proposals`}
      encType="multipart/form-data"
      className="card"
      id="proposal-form"
      aria-describedby={errors.length ? "proposal-form-errors" : undefined}
    >
      <input type="hidden" name="csrf" value={v.resident.csrf} />
      {errors.length ? (
        <div className="error" role="alert" id="proposal-form-errors">
          <strong>Предложение не принято:</strong>
          <ul>
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
          {val ? <p>Текст сохранен в форме; файлы выберите заново.</p> : null}
        </div>
      ) : null}
      <label>
        Место в документе
        <select name="anchor" defaultValue={val?.anchor || "document"}>
          {v.anchors.map(([anchor, label]) => (
            <option key={anchor} value={anchor}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Вид</legend>
        <label>
          <input type="radio" name="kind" value="proposal" defaultChecked={val?.kind !== "remark"} /> Предложение
        </label>
        <label>
          <input type="radio" name="kind" value="remark" defaultChecked={val?.kind === "remark"} /> Замечание
        </label>
      </fieldset>
      <label>
        Текст
        <textarea name="text" rows={4} required maxLength={10000} defaultValue={val?.text ?? ""} />
      </label>
      <label>
        Файлы (необязательно)
        <input
          type="file"
          name="files"
          multiple
          accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
          aria-describedby="proposal-files-hint"
        />
      </label>
      <p className="muted" id="proposal-files-hint">
        До 3 файлов: PDF, DOCX, XLSX, PNG или JPEG, каждый до 5 МБ (тип проверяется по содержимому).
      </p>
      <details open={!!val?.orgName}>
        <summary>От имени организации</summary>
        <label>
          Наименование организации <input type="text" name="orgName" defaultValue={val?.orgName ?? ""} maxLength={500} />
        </label>
        <label>
          ИНН (необязательно) <input type="text" name="orgInn" defaultValue={val?.orgInn ?? ""} inputMode="numeric" maxLength={12} />
        </label>
        <label>
          ОГРН (необязательно) <input type="text" name="orgOgrn" defaultValue={val?.orgOgrn ?? ""} inputMode="numeric" maxLength={15} />
        </label>
        <label>
          Кем вы являетесь в организации <input type="text" name="orgRole" defaultValue={val?.orgRole ?? ""} maxLength={200} />
        </label>
      </details>
      <button type="submit">Отправить</button>
      <p className="muted">Предложение публикуется после модерации под вашими инициалами; ответ придет в уведомления и на e-mail.</p>
    </form>
  );
}
