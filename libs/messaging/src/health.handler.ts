import { hostname } from 'node:os';
import { Controller, Inject, type Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { healthSubject, type ServiceHealth } from '@galley/contracts';
import { isDatabaseUp } from '@galley/persistence';
import { DataSource } from 'typeorm';

const startedAt = Date.now();

/**
 * The `galley.<service>.health` handler every service mounts. It answers only when the service can
 * reach its database, so "up" means "can do work", not merely "process alive".
 */
export function createHealthHandler(service: string, version: string): Type {
  @Controller()
  class HealthHandler {
    constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

    @MessagePattern(healthSubject(service))
    async check(): Promise<ServiceHealth> {
      const database = (await isDatabaseUp(this.dataSource)) ? 'up' : 'down';
      return {
        service,
        status: database,
        version,
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
        instance: `${hostname()}:${process.pid}`,
        checks: { database },
      };
    }
  }
  return HealthHandler;
}
