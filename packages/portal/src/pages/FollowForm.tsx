/**
 * «Следить» without script (issue 14, part 8): a signed-in resident follows a document, a proposal
 * or a vote from its page and is then told of its changes — a new version, an answer, a result,
 * a score — in the portal and by e-mail, each mail with a one-click unsubscribe link.
 */
export function FollowForm(props: {
  base: string;
  csrf: string;
  objectType: "publication" | "proposal" | "vote";
  objectId: string;
  label: string;
  hint: string;
}) {
  return (
    <form method="post" action={`${props.base}/follows`} className="follow">
      <input type="hidden" name="csrf" value={props.csrf} />
      <input type="hidden" name="objectType" value={props.objectType} />
      <input type="hidden" name="objectId" value={props.objectId} />
      <button type="submit">{props.label}</button> <span className="muted">{props.hint}</span>
    </form>
  );
}
