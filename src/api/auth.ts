// Mutations need `Authorization: Bearer <QG_API_TOKEN>`; without a configured token they are switched off.
import { createHash, timingSafeEqual } from 'node:crypto';
import { userError } from './errors.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Constant-time check; hashing first gives equal lengths, so the comparison leaks neither content nor length. */
export function bearerMatches(header: string | null | undefined, token: string | undefined): boolean {
  if (!token || !header) return false;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return timingSafeEqual(digest(m ? m[1] : ''), digest(token)) && m !== null;
}

export function requireToken(ctx: { authorized: boolean; mutationsEnabled: boolean }): void {
  if (!ctx.mutationsEnabled) throw userError('mutations are disabled: the server has no QG_API_TOKEN configured', 'FORBIDDEN');
  if (!ctx.authorized) throw userError('mutations need the header Authorization: Bearer <QG_API_TOKEN>', 'UNAUTHENTICATED');
}
