import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { FeatureRequests, type FeatureEntity, type FeatureService, type FeatureView } from '@galley/contracts';
import { parseOrThrow } from '@galley/messaging';
import { EntitiesUseCase } from './entities.usecase';
import { ServicesUseCase } from './services.usecase';
import { ViewsUseCase } from './views.usecase';

/** Thin: parse the message with its contract, call one use case. */
@Controller()
export class RegistryHandler {
  constructor(
    private readonly entities: EntitiesUseCase,
    private readonly views: ViewsUseCase,
    private readonly services: ServicesUseCase,
  ) {}

  @MessagePattern(FeatureRequests.createEntity.subject)
  async createEntity(@Payload() payload: unknown): Promise<FeatureEntity> {
    const { actor, entity } = parseOrThrow(FeatureRequests.createEntity.request, payload, 'entity.create request');
    return this.entities.create(actor, entity);
  }

  @MessagePattern(FeatureRequests.listEntities.subject)
  async listEntities(): Promise<{ items: FeatureEntity[] }> {
    return this.entities.list();
  }

  @MessagePattern(FeatureRequests.getEntity.subject)
  async getEntity(@Payload() payload: unknown): Promise<FeatureEntity> {
    return this.entities.get(parseOrThrow(FeatureRequests.getEntity.request, payload, 'entity.get request').name);
  }

  @MessagePattern(FeatureRequests.applyView.subject)
  async applyView(@Payload() payload: unknown): Promise<{ view: FeatureView; created: boolean }> {
    const { actor, view } = parseOrThrow(FeatureRequests.applyView.request, payload, 'view.apply request');
    return this.views.apply(actor, view);
  }

  @MessagePattern(FeatureRequests.listViews.subject)
  async listViews(): Promise<{ items: FeatureView[] }> {
    return this.views.list();
  }

  @MessagePattern(FeatureRequests.getView.subject)
  async getView(@Payload() payload: unknown): Promise<FeatureView> {
    const { name, revision } = parseOrThrow(FeatureRequests.getView.request, payload, 'view.get request');
    return this.views.get(name, revision);
  }

  @MessagePattern(FeatureRequests.listViewRevisions.subject)
  async viewRevisions(@Payload() payload: unknown): Promise<{ items: FeatureView[] }> {
    return this.views.revisions(parseOrThrow(FeatureRequests.listViewRevisions.request, payload, 'view.revisions request').name);
  }

  @MessagePattern(FeatureRequests.createService.subject)
  async createService(@Payload() payload: unknown): Promise<FeatureService> {
    const { actor, service } = parseOrThrow(FeatureRequests.createService.request, payload, 'service.create request');
    return this.services.create(actor, service);
  }

  @MessagePattern(FeatureRequests.listServices.subject)
  async listServices(): Promise<{ items: FeatureService[] }> {
    return this.services.list();
  }

  @MessagePattern(FeatureRequests.getService.subject)
  async getService(@Payload() payload: unknown): Promise<FeatureService> {
    return this.services.get(parseOrThrow(FeatureRequests.getService.request, payload, 'service.get request').name);
  }
}
