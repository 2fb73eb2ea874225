import { isIP } from 'node:net';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { ChannelResult } from '@ciba/channel-kit';
import type { SmtpConfig } from './config.ts';
import { replyCode, smtpFailure } from './smtp-result.ts';

/** One message to submit: the envelope and the composed RFC 5322 bytes. */
export interface OutgoingMail {
  from: string;
  to: string;
  message: Buffer;
}

/**
 * Submits one message in its own SMTP session (connect, TLS as configured, AUTH when set, MAIL,
 * RCPT, DATA, QUIT) and resolves with the outcome: delivered when the server accepted the message
 * (its 250), otherwise the failure. `signal` closes the session wherever it is; it then resolves
 * `timeout` (the offer's deadline) or `network_error` (the process stopping). Never rejects.
 */
export function sendOverSmtp(smtp: SmtpConfig, mail: OutgoingMail, signal: AbortSignal): Promise<ChannelResult> {
  const connection = new SMTPConnection({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.tls === 'implicit',
    requireTLS: smtp.tls === 'starttls',
    tls: { rejectUnauthorized: smtp.rejectUnauthorized, minVersion: 'TLSv1.2', ...(isIP(smtp.host) === 0 ? { servername: smtp.host } : {}) },
    connectionTimeout: smtp.timeoutMs,
    greetingTimeout: smtp.timeoutMs,
    socketTimeout: smtp.timeoutMs,
    logger: false,
    debug: false,
  });
  return new Promise<ChannelResult>((resolve) => {
    let done = false;
    const finish = (result: ChannelResult, polite = false) => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      resolve(result);
      if (polite) connection.quit();
      else connection.close();
    };
    const onAbort = () => finish({ delivered: false, reason: (signal.reason as Error)?.name === 'TimeoutError' ? 'timeout' : 'network_error' });
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    connection.on('error', (err) => finish(smtpFailure(err)));
    connection.on('end', () => finish({ delivered: false, reason: 'network_error' }));
    const submit = () =>
      connection.send({ from: mail.from, to: [mail.to] }, mail.message, (err, info) => {
        if (err || !info) return finish(smtpFailure(err));
        if (info.rejected.length > 0 || info.accepted.length === 0) return finish({ delivered: false, reason: 'rejected' });
        const code = replyCode(info.response) ?? 250;
        finish(code === 250 ? { delivered: true, statusCode: 250 } : { delivered: false, reason: 'rejected', statusCode: code }, true);
      });
    connection.connect((err) => {
      if (err) return finish(smtpFailure(err));
      if (!smtp.auth) return submit();
      connection.login({ credentials: { user: smtp.auth.user, pass: smtp.auth.pass } }, (loginErr) => (loginErr ? finish(smtpFailure(loginErr)) : submit()));
    });
  });
}
