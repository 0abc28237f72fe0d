/**
 * What a registered method or enrolled factor is worth. Names come from Graph's
 * userRegistrationDetails.methodsRegistered (`microsoftAuthenticatorPush`, `fido2SecurityKey`,
 * `passKeyDeviceBound`...) and Okta factor types (`okta_verify push`, `webauthn`, `sms`...).
 */

// NIST SP 800-63B: knowledge-based questions are not authenticators, and email is not an
// allowed out-of-band channel; a password is the first factor, and a temporary access pass is
// for onboarding. None of these is a second factor.
const NOT_MFA = ['password', 'securityquestion', 'question', 'email', 'temporaryaccesspass'];

// Verifier-impersonation resistant (800-63B 3.2.5; CISA "phishing-resistant MFA"): FIDO2/WebAuthn
// and passkeys, Windows Hello for Business, macOS platform credentials, certificates/PIV.
const PHISHING_RESISTANT = [
  'fido2',
  'webauthn',
  'passkey',
  'windowshello',
  'macossecureenclave',
  'platformcredential',
  'x509',
  'certificate',
  'smartcard',
  'piv',
];

function key(method: string): string {
  return method.toLowerCase().replace(/[\s_:-]+/g, '');
}

/** Methods that make a second factor (a list with only these means MFA is registered). */
export function isSecondFactor(method: string): boolean {
  const k = key(method);
  return k !== '' && !NOT_MFA.includes(k);
}

export function isPhishingResistant(method: string): boolean {
  const k = key(method);
  return PHISHING_RESISTANT.some((p) => k.includes(p));
}
