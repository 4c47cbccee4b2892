import type { z } from 'zod';

/**
 * One request/reply message on the bus: its subject and the schemas of both ends. Callers and
 * handlers both parse with these, because a message may come from anything connected to NATS.
 */
export interface RequestContract<Req extends z.ZodTypeAny, Res extends z.ZodTypeAny> {
  readonly subject: string;
  readonly request: Req;
  readonly response: Res;
}

export function defineRequest<Req extends z.ZodTypeAny, Res extends z.ZodTypeAny>(
  subject: string,
  request: Req,
  response: Res,
): RequestContract<Req, Res> {
  return { subject, request, response };
}

export type RequestOf<C> = C extends RequestContract<infer Req, z.ZodTypeAny> ? z.input<Req> : never;
export type ResponseOf<C> = C extends RequestContract<z.ZodTypeAny, infer Res> ? z.output<Res> : never;

/** One event on the `GALLEY_EVENTS` stream: `galley.events.<service>.<resource>.<past-tense>`. */
export interface EventContract<Payload extends z.ZodTypeAny> {
  readonly subject: string;
  readonly payload: Payload;
}

export function defineEvent<Payload extends z.ZodTypeAny>(
  subject: string,
  payload: Payload,
): EventContract<Payload> {
  return { subject, payload };
}
