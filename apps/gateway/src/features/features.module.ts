import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { FeatureDefinitionsController } from './feature-definitions.controller';
import { FeatureValuesController } from './feature-values.controller';
import { OnlineLookupRoute } from './online-lookup.route';

/** Feature definitions and values; the online lookup also has its lean route ahead of Nest. */
@Module({
  imports: [IdentityModule],
  controllers: [FeatureDefinitionsController, FeatureValuesController],
  providers: [OnlineLookupRoute],
  exports: [OnlineLookupRoute],
})
export class FeaturesModule {}
