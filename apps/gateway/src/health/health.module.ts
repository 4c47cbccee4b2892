import { Module } from '@nestjs/common';
import { CheckPlatformHealthUseCase } from './check-platform-health.usecase';
import { HealthController } from './health.controller';

@Module({ controllers: [HealthController], providers: [CheckPlatformHealthUseCase] })
export class HealthModule {}
