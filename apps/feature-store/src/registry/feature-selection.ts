import { Injectable } from '@nestjs/common';
import type { FeatureDefinition, FeatureRef, FeatureView } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import { RegistryRepository } from './registry.repository';
import { ViewsUseCase } from './views.usecase';

export interface SelectedView {
  view: FeatureView;
  features: Array<Required<Pick<FeatureDefinition, 'name' | 'column' | 'type'>>>;
}

export interface FeatureSelection {
  /** The requested features, in request order, without duplicates. */
  refs: FeatureRef[];
  /** Each view involved (its current revision) with its requested features. */
  views: SelectedView[];
}

/** Turns `features: ["view:feature", …]` or a feature service name into the views and features to read. */
@Injectable()
export class FeatureSelectionResolver {
  constructor(
    private readonly registry: RegistryRepository,
    private readonly views: ViewsUseCase,
  ) {}

  async resolve(request: { features?: FeatureRef[]; featureService?: string }): Promise<FeatureSelection> {
    let refs = request.features ?? [];
    if (request.featureService !== undefined) {
      const service = await this.registry.findService(request.featureService);
      if (!service) throw new DomainError('features.service_not_found', `no feature service named "${request.featureService}"`, { name: request.featureService });
      refs = service.features;
    }
    refs = [...new Set(refs)];
    const byView = new Map<string, SelectedView>();
    const missing: string[] = [];
    for (const ref of refs) {
      const [viewName, featureName] = ref.split(':') as [string, string];
      let selected = byView.get(viewName);
      if (!selected) {
        const view = await this.views.get(viewName).catch((error: unknown) => {
          if (error instanceof DomainError && error.code === 'features.view_not_found') return null;
          throw error;
        });
        if (!view) {
          missing.push(ref);
          continue;
        }
        selected = { view, features: [] };
        byView.set(viewName, selected);
      }
      const feature = selected.view.features.find((candidate) => candidate.name === featureName);
      if (feature) selected.features.push({ name: feature.name, column: feature.column, type: feature.type });
      else missing.push(ref);
    }
    if (missing.length > 0) {
      throw new DomainError('features.feature_not_found', `unknown feature${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, { features: missing });
    }
    return { refs, views: [...byView.values()] };
  }
}
