import { hostname } from 'node:os';
import { Inject, Injectable } from '@nestjs/common';
import {
  BUS_SERVICES,
  healthSubject,
  PLATFORM_VERSION,
  ServiceHealthSchema,
  type PlatformHealth,
  type ServiceHealthEntry,
} from '@galley/contracts';
import { BusClient } from '@galley/messaging';
import { isDatabaseUp } from '@galley/persistence';
import type { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { GATEWAY_NATS } from '../bus/bus.module';

/** Short, so a health probe answers quickly even when a service hangs. */
const HEALTH_TIMEOUT_MS = 1_500;
const startedAt = Date.now();

@Injectable()
export class CheckPlatformHealthUseCase {
  constructor(
    private readonly bus: BusClient,
    private readonly dataSource: DataSource,
    @Inject(GATEWAY_NATS) private readonly connection: NatsConnection,
  ) {}

  async execute(): Promise<PlatformHealth> {
    const services = await Promise.all([this.gateway(), ...BUS_SERVICES.map((service) => this.ask(service))]);
    const down = services.filter((entry) => entry.status !== 'up').map((entry) => entry.service);
    return { status: down.length === 0 ? 'up' : 'degraded', checkedAt: new Date().toISOString(), services, down };
  }

  private async gateway(): Promise<ServiceHealthEntry> {
    const started = performance.now();
    const database = (await isDatabaseUp(this.dataSource)) ? 'up' : 'down';
    const nats = this.connection.isClosed() ? 'down' : 'up';
    const status = database === 'up' && nats === 'up' ? 'up' : 'down';
    return {
      service: 'gateway',
      status,
      latencyMs: round(performance.now() - started),
      detail: {
        service: 'gateway',
        status,
        version: PLATFORM_VERSION,
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
        instance: `${hostname()}:${process.pid}`,
        checks: { database, nats },
      },
    };
  }

  private async ask(service: string): Promise<ServiceHealthEntry> {
    const started = performance.now();
    try {
      const detail = await this.bus.request(
        { subject: healthSubject(service), request: z.object({}), response: ServiceHealthSchema },
        {},
        { timeoutMs: HEALTH_TIMEOUT_MS },
      );
      return { service, status: detail.status, latencyMs: round(performance.now() - started), detail };
    } catch (error) {
      return { service, status: 'down', latencyMs: null, detail: null, error: error instanceof Error ? error.message : String(error) };
    }
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
