import type { ApiKeyRole } from '../../graph/index.ts';

/**
 * Whether a key's role grants a required role: `admin` grants everything, and `researcher` (read and ask)
 * is granted to every role, so reviewers and engineers can read what they review or ingest.
 */
export function roleGrants(keyRole: ApiKeyRole, required: ApiKeyRole): boolean {
  return keyRole === 'admin' || keyRole === required || required === 'researcher';
}
