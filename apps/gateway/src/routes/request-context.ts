/** The token of an `Authorization: Bearer <token>` header, or `undefined`. */
export function bearerTokenOf(header: string | undefined): string | undefined {
  return /^Bearer +(\S+) *$/i.exec(header ?? '')?.[1];
}
