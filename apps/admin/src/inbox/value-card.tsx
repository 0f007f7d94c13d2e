import { formatNumber } from "@datchuan/domain";
import { FormField, fieldAria, readApiProblem, useTRPC } from "@datchuan/ui";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReviewItem } from "./review-sheet-page";

/**
 * One indicator of a report: what the commune entered, the verdict against the threshold (with
 * the threshold's legal source and whether it was verified), the evidence, and — for the
 * reviewer's own indicators still waiting — accept, or return with a reason.
 */
export function ValueCard({
  item,
  onReviewed,
}: {
  item: ReviewItem;
  onReviewed?: (message: string) => Promise<void> | void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const headingId = `${id}-heading`;
  const provenance = item.threshold.provenance;
  const mayDecide = Boolean(onReviewed) && item.mine && item.reviewStatus === "submitted";
  return (
    <article className="card value-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {item.indicatorCode} — {item.indicatorName}
      </h3>
      <p className="muted">
        {t("inbox.sheet.department")}: {item.department ?? t("inbox.sheet.noDepartment")} ·{" "}
        {t("inbox.sheet.reviewStatus")}:{" "}
        <strong>{t(`inbox.sheet.reviewStatuses.${item.reviewStatus}`)}</strong>
      </p>
      {item.reviewStatus === "returned" && item.returnReason ? (
        <p className="notice notice-error">
          {t("inbox.sheet.returnedBecause", { reason: item.returnReason })}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t("inbox.sheet.entered")}</dt>
        <dd>{item.enteredText}</dd>
        <dt>{t("inbox.sheet.verdict")}</dt>
        <dd>{item.verdictText ?? "—"}</dd>
        <dt>{t("inbox.sheet.threshold")}</dt>
        <dd>
          {item.threshold.text ?? t("inbox.sheet.noThreshold")}
          {provenance ? (
            <div>
              {t("inbox.sheet.source")}:{" "}
              {provenance.url ? (
                <a href={provenance.url} rel="noreferrer" target="_blank">
                  {provenance.source}
                </a>
              ) : (
                provenance.source
              )}{" "}
              <span className={provenance.verified ? "badge badge-ok" : "badge badge-warn"}>
                {provenance.verified ? t("inbox.sheet.verified") : t("inbox.sheet.unverified")}
              </span>
            </div>
          ) : null}
        </dd>
        <dt>{t("inbox.sheet.evidenceNote")}</dt>
        <dd>{item.evidenceNote ?? t("inbox.sheet.noEvidenceNote")}</dd>
        <dt>{t("inbox.sheet.files")}</dt>
        <dd>
          {item.files.length === 0 ? t("inbox.sheet.noFiles") : null}
          <ul className="list-plain">
            {item.files.map((file) => (
              <li key={file.id}>
                <a href={`/files/evidence/${file.id}`} target="_blank" rel="noreferrer">
                  {file.fileName}
                </a>{" "}
                <span className="muted">
                  ({t("inbox.sheet.fileSize", { size: formatNumber(file.size / 1024, 1) })})
                </span>
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {mayDecide && onReviewed ? <Decision item={item} onReviewed={onReviewed} /> : null}
    </article>
  );
}

function Decision({
  item,
  onReviewed,
}: {
  item: ReviewItem;
  onReviewed: (message: string) => Promise<void> | void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const id = useId();
  const reasonId = `${id}-reason`;
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState("");
  const [missingReason, setMissingReason] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const review = useMutation(
    trpc.report.review.mutationOptions({
      onSuccess: async (result) => {
        const code = item.indicatorCode;
        await onReviewed(
          result.value.reviewStatus === "accepted"
            ? t("inbox.sheet.accepted", { code })
            : t("inbox.sheet.returned", { code }),
        );
      },
    }),
  );
  const problem = review.error ? readApiProblem(review.error) : null;
  const reasonErrors = [
    ...(missingReason ? [t("inbox.sheet.reasonRequired")] : []),
    ...(problem?.fieldErrors.reason ?? []),
  ];
  const otherError =
    problem && reasonErrors.length === 0 ? (problem.message ?? t("common:form.noServer")) : null;

  function sendReturn(event: FormEvent) {
    event.preventDefault();
    if (review.isPending) return;
    if (!reason.trim()) {
      review.reset();
      setMissingReason(true);
      reasonRef.current?.focus();
      return;
    }
    setMissingReason(false);
    review.mutate({
      valueId: item.valueId,
      decision: "returned",
      reason: reason.trim(),
      expectedRowVersion: item.rowVersion,
    });
  }

  return (
    <div className="decision">
      {otherError ? (
        <p className="notice notice-error" role="alert">
          {otherError}
        </p>
      ) : null}
      {returning ? (
        <form noValidate onSubmit={sendReturn}>
          <FormField
            id={reasonId}
            label={t("inbox.sheet.reason", { code: item.indicatorCode })}
            hint={t("inbox.sheet.reasonHint")}
            error={reasonErrors.join(" ") || undefined}
          >
            <textarea
              ref={reasonRef}
              rows={3}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              {...fieldAria(reasonId, { hint: true, error: reasonErrors.join(" ") || undefined })}
            />
          </FormField>
          <div className="actions">
            <button type="submit" disabled={review.isPending}>
              {review.isPending ? t("inbox.sheet.saving") : t("inbox.sheet.sendReturn")}
            </button>
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                setReturning(false);
                setMissingReason(false);
                review.reset();
              }}
            >
              {t("inbox.sheet.cancel")}
            </button>
          </div>
        </form>
      ) : (
        <div className="actions">
          <button
            type="button"
            disabled={review.isPending}
            aria-label={t("inbox.sheet.acceptLabel", { code: item.indicatorCode })}
            onClick={() =>
              review.mutate({
                valueId: item.valueId,
                decision: "accepted",
                expectedRowVersion: item.rowVersion,
              })
            }
          >
            {review.isPending ? t("inbox.sheet.saving") : t("inbox.sheet.accept")}
          </button>
          <button
            type="button"
            className="button-secondary"
            aria-label={t("inbox.sheet.returnLabel", { code: item.indicatorCode })}
            onClick={() => setReturning(true)}
          >
            {t("inbox.sheet.returnButton")}
          </button>
        </div>
      )}
    </div>
  );
}
