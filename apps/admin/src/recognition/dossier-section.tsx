import { useTRPC } from "@datchuan/ui";
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { type SectionProps, ServerError, useRefreshLifecycle } from "./shared";

/** Posts a document to a dossier item (same checks as evidence files); the server's words back. */
async function uploadDocument(itemId: string, file: File): Promise<string | null> {
  const form = new FormData();
  form.append("file", file, file.name);
  const response = await fetch(`/files/dossier/${encodeURIComponent(itemId)}`, {
    method: "POST",
    body: form,
    credentials: "same-origin",
  });
  if (response.ok) return null;
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? response.statusText;
}

/** The dossier checklist: each criterion and the general dossier, with documents and status. */
export function DossierSection({ unitCode, setId, data }: SectionProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const id = useId();
  const refresh = useRefreshLifecycle(unitCode, setId);
  const internal = data.internal!;
  const save = useMutation(trpc.recognition.saveDossierItem.mutationOptions());
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const rows = [
    ...internal.criteria.map((c) => ({
      criterionNumber: c.number as number | null,
      label: t("recognition.dossier.criterion", { number: c.number, name: c.name }),
    })),
    { criterionNumber: null as number | null, label: t("recognition.dossier.general") },
  ];

  async function ensureItem(criterionNumber: number | null) {
    const existing = internal.dossier.find((d) => d.criterionNumber === criterionNumber);
    if (existing) return existing;
    return save.mutateAsync({ unitCode, setId, criterionNumber, complete: false });
  }

  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t("recognition.dossier.heading")}</h2>
      <p data-testid="dossier-completeness">{internal.completeness.text}</p>
      <div aria-live="polite">
        {message ? (
          <p className={message.ok ? "notice notice-success" : "notice notice-error"} role="status">
            {message.text}
          </p>
        ) : null}
      </div>
      <ServerError error={save.error} />
      <div className="table-scroll">
        <table aria-label={t("recognition.dossier.heading")}>
          <thead>
            <tr>
              <th scope="col">{t("recognition.dossier.item")}</th>
              <th scope="col">{t("recognition.dossier.status")}</th>
              <th scope="col">{t("recognition.dossier.documents")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const item = internal.dossier.find((d) => d.criterionNumber === row.criterionNumber);
              const complete = Boolean(item?.complete && item.documents.length > 0);
              return (
                <tr key={row.criterionNumber ?? "general"}>
                  <th scope="row">{row.label}</th>
                  <td>
                    {complete
                      ? t("recognition.dossier.complete")
                      : t("recognition.dossier.incomplete")}
                    {data.may.keepDossier ? (
                      <>
                        {" "}
                        <button
                          type="button"
                          className="button-secondary"
                          aria-label={`${item?.complete ? t("recognition.dossier.markIncomplete") : t("recognition.dossier.markComplete")}: ${row.label}`}
                          onClick={async () => {
                            setMessage(null);
                            await save.mutateAsync({
                              unitCode,
                              setId,
                              criterionNumber: row.criterionNumber,
                              complete: !item?.complete,
                              note: item?.note ?? null,
                              expectedRowVersion: item?.rowVersion ?? null,
                            });
                            await refresh();
                          }}
                        >
                          {item?.complete
                            ? t("recognition.dossier.markIncomplete")
                            : t("recognition.dossier.markComplete")}
                        </button>
                      </>
                    ) : null}
                  </td>
                  <td>
                    {item?.documents.length ? (
                      <ul>
                        {item.documents.map((d) => (
                          <li key={d.id}>
                            <a href={`/files/dossier/document/${d.id}`}>{d.fileName}</a>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="muted">{t("recognition.dossier.noDocuments")}</span>
                    )}
                    {data.may.keepDossier ? (
                      <input
                        type="file"
                        aria-label={t("recognition.dossier.upload", { item: row.label })}
                        onChange={async (event) => {
                          const file = event.target.files?.[0];
                          event.target.value = "";
                          if (!file) return;
                          setMessage(null);
                          const target = await ensureItem(row.criterionNumber);
                          const refused = await uploadDocument(target.id, file);
                          setMessage(
                            refused
                              ? { ok: false, text: refused }
                              : {
                                  ok: true,
                                  text: t("recognition.dossier.uploaded", { file: file.name }),
                                },
                          );
                          await refresh();
                        }}
                      />
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
