// The one length limit for a password, read by the server (user add, password reset, login) and
// the web app alike. NIST SP 800-63B: at least 8 characters, and allow long passphrases. The
// maximum is the login form's long-standing limit, so no password that can log in today is refused.
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 1000;
