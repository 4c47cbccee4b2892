import { Controller, Get, Put } from '@nestjs/common';
import {
  CatalogRequests,
  DatasetNameParamsSchema,
  ExpectationSuiteRequestSchema,
  ExpectationSuiteSchema,
  type Actor,
  type ExpectationSuite,
  type ExpectationSuiteRequest,
} from '@galley/contracts';
import { BusClient } from '@galley/messaging';
import { Endpoint } from '../http/endpoint.decorator';
import { CurrentActor, ValidBody, ValidParams } from '../http/validated-request';

@Controller('datasets/:name/expectations')
export class DatasetExpectationsController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @Endpoint({
    summary: "The dataset's expectation suite (revision 0 and no expectations when none is set)",
    tags: ['data verification'],
    access: ['viewer'],
    params: DatasetNameParamsSchema,
    response: ExpectationSuiteSchema,
    errors: [404, 503, 504],
  })
  async get(@ValidParams() params: { name: string }): Promise<ExpectationSuite> {
    return this.bus.request(CatalogRequests.getExpectations, { name: params.name });
  }

  @Put()
  @Endpoint({
    summary: 'Replace the expectation suite every new version is checked against (owner or admin)',
    description:
      'Kinds: column_exists, column_type, not_null (maxNullFraction), between, in_set, unique, matches_regex (RE2), row_count_between; ' +
      'each blocking (a failing version is rejected) or warning. Stored versions keep their verdict until POST …/versions/{v}/revalidate.',
    tags: ['data verification'],
    access: ['data-scientist'],
    params: DatasetNameParamsSchema,
    body: ExpectationSuiteRequestSchema,
    response: ExpectationSuiteSchema,
    errors: [400, 403, 404, 422, 503, 504],
  })
  async put(@CurrentActor() actor: Actor, @ValidParams() params: { name: string }, @ValidBody() body: ExpectationSuiteRequest): Promise<ExpectationSuite> {
    return this.bus.request(CatalogRequests.putExpectations, { actor, name: params.name, suite: body });
  }
}
