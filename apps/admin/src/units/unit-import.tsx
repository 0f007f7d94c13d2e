import type { RouterOutputs } from "@datchuan/api";
import { formatUnitName, unitLevelLabels } from "@datchuan/domain";
import { ErrorSummary, type FormProblem, readApiProblem, useTRPC } from "@datchuan/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";

const MAX_BYTES = 2 * 1024 * 1024;
type Preview = RouterOutputs["unit"]["previewImport"];

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/u, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Import units from a file: preview every row (the bad ones with line and reason), then import all. */
export function UnitImport() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [validFrom, setValidFrom] = useState("");
  const [local, setLocal] = useState<FormProblem[]>([]);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [payload, setPayload] = useState<{
    fileName: string;
    contentBase64: string;
    validFrom: string;
  } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const check = useMutation(trpc.unit.previewImport.mutationOptions({ onSuccess: setPreview }));
  const run = useMutation(
    trpc.unit.import.mutationOptions({
      onSuccess: async (result) => {
        setNotice(t("units.imported", { count: result.imported }));
        setPreview(null);
        setPayload(null);
        await queryClient.invalidateQueries({ queryKey: trpc.unit.tree.queryKey() });
      },
    }),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: FormProblem[] = [];
    if (!file) problems.push({ fieldId: "import-file", text: t("units.chooseFile") });
    else if (file.size > MAX_BYTES)
      problems.push({ fieldId: "import-file", text: t("units.tooLarge") });
    if (!validFrom) problems.push({ fieldId: "import-date", text: t("units.chooseDate") });
    setLocal(problems);
    setNotice(null);
    setPreview(null);
    run.reset();
    if (problems.length > 0 || !file) return;
    const next = { fileName: file.name, contentBase64: await readAsBase64(file), validFrom };
    setPayload(next);
    check.mutate(next);
  }

  const serverError = check.error ?? run.error;
  const server = serverError ? readApiProblem(serverError) : null;
  const summary: FormProblem[] = [
    ...local,
    ...(server ? [{ text: server.message ?? t("common:form.noServer") }] : []),
  ];
  const fileError = local.find((p) => p.fieldId === "import-file")?.text;
  const dateError = local.find((p) => p.fieldId === "import-date")?.text;

  return (
    <section aria-labelledby="import-heading" className="card">
      <h2 id="import-heading">{t("units.importHeading")}</h2>
      <p className="muted">{t("units.importIntro")}</p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary problems={summary} />
        <div className="filters">
          <div className={fileError ? "field field-invalid" : "field"}>
            <label htmlFor="import-file">{t("units.file")}</label>
            {fileError ? <p className="field-error">{fileError}</p> : null}
            <input
              id="import-file"
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-invalid={fileError ? true : undefined}
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          </div>
          <div className={dateError ? "field field-invalid" : "field"}>
            <label htmlFor="import-date">{t("units.validFrom")}</label>
            {dateError ? <p className="field-error">{dateError}</p> : null}
            <input
              id="import-date"
              type="date"
              value={validFrom}
              aria-invalid={dateError ? true : undefined}
              onChange={(event) => setValidFrom(event.target.value)}
            />
          </div>
        </div>
        <button type="submit" disabled={check.isPending}>
          {check.isPending ? t("units.previewing") : t("units.preview")}
        </button>
      </form>
      <div aria-live="polite">
        {notice ? (
          <p className="notice notice-success" role="status">
            {notice}
          </p>
        ) : null}
      </div>
      {preview && preview.problems.length > 0 ? (
        <>
          <p className="notice notice-error" role="alert">
            {t("units.fixFirst")}
          </p>
          <div className="table-scroll">
            <table>
              <caption>{t("units.problemsCaption", { count: preview.problems.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("units.line")}</th>
                  <th scope="col">{t("units.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.problems.map((problem) => (
                  <tr key={`${problem.line}:${problem.message}`} className="row-late">
                    <th scope="row">{problem.line}</th>
                    <td>{problem.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {preview && preview.rows.length > 0 ? (
        <div className="table-scroll">
          <table>
            <caption>{t("units.rowsCaption", { count: preview.rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("units.line")}</th>
                <th scope="col">{t("units.code")}</th>
                <th scope="col">{t("units.name")}</th>
                <th scope="col">{t("units.level")}</th>
                <th scope="col">{t("units.parent")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row) => (
                <tr key={row.code}>
                  <th scope="row">{row.line}</th>
                  <td>{row.code}</td>
                  <td>{formatUnitName(row)}</td>
                  <td>{unitLevelLabels[row.level]}</td>
                  <td>{row.parentCode ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {preview && preview.problems.length === 0 && preview.rows.length > 0 && payload ? (
        <button type="button" disabled={run.isPending} onClick={() => run.mutate(payload)}>
          {run.isPending ? t("units.importing") : t("units.import", { count: preview.rows.length })}
        </button>
      ) : null}
    </section>
  );
}
