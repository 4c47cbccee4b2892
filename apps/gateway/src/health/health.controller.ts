import { Controller, Get, Res } from '@nestjs/common';
import { PlatformHealthSchema, type PlatformHealth } from '@galley/contracts';
import type { Response } from 'express';
import { Endpoint } from '../http/endpoint.decorator';
import { CheckPlatformHealthUseCase } from './check-platform-health.usecase';

@Controller('health')
export class HealthController {
  constructor(private readonly checkHealth: CheckPlatformHealthUseCase) {}

  @Get()
  @Endpoint({
    summary: 'Platform health: 200 when every service answers, 503 naming those that do not',
    tags: ['platform'],
    access: 'public',
    response: PlatformHealthSchema,
    errors: [503],
  })
  async health(@Res({ passthrough: true }) response: Response): Promise<PlatformHealth> {
    const health = await this.checkHealth.execute();
    response.status(health.status === 'up' ? 200 : 503).setHeader('cache-control', 'no-store');
    return health;
  }
}
