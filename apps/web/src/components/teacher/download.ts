/** Saves a file the server built (text, or base64 for binary) through the browser's download. */
export function download(file: { filename: string; mimeType: string; content?: string; base64?: string }) {
  const body = file.base64 ? Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0)) : (file.content ?? '');
  const url = URL.createObjectURL(new Blob([body], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
