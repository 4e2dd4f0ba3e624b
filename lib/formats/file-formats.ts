/**
 * The file formats the hub accepts. A file is accepted only when its extension AND its content
 * (checked from its first bytes, see detect-format.ts) agree on one of these.
 * Safe to import anywhere: it holds no secrets and touches nothing.
 */
export interface FileFormat {
  /** Short code stored with each version. */
  code: string;
  /** What people call it. */
  label: string;
  extensions: string[];
  /** The content type the server sends on download, whatever the uploader's browser claimed. */
  contentType: string;
  /** What the content check must find: a `file-type` extension, or 'text' for plain text. */
  signature: string;
}

export const fileFormats: FileFormat[] = [
  { code: 'pdf', label: 'PDF', extensions: ['pdf'], contentType: 'application/pdf', signature: 'pdf' },
  {
    code: 'docx',
    label: 'Word document',
    extensions: ['docx'],
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    signature: 'docx',
  },
  {
    code: 'xlsx',
    label: 'Excel spreadsheet',
    extensions: ['xlsx'],
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    signature: 'xlsx',
  },
  {
    code: 'pptx',
    label: 'PowerPoint presentation',
    extensions: ['pptx'],
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    signature: 'pptx',
  },
  { code: 'odt', label: 'OpenDocument text', extensions: ['odt'], contentType: 'application/vnd.oasis.opendocument.text', signature: 'odt' },
  {
    code: 'ods',
    label: 'OpenDocument spreadsheet',
    extensions: ['ods'],
    contentType: 'application/vnd.oasis.opendocument.spreadsheet',
    signature: 'ods',
  },
  {
    code: 'odp',
    label: 'OpenDocument presentation',
    extensions: ['odp'],
    contentType: 'application/vnd.oasis.opendocument.presentation',
    signature: 'odp',
  },
  // The three legacy Office formats share one container (Compound File Binary); the extension says which.
  { code: 'doc', label: 'Word 97–2003 document', extensions: ['doc'], contentType: 'application/msword', signature: 'cfb' },
  { code: 'xls', label: 'Excel 97–2003 spreadsheet', extensions: ['xls'], contentType: 'application/vnd.ms-excel', signature: 'cfb' },
  { code: 'ppt', label: 'PowerPoint 97–2003 presentation', extensions: ['ppt'], contentType: 'application/vnd.ms-powerpoint', signature: 'cfb' },
  { code: 'rtf', label: 'Rich text', extensions: ['rtf'], contentType: 'application/rtf', signature: 'rtf' },
  { code: 'txt', label: 'Plain text', extensions: ['txt'], contentType: 'text/plain; charset=utf-8', signature: 'text' },
  { code: 'md', label: 'Markdown', extensions: ['md', 'markdown'], contentType: 'text/markdown; charset=utf-8', signature: 'text' },
  { code: 'csv', label: 'CSV', extensions: ['csv'], contentType: 'text/csv; charset=utf-8', signature: 'text' },
  { code: 'png', label: 'PNG image', extensions: ['png'], contentType: 'image/png', signature: 'png' },
  { code: 'jpeg', label: 'JPEG image', extensions: ['jpg', 'jpeg'], contentType: 'image/jpeg', signature: 'jpg' },
];

/** "PDF, DOCX, …" for messages that list what is accepted. */
export const acceptedFormatsSentence = `PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, DOC, XLS, PPT, RTF, TXT, Markdown (MD), CSV, PNG or JPEG`;

/** For the file input's `accept` attribute: a hint to the browser's file chooser, never a check. */
export const acceptAttribute = fileFormats.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');

export function extensionOf(fileName: string): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(fileName.trim());
  return match?.[1]?.toLowerCase() ?? '';
}

export function formatForExtension(extension: string): FileFormat | undefined {
  return fileFormats.find((f) => f.extensions.includes(extension.toLowerCase()));
}

export function formatByCode(code: string): FileFormat | undefined {
  return fileFormats.find((f) => f.code === code);
}

/** "2.4 MB" — sizes as people read them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}
