import {
  EVIDENCE_MAX_BYTES,
  EVIDENCE_TYPE_LABELS,
  EVIDENCE_TYPES,
  evidenceFileProblem,
  formatNumber,
} from "@datchuan/domain";
import { readApiProblem, useTRPC } from "@datchuan/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type UploadOutcome, uploadEvidence } from "./upload";
import "../workplace.css";

export interface EvidencePanelProps {
  unitCode: string;
  setId: string;
  period: string;
  indicatorCode: string;
  /** Whether the viewer may add and remove files (they enter the unit's values). */
  editable: boolean;
}

interface Upload {
  key: number;
  name: string;
  share: number;
  state: "sending" | "done" | "failed" | "refused";
  reason?: string;
}

const ACCEPT = EVIDENCE_TYPES.flatMap((type) => type.extensions.map((e) => `.${e}`)).join(",");

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${formatNumber(bytes / (1024 * 1024), 1)} MB`;
  return `${formatNumber(Math.max(1, Math.round(bytes / 1024)), 0)} KB`;
}

/**
 * The evidence (minh chứng) of one indicator in one report: its files, images previewed; the
 * limits shown before choosing; a file breaking them refused here without being sent; upload
 * progress; removal of a file added by mistake.
 */
export function EvidencePanel({
  unitCode,
  setId,
  period,
  indicatorCode,
  editable,
}: EvidencePanelProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inputId = useId();
  const limitsId = useId();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const nextKey = useRef(0);

  const report = useQuery(trpc.report.get.queryOptions({ unitCode, setId, period }));
  const value = report.data?.values.find((v) => v.indicatorCode === indicatorCode);
  const files = useQuery({
    ...trpc.report.evidenceFiles.queryOptions({ valueId: value?.id ?? "" }),
    enabled: Boolean(value),
  });
  const open =
    Boolean(value) &&
    report.data?.report.locked === false &&
    report.data.report.status !== "submitted" &&
    (value?.reviewStatus === "draft" || value?.reviewStatus === "returned");
  const mayChange = editable && open;

  const remove = useMutation(
    trpc.report.deleteEvidence.mutationOptions({
      onSuccess: async (_result, _input, _context) => {
        await queryClient.invalidateQueries(trpc.report.evidenceFiles.pathFilter());
      },
    }),
  );

  function update(key: number, change: Partial<Upload>) {
    setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...change } : u)));
  }

  async function send(file: File) {
    if (!value) return;
    const key = nextKey.current++;
    const problem = evidenceFileProblem(file);
    if (problem) {
      setUploads((all) => [
        ...all,
        { key, name: file.name, share: 0, state: "refused", reason: problem },
      ]);
      return;
    }
    setUploads((all) => [...all, { key, name: file.name, share: 0, state: "sending" }]);
    const outcome: UploadOutcome = await uploadEvidence(value.id, file, (share) =>
      update(key, { share }),
    );
    if (outcome.ok) {
      update(key, { share: 1, state: "done" });
      await queryClient.invalidateQueries(trpc.report.evidenceFiles.pathFilter());
    } else {
      update(key, { state: "failed", reason: outcome.message ?? t("evidence.noServer") });
    }
  }

  const limits = t("evidence.limits", {
    types: EVIDENCE_TYPE_LABELS.join(", "),
    size: formatSize(EVIDENCE_MAX_BYTES),
  });

  return (
    <div className="card evidence-panel">
      <h3>{t("evidence.heading")}</h3>
      {report.isSuccess && !value ? <p className="muted">{t("evidence.noValue")}</p> : null}
      {value && !open ? <p className="muted">{t("evidence.locked")}</p> : null}
      {files.data && files.data.length === 0 ? <p className="muted">{t("evidence.none")}</p> : null}
      {files.data && files.data.length > 0 ? (
        <ul className="list-plain evidence-files">
          {files.data.map((file) => (
            <li key={file.id}>
              {file.contentType.startsWith("image/") ? (
                <ImagePreview fileId={file.id} name={file.fileName} />
              ) : null}
              <span className="evidence-file-name">
                <a
                  href={`/files/evidence/${file.id}`}
                  download={file.fileName}
                  aria-label={t("evidence.download", { name: file.fileName })}
                >
                  {file.fileName}
                </a>{" "}
                <span className="muted">({formatSize(file.size)})</span>
              </span>
              {mayChange ? (
                <button
                  type="button"
                  className="button-secondary"
                  aria-label={t("evidence.remove", { name: file.fileName })}
                  disabled={remove.isPending}
                  onClick={() =>
                    remove.mutate(
                      { fileId: file.id },
                      {
                        onSuccess: () => setNotice(t("evidence.removed", { name: file.fileName })),
                        onError: (error) =>
                          setNotice(readApiProblem(error).message ?? t("evidence.noServer")),
                      },
                    )
                  }
                >
                  {t("evidence.remove", { name: "" }).trim()}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <p role="status" className="muted">
        {notice}
      </p>
      {mayChange ? (
        <div className="field">
          <label htmlFor={inputId}>{t("evidence.choose")}</label>
          <p className="field-hint" id={limitsId}>
            {limits}
          </p>
          <input
            id={inputId}
            type="file"
            accept={ACCEPT}
            multiple
            aria-describedby={limitsId}
            onChange={(event) => {
              const chosen = [...(event.target.files ?? [])];
              event.target.value = "";
              for (const file of chosen) void send(file);
            }}
          />
        </div>
      ) : null}
      {uploads.length > 0 ? (
        <ul className="list-plain">
          {uploads.map((upload) => (
            <li key={upload.key} className="upload-row">
              {upload.state === "refused" ? (
                <span className="text-not-met" role="alert">
                  {t("evidence.refused", { name: upload.name, reason: upload.reason })}
                </span>
              ) : upload.state === "failed" ? (
                <span className="text-not-met" role="alert">
                  {t("evidence.failed", { name: upload.name, reason: upload.reason })}
                </span>
              ) : (
                <>
                  <span>
                    {upload.state === "done"
                      ? t("evidence.uploaded", { name: upload.name })
                      : t("evidence.uploading", { name: upload.name })}
                  </span>
                  <progress
                    max={100}
                    value={Math.round(upload.share * 100)}
                    aria-label={t("evidence.progress", { name: upload.name })}
                  />
                  <span aria-hidden="true">{Math.round(upload.share * 100)} %</span>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** An image file shown from its bytes (the download route), as an object URL the CSP allows. */
function ImagePreview({ fileId, name }: { fileId: string; name: string }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    let objectUrl: string | null = null;
    fetch(`/files/evidence/${fileId}`, { signal: controller.signal })
      .then((response) => (response.ok ? response.blob() : null))
      .then((blob) => {
        if (!blob) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch(() => {});
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [fileId]);
  // The box keeps its size before the image arrives: nothing moves.
  return url ? (
    <img className="evidence-preview" src={url} alt={t("evidence.preview", { name })} />
  ) : (
    <span className="evidence-preview" aria-hidden="true" />
  );
}
