import { createTransport } from 'nodemailer';
import type { Config } from '../../config.js';

export type MailMessage = { to: string; subject: string; text: string; html: string };

/** Sends one message; rejects when the mail server did not accept it (the job retries). */
export type Mailer = {
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
};

export type MailLog = {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
};

/**
 * An error the mail server gave for one recipient for good (550 "no such mailbox"): sending again
 * cannot help, so the job skips that recipient instead of retrying everybody's mail.
 */
export class PermanentRecipientError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentRecipientError';
  }
}

/**
 * With SMTP_URL, a pooled SMTP transport (a burst of notifications reuses a few connections);
 * without it, a mailer that writes each message's recipient and subject to the log, so that an
 * unconfigured installation loses no notification silently.
 */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'smtpFrom'>, log: MailLog, options: { writeTextToLog?: boolean } = {}): Mailer {
  if (!config.smtpUrl) {
    log.warn({}, 'SMTP_URL is not set: e-mail notifications are written to the log instead of sent');
    return {
      async send(message) {
        // Only the demo on loopback writes the text (a one-time code is in it): there anyone may already sign in as anyone.
        log.info({ mail: { to: message.to, subject: message.subject, ...(options.writeTextToLog ? { text: message.text } : {}) } }, 'e-mail not sent (SMTP_URL is not set)');
      },
      async close() {},
    };
  }
  const transport = createTransport(
    {
      url: config.smtpUrl,
      pool: true,
      maxConnections: 3,
      // Bounded well inside a job lease: a mail server that hangs fails the job, which is retried.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      logger: false,
    },
    { from: config.smtpFrom },
  );
  log.info({ smtp: describeSmtpServer(config.smtpUrl), from: config.smtpFrom }, 'e-mail notifications are sent through SMTP');
  return {
    async send(message) {
      try {
        await transport.sendMail({ to: message.to, subject: message.subject, text: message.text, html: message.html });
      } catch (error) {
        throw isPermanentRecipientFailure(error) ? new PermanentRecipientError((error as Error).message) : error;
      }
    },
    async close() {
      transport.close();
    },
  };
}

/** The server without its credentials, for the log. */
export function describeSmtpServer(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  return `${url.protocol}//${url.host}`;
}

/**
 * Only the recipient's own fault counts: a 5xx to RCPT TO, or an address nodemailer refuses to put
 * on the wire. A rejected sender (MAIL FROM), failed login or lost connection is the installation's
 * problem and fails the job, so that it is retried once the operator has fixed it.
 */
function isPermanentRecipientFailure(error: unknown): boolean {
  const { code, command, responseCode, message } = (error ?? {}) as { code?: unknown; command?: unknown; responseCode?: unknown; message?: unknown };
  if (code !== 'EENVELOPE') return false;
  if (command === 'RCPT TO') return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
  return command === 'API' && typeof message === 'string' && message.startsWith('Invalid recipient');
}
