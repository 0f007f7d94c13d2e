import {
  EVIDENCE_MAX_BYTES,
  EVIDENCE_TYPE_LABELS,
  EVIDENCE_TYPES,
  fileExtension,
  findForbiddenCharacter,
} from "@datchuan/domain";
import { fileTypeFromBuffer } from "file-type";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "./client";

/**
 * Files officials upload (evidence of a value, documents of a recognition dossier): one set of
 * kinds, limits and checks, with the kind of a file read from its bytes, not from its name or
 * the browser's word for it. The limits live in the domain: the pages show them and apply them
 * before sending.
 */
export const ALLOWED_TYPES = new Map(EVIDENCE_TYPES.map((type) => [type.mime, type]));

export const uploadError = (message: string) => ({ error: { message } });

const TOO_LARGE = "Tệp quá lớn: tối đa 10 MB.";

/** Refuses a body over the file limit (and a little for the form around it) before reading it. */
export const uploadBodyLimit = bodyLimit({
  maxSize: EVIDENCE_MAX_BYTES + 64 * 1024,
  onError: (c) => c.json(uploadError(TOO_LARGE), 413),
});

/** Why a file name cannot be kept, or null: it is shown to officials and offered on download. */
export function fileNameProblem(name: string, mime: string): string | null {
  const forbidden = findForbiddenCharacter(name);
  if (forbidden)
    return `Tên tệp chứa ký tự điều khiển hoặc ký tự ẩn (${forbidden}); hãy đổi tên tệp.`;
  if (/[\\/]/.test(name)) return "Tên tệp không được chứa dấu / hoặc \\.";
  const extension = fileExtension(name);
  const type = ALLOWED_TYPES.get(mime)!;
  if (!type.extensions.includes(extension)) {
    return `Tệp là ${type.label} nhưng tên có đuôi ".${extension}"; hãy đặt đuôi .${type.extensions[0]}.`;
  }
  return null;
}

export interface ReceivedFile {
  /** NFC, as shown and stored (cut to 200 characters). */
  fileName: string;
  contentType: string;
  content: Buffer;
}

/**
 * The `file` field of an upload form, checked: present, not empty, within the limit, of an
 * allowed kind read from its bytes, and named fit to keep. Otherwise the reply that refuses it.
 */
export async function receiveUpload(
  c: Context<AppEnv>,
): Promise<{ file: ReceivedFile } | { refusal: Response }> {
  const refuse = (message: string, status: 400 | 413 | 415) => ({
    refusal: c.json(uploadError(message), status),
  });
  // A body that does not parse as a form is the sender's mistake, not a server error.
  const form = await c.req.parseBody().catch(() => null);
  if (!form) return refuse("Không đọc được tệp gửi lên; hãy chọn lại tệp rồi gửi.", 400);
  const file = form.file;
  if (!(file instanceof File)) return refuse('Chọn một tệp trong trường "file".', 400);
  if (file.size === 0) return refuse("Tệp rỗng.", 400);
  if (file.size > EVIDENCE_MAX_BYTES) return refuse(TOO_LARGE, 413);
  const content = Buffer.from(await file.arrayBuffer());
  const detected = await fileTypeFromBuffer(content);
  if (!detected || !ALLOWED_TYPES.has(detected.mime))
    return refuse(`Chỉ nhận tệp ${EVIDENCE_TYPE_LABELS.join(", ")}.`, 415);
  const fileName = file.name.normalize("NFC");
  const nameProblem = fileNameProblem(fileName, detected.mime);
  if (nameProblem) return refuse(nameProblem, 400);
  return { file: { fileName: fileName.slice(0, 200), contentType: detected.mime, content } };
}

/** A stored file sent for download, never shown inline. */
export function sendStoredFile(
  c: Context<AppEnv>,
  file: { content: Uint8Array; contentType: string; fileName: string },
): Response {
  return c.body(new Uint8Array(file.content), 200, {
    "content-type": file.contentType,
    "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    "x-content-type-options": "nosniff",
  });
}
