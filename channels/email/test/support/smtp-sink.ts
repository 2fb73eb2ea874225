import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { generate } from 'selfsigned';

/** One message the sink accepted. */
export interface ReceivedMail {
  from: string;
  to: string[];
  parsed: ParsedMail;
  /** Whether the session was under TLS (implicit or after STARTTLS) when DATA came. */
  secure: boolean;
  /** The AUTH user, when the client authenticated. */
  user?: string;
}

export interface SmtpSinkOptions {
  /** `implicit`: TLS from the first byte; `starttls`: offers STARTTLS; `none`: plain text only. */
  tls: 'implicit' | 'starttls' | 'none';
  /** Requires AUTH with these credentials. */
  auth?: { user: string; pass: string };
  /** Answers RCPT TO with this reply code (e.g. 550, 451). */
  rejectRcpt?: number;
}

export interface SmtpSink {
  port: number;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

/** A real SMTP server (smtp-server) on 127.0.0.1 that keeps what it accepts, parsed with mailparser. */
export async function startSmtpSink(options: SmtpSinkOptions): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const pems = options.tls === 'none' ? undefined : await generate([{ name: 'commonName', value: 'localhost' }], { keySize: 2048 });
  const config: SMTPServerOptions = {
    secure: options.tls === 'implicit',
    ...(pems ? { key: pems.private, cert: pems.cert } : {}),
    disabledCommands: [...(options.tls === 'none' ? ['STARTTLS'] : []), ...(options.auth ? [] : ['AUTH'])],
    authOptional: !options.auth,
    allowInsecureAuth: false,
    logger: false,
    onAuth(auth, _session, callback) {
      const ok = options.auth && auth.username === options.auth.user && auth.password === options.auth.pass;
      callback(ok ? null : Object.assign(new Error('authentication failed'), { responseCode: 535 }), ok ? { user: auth.username } : undefined);
    },
    onMailFrom(_address, session, callback) {
      if (options.auth && !session.user) return callback(Object.assign(new Error('authentication required'), { responseCode: 530 }));
      callback();
    },
    onRcptTo(_address, _session, callback) {
      if (options.rejectRcpt) return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: options.rejectRcpt }));
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            parsed,
            secure: session.secure,
            ...(typeof session.user === 'string' ? { user: session.user } : {}),
          });
          callback();
        })
        .catch(callback);
    },
  };
  const server = new SMTPServer(config);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
