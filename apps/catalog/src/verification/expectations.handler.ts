import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogRequests, type ExpectationSuite } from '@galley/contracts';
import { parseOrThrow } from '@galley/messaging';
import { ExpectationsUseCase } from './expectations.usecase';

@Controller()
export class ExpectationsHandler {
  constructor(private readonly expectations: ExpectationsUseCase) {}

  @MessagePattern(CatalogRequests.getExpectations.subject)
  async get(@Payload() payload: unknown): Promise<ExpectationSuite> {
    const { name } = parseOrThrow(CatalogRequests.getExpectations.request, payload, 'expectations.get request');
    return this.expectations.get(name);
  }

  @MessagePattern(CatalogRequests.putExpectations.subject)
  async put(@Payload() payload: unknown): Promise<ExpectationSuite> {
    const { actor, name, suite } = parseOrThrow(CatalogRequests.putExpectations.request, payload, 'expectations.put request');
    return this.expectations.put(actor, name, suite.expectations);
  }
}
