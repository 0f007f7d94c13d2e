import { formatVietnamDateTime } from "@datchuan/domain";
import { QueryState, useTRPC } from "@datchuan/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

/** The unit's bulletins, published and retracted, with a way to retract one (with a reason). */
export function BulletinList({
  unitCode,
  onRetracted,
}: {
  unitCode: string;
  onRetracted: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const id = useId();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.bulletin.list.queryOptions({ unitCode }));
  const [retracting, setRetracting] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const retract = useMutation(
    trpc.bulletin.retract.mutationOptions({
      onSuccess: async () => {
        setRetracting(null);
        setReason("");
        onRetracted();
        await queryClient.invalidateQueries({ queryKey: trpc.bulletin.list.queryKey() });
      },
    }),
  );
  return (
    <section className="card report-bulletins" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("report.bulletinsHeading")}</h2>
      <QueryState
        isPending={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
      />
      {list.data?.length === 0 ? <p>{t("report.bulletinsNone")}</p> : null}
      {list.data?.length ? (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("report.colTitle")}</th>
                <th scope="col">{t("report.colPublishedAt")}</th>
                <th scope="col">{t("report.colPublishedBy")}</th>
                <th scope="col">{t("report.colStatus")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((b) => (
                <tr key={b.id}>
                  <th scope="row">
                    {b.retractedAt ? (
                      b.title
                    ) : (
                      <a href={`/ban-tin/${b.id}`} title={t("report.viewPublic")}>
                        {b.title}
                      </a>
                    )}
                  </th>
                  <td>{formatVietnamDateTime(b.publishedAt)}</td>
                  <td>{b.publishedBy}</td>
                  <td>
                    {b.retractedAt ? (
                      t("report.statusRetracted", { reason: b.retractReason ?? "" })
                    ) : retracting === b.id ? (
                      <form
                        onSubmit={(event) => {
                          event.preventDefault();
                          retract.mutate({ id: b.id, expectedRowVersion: b.rowVersion, reason });
                        }}
                      >
                        <div className="field">
                          <label htmlFor={`${id}-reason`}>{t("report.retractReason")}</label>
                          <input
                            id={`${id}-reason`}
                            value={reason}
                            onChange={(event) => setReason(event.target.value)}
                          />
                        </div>
                        {retract.error ? (
                          <p className="field-error" role="alert">
                            {retract.error.message}
                          </p>
                        ) : null}
                        <button type="submit" disabled={retract.isPending}>
                          {t("report.retractConfirm")}
                        </button>{" "}
                        <button
                          type="button"
                          className="button-secondary"
                          onClick={() => setRetracting(null)}
                        >
                          {t("report.cancel")}
                        </button>
                      </form>
                    ) : (
                      <>
                        {t("report.statusPublished")}{" "}
                        <button
                          type="button"
                          className="button-secondary"
                          onClick={() => setRetracting(b.id)}
                        >
                          {t("report.retract")}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
