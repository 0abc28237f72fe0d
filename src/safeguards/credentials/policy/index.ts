export {
  createPasswordPolicy,
  DEFAULT_ACCOUNT_CLASS,
  UnknownAccountClassError,
  type PasswordCheckContext,
  type PasswordPolicy,
  type PasswordPolicyOptions,
} from './password-policy.ts';
export { normalizeForBlocklist } from './normalize.ts';
export { blocklistWords, type BlocklistWordsOptions } from './blocklist-words.ts';
