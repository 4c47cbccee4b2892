import { Controller, Post, Req } from '@nestjs/common';
import { KernelCredentialsSchema, type KernelCredentials, type Principal } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import type { Request } from 'express';
import { Endpoint } from '../http/endpoint.decorator';
import { CurrentPrincipal } from '../http/validated-request';
import { CreateKernelSessionUseCase } from '../identity/auth/create-kernel-session.usecase';
import { readCredential } from '../identity/auth/credentials';
import { NOTEBOOK_ROLES } from './jupyter-proxy';

@Controller('notebooks')
export class KernelCredentialsController {
  constructor(private readonly createKernelSession: CreateKernelSessionUseCase) {}

  @Post('kernel-credentials')
  @Endpoint({
    summary: "A short-lived bearer token for the caller's notebook kernel",
    description:
      'The workspace calls this when a Python kernel starts and runs `galley.connect(token=…)` in it, so the kernel reads datasets with the ' +
      "user's own roles. The token is a session of the caller's, valid for 4 hours at most and never past the caller's own session.",
    tags: ['notebooks'],
    access: NOTEBOOK_ROLES,
    response: KernelCredentialsSchema,
    status: 201,
    errors: [401, 403],
  })
  async create(@CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<KernelCredentials> {
    const credential = readCredential(request);
    if (!credential) throw new DomainError('unauthenticated', 'sign in first');
    return this.createKernelSession.execute(principal, credential.token);
  }
}
