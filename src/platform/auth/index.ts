export { AUTH_MIGRATIONS, createAuth, type Auth, type AuthDeps } from './auth.ts';
export {
  checkPasswordPolicy,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  type PasswordChecker,
  type PasswordContext,
} from './password-policy.ts';
export { hashPassword, verifyPassword } from './password.ts';
export { generatePassword } from './generate-password.ts';
export { CSRF_COOKIE, SESSION_COOKIE } from './cookies.ts';
export { promptHidden, readFirstLine } from './password-prompt.ts';
