/**
 * Uploaded files (the confirming documents of checkpoints): the type is told by the content's
 * magic bytes, never by the name or the type the browser claims. Accepted: PDF, DOCX, XLSX, PNG
 * and JPEG. DOCX and XLSX are ZIP archives, told apart by the parts their central directory lists.
 */
import type { FieldIssue } from "../errors.ts";

export interface FileType {
  contentType: string;
  extension: string;
  label: string;
}

export const FILE_TYPES = {
  pdf: { contentType: "application/pdf", extension: "pdf", label: "PDF" },
  docx: { contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extension: "docx", label: "DOCX" },
  xlsx: { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension: "xlsx", label: "XLSX" },
  png: { contentType: "image/png", extension: "png", label: "PNG" },
  jpeg: { contentType: "image/jpeg", extension: "jpg", label: "JPEG" },
} as const satisfies Record<string, FileType>;

/** Default size limit of an uploaded file: 5 MiB. */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

/** The names of the entries of a ZIP archive, from its central directory (null when it is not a readable ZIP). */
export function zipEntryNames(b: Uint8Array): string[] | null {
  if (!startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // the end-of-central-directory record is in the last 22 + 65535 bytes
  const min = Math.max(0, b.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = b.length - 22; i >= min; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || view.getUint32(p, true) !== 0x02014b50) return null;
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    if (p + 46 + nameLen > b.length) return null;
    let name = "";
    for (let i = 0; i < nameLen; i++) name += String.fromCharCode(b[p + 46 + i]!);
    names.push(name);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** The type of a file by its content, or null when it is none of the accepted types. */
export function sniffFileType(b: Uint8Array): FileType | null {
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return FILE_TYPES.pdf; // %PDF-
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return FILE_TYPES.png;
  if (startsWith(b, [0xff, 0xd8, 0xff])) return FILE_TYPES.jpeg;
  const names = zipEntryNames(b);
  if (names && names.includes("[Content_Types].xml")) {
    if (names.includes("word/document.xml")) return FILE_TYPES.docx;
    if (names.includes("xl/workbook.xml")) return FILE_TYPES.xlsx;
  }
  return null;
}

/** A file name safe to store and to send back: no folders, no control characters, at most 255 characters. */
export function cleanFilename(name: string, type: FileType): string {
  // C0 controls and DEL (\p{Cc} less the C1 block U+0080–U+009F) and the characters a file system refuses
  let n = name
    .replace(/^.*[\\/]/, "")
    .replace(/(?![\u0080-\u009f])[\p{Cc}"<>|:*?]/gu, "_")
    .trim();
  if (!n || n === "." || n === "..") n = `document.${type.extension}`;
  if (n.length > 255) {
    const dot = n.lastIndexOf(".");
    const ext = dot > 0 && n.length - dot <= 10 ? n.slice(dot) : "";
    n = n.slice(0, 255 - ext.length) + ext;
  }
  return n;
}

/** Checks an upload; answers its type, or the issues (path `content`). */
export function checkUpload(bytes: Uint8Array, maxBytes = DEFAULT_MAX_FILE_BYTES): { type: FileType } | { issues: FieldIssue[] } {
  if (bytes.length === 0) return { issues: [{ path: "content", message: "Файл пуст", messageEn: "The file is empty" }] };
  if (bytes.length > maxBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1).replace(".", ",");
    return {
      issues: [
        {
          path: "content",
          message: `Файл ${mb(bytes.length)} МБ больше допустимых ${mb(maxBytes)} МБ`,
          messageEn: `The file is larger than ${maxBytes} bytes`,
        },
      ],
    };
  }
  const type = sniffFileType(bytes);
  if (!type) {
    return {
      issues: [
        {
          path: "content",
          message: `Недопустимый тип файла: принимаются ${Object.values(FILE_TYPES)
            .map((t) => t.label)
            .join(", ")} (тип определяется по содержимому)`,
          messageEn: "Unsupported file type: PDF, DOCX, XLSX, PNG or JPEG (judged by the content)",
        },
      ],
    };
  }
  return { type };
}
