/**
 * The services behind the bus. The gateway's health check asks each of these; adding a service here
 * is what makes it part of "the platform is up".
 */
export const BUS_SERVICES = ['catalog', 'feature-store', 'training'] as const;
export type BusService = (typeof BUS_SERVICES)[number];

/** JetStream streams. Events are facts that happened; jobs are work to be taken exactly once. */
export const STREAMS = {
  events: { name: 'GALLEY_EVENTS', subjects: ['galley.events.>'] },
  jobs: { name: 'GALLEY_JOBS', subjects: ['galley.jobs.>'] },
} as const;

/** Headers Galley sets on bus messages. */
export const BUS_HEADERS = {
  requestId: 'x-request-id',
} as const;

/** Reported by every service's health answer. */
export const PLATFORM_VERSION = '0.1.0';
