// What a reader is told about a file before opening it, in the web app and on the server-rendered
// public pages alike: its type and its size for people.
const MB = 1024 * 1024;

/** Size for people: "840 kB", "1,2 MB" (Danish) or "1.2 MB". */
export function byteSize(bytes: number, lang: 'da' | 'en'): string {
  const fmt = (n: number) => n.toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 });
  if (bytes < MB) return `${fmt(Math.max(1, Math.round(bytes / 1024)))} kB`;
  return `${fmt(bytes / MB)} MB`;
}

/** "PDF", "PNG", "DOCX", "PPTX", "XLSX": the kinds of file an attachment may be. */
export const fileType = (mediaType: string) =>
  mediaType === 'application/pdf'
    ? 'PDF'
    : mediaType.startsWith('image/')
      ? mediaType.slice(6).toUpperCase()
      : mediaType.includes('word')
        ? 'DOCX'
        : mediaType.includes('presentation')
          ? 'PPTX'
          : 'XLSX';
