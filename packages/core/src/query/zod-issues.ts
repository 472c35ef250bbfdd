import type { z } from 'zod';
import type { InputIssue } from '../errors/invalid-request-error';

/** zod issues → input issues with dotted paths under `prefix` (`customer.addresses.0.country.code`). */
export function zodIssuesToInputIssues(error: z.ZodError, prefix: string): InputIssue[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
    const message =
      issue.code === 'unrecognized_keys' ? `has unknown key(s): ${issue.keys.join(', ')}` : issue.message;
    return { path, message };
  });
}
