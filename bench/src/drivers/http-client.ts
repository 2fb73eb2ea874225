import { Agent, request } from 'undici';

export interface FormAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** Keep-alive HTTP/1.1 connections for the closed-loop driver (one pool per origin). */
export function createAgent(connections: number): Agent {
  return new Agent({ connections, keepAliveTimeout: 30_000, headersTimeout: 30_000, bodyTimeout: 30_000 });
}

/** POSTs a form and returns the status and parsed JSON body ({} when none). */
export async function postForm(agent: Agent, url: string, authorization: string, form: Record<string, string>): Promise<FormAnswer> {
  const response = await request(url, {
    method: 'POST',
    dispatcher: agent,
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  const text = await response.body.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = { error: `non-JSON answer` };
  }
  return { status: response.statusCode, body };
}
