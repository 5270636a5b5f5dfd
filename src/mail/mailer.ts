// The one way Rådslag sends e-mail: SMTP through nodemailer, configured by SMTP_URL and MAIL_FROM.
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';

export interface Mail {
  to: string[];
  subject: string;
  text: string;
  /** An HTML alternative to the text. */
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/** A mailer, or null when no SMTP server is configured. */
export function createMailer(mail: Config['mail']): Mailer | null {
  if (!mail.smtpUrl) return null;
  const transport = nodemailer.createTransport(mail.smtpUrl);
  return {
    async send(m) {
      await transport.sendMail({ from: mail.from, to: m.to.join(', '), subject: m.subject, text: m.text, html: m.html, headers: m.headers });
    },
    close: () => transport.close(),
  };
}
