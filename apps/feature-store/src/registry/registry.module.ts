import { Module } from '@nestjs/common';
import { CatalogSources } from './catalog-sources';
import { EntitiesUseCase } from './entities.usecase';
import { FeatureSelectionResolver } from './feature-selection';
import { RegistryHandler } from './registry.handler';
import { RegistryRepository } from './registry.repository';
import { ServicesUseCase } from './services.usecase';
import { ViewsUseCase } from './views.usecase';

@Module({
  controllers: [RegistryHandler],
  providers: [RegistryRepository, CatalogSources, EntitiesUseCase, ViewsUseCase, ServicesUseCase, FeatureSelectionResolver],
  exports: [RegistryRepository, CatalogSources, ViewsUseCase, FeatureSelectionResolver],
})
export class RegistryModule {}
