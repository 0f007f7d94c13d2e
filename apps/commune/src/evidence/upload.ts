/** What an upload ended with: the stored file, or the server's Vietnamese refusal. */
export type UploadOutcome =
  | { ok: true; file: { id: string; fileName: string; contentType: string; size: number } }
  | { ok: false; status: number; message: string | null };

/**
 * Sends one evidence file to the upload route with XMLHttpRequest, whose upload events report
 * progress (fetch has none). `onProgress` gets the share sent, 0 to 1.
 */
export function uploadEvidence(
  valueId: string,
  file: File,
  onProgress: (share: number) => void,
): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/files/evidence/${encodeURIComponent(valueId)}`);
    request.responseType = "json";
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    request.addEventListener("load", () => {
      const body = request.response as { id?: string; error?: { message?: string } } | null;
      if (request.status === 201 && body?.id) {
        onProgress(1);
        resolve({ ok: true, file: body as never });
      } else {
        resolve({ ok: false, status: request.status, message: body?.error?.message ?? null });
      }
    });
    request.addEventListener("error", () => resolve({ ok: false, status: 0, message: null }));
    const form = new FormData();
    form.append("file", file, file.name);
    request.send(form);
  });
}
