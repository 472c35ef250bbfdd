/** Replaces every occurrence of each secret (and its URL-encoded form) with `[redacted]`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)]))
      result = result.split(form).join('[redacted]');
  }
  return result;
}

/** A URL for messages and logs: origin and path only, never the query string (it may hold secrets). */
export function describeUrl(url: string | URL): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
