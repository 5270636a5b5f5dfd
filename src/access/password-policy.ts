// Which new passwords are accepted (pure, no I/O): NIST SP 800-63B's rules — a minimum length, one
// maximum used everywhere, no password found in breach lists, none built from the username.
// Complexity rules (a digit, a capital) are deliberately not asked for.
import { dictionary } from '@zxcvbn-ts/language-common';
import { invalid } from '../http/errors.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '../shared/passwords.ts';
import type { Reason, ReasonParams } from '../shared/reasons.ts';

// zxcvbn-ts's list of ~49,000 passwords most often seen in breaches (lower case), kept by the package.
let common: Set<string> | undefined;
const commonPasswords = () => (common ??= new Set(dictionary['passwords-common']));

/** Why a password would be refused, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): { reason: Reason; params: ReasonParams } | null {
  // Characters as a person counts them (an emoji is one), not UTF-16 units.
  const length = [...password].length;
  if (length < PASSWORD_MIN) return { reason: 'access.password_short', params: { minimum: PASSWORD_MIN } };
  if (password.length > PASSWORD_MAX) return { reason: 'access.password_long', params: { maximum: PASSWORD_MAX } };
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  // The username itself, or a password that contains it (a name of 3 or more characters) or that it contains.
  if (name && (lower === name || (name.length >= 3 && lower.includes(name)) || name.includes(lower))) return { reason: 'access.password_username', params: {} };
  if (commonPasswords().has(lower)) return { reason: 'access.password_common', params: {} };
  return null;
}

/** Throws `invalid('password', reason, params)` for a password that may not be set for this username. */
export function assertAcceptablePassword(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw invalid('password', problem.reason, problem.params);
}
