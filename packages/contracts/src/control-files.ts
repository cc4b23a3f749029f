/** Files of the control (issue 15, part 1): of a registry document, of an order's report, of an appeal. */
import { z } from "zod";
import { RequiredText, Text, Uuid } from "./common.ts";

export const ControlFile = z
  .object({
    id: Uuid,
    title: z.string().nullable(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    createdByName: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "ControlFile" });
export type ControlFile = z.infer<typeof ControlFile>;

export const ControlFileList = z.object({ items: z.array(ControlFile) }).meta({ id: "ControlFileList" });
export type ControlFileList = z.infer<typeof ControlFileList>;

export const ControlFileBody = z
  .object({
    filename: RequiredText(255).describe("имя файла"),
    title: Text(1000).nullable().optional().describe("что это за документ"),
    contentBase64: z.string().min(1).describe("содержимое файла в base64 (PDF, DOCX, XLSX, PNG, JPEG до 5 МБ; тип — по содержимому)"),
  })
  .strict()
  .meta({ id: "ControlFileBody" });
export type ControlFileBody = z.infer<typeof ControlFileBody>;

export const ControlFileParams = z.object({ id: Uuid, fileId: Uuid }).meta({ id: "ControlFileParams" });
export type ControlFileParams = z.infer<typeof ControlFileParams>;
