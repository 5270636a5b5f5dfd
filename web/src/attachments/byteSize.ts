// A file's size for people, shown beside every attachment (public pages too: no upload code here).
const MB = 1024 * 1024;

/** Size for people: "840 kB", "1,2 MB" (Danish) or "1.2 MB". */
export function byteSize(bytes: number, lang: 'da' | 'en'): string {
  const fmt = (n: number) => n.toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 });
  if (bytes < 1024 * 1024) return `${fmt(Math.max(1, Math.round(bytes / 1024)))} kB`;
  return `${fmt(bytes / MB)} MB`;
}
