// What Vite gives the reader's modules (web/tsconfig.json takes no ambient types): a file's URL
// (`?url`, the pdf.js worker) and a glob import (the notes layer, loaded when it exists).
declare module '*?url' {
  const url: string;
  export default url;
}

interface ImportMeta {
  glob<T = unknown>(pattern: string): Record<string, () => Promise<T>>;
}
