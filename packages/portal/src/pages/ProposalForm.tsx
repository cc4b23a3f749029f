/**
 * The form of a proposal or remark on a draft under discussion (issue 14, part 3), without script:
 * the place in the document, the kind, the text and, optionally, the organisation on whose behalf
 * it is made; posted to /p/<slug>/publications/<id>/proposals.
 */
import type { PortalLink, ResidentView } from "../index.tsx";

export function ProposalForm(v: { portal: PortalLink; publicationId: string; anchors: [string, string][]; resident: ResidentView | null }) {
  const base = `/p/${v.portal.slug}`;
  if (!v.resident)
    return (
      <p>
        <a href={`${base}/sign-in`}>Войдите</a>, чтобы внести предложение или замечание к проекту.
      </p>
    );
  return (
    <form method="post" action={`${base}/publications/${v.publicationId}/proposals`} className="card">
      <input type="hidden" name="csrf" value={v.resident.csrf} />
      <label>
        Место в документе
        <select name="anchor" defaultValue="document">
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
          <input type="radio" name="kind" value="proposal" defaultChecked /> Предложение
        </label>
        <label>
          <input type="radio" name="kind" value="remark" /> Замечание
        </label>
      </fieldset>
      <label>
        Текст
        <textarea name="text" rows={4} required maxLength={10000} />
      </label>
      <details>
        <summary>От имени организации</summary>
        <label>
          Наименование организации <input type="text" name="orgName" maxLength={500} />
        </label>
        <label>
          ИНН (необязательно) <input type="text" name="orgInn" inputMode="numeric" maxLength={12} />
        </label>
        <label>
          ОГРН (необязательно) <input type="text" name="orgOgrn" inputMode="numeric" maxLength={15} />
        </label>
        <label>
          Кем вы являетесь в организации <input type="text" name="orgRole" maxLength={200} />
        </label>
      </details>
      <button type="submit">Отправить</button>
      <p className="muted">Предложение публикуется после модерации под вашими инициалами; ответ придет в уведомления и на e-mail.</p>
    </form>
  );
}
