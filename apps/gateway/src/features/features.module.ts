import { Module } from '@nestjs/common';
import { FeatureDefinitionsController } from './feature-definitions.controller';
import { FeatureValuesController } from './feature-values.controller';

@Module({ controllers: [FeatureDefinitionsController, FeatureValuesController] })
export class FeaturesModule {}
