import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysRepository } from './api-keys/api-keys.repository';
import { CreateApiKeyUseCase } from './api-keys/create-api-key.usecase';
import { ListApiKeysUseCase } from './api-keys/list-api-keys.usecase';
import { RevokeApiKeyUseCase } from './api-keys/revoke-api-key.usecase';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthenticateUseCase } from './auth/authenticate.usecase';
import { ChangePasswordUseCase } from './auth/change-password.usecase';
import { CredentialChanges } from './auth/credential-changes';
import { CreateKernelSessionUseCase } from './auth/create-kernel-session.usecase';
import { LoginThrottle } from './auth/login-throttle';
import { LoginUseCase } from './auth/login.usecase';
import { LogoutUseCase } from './auth/logout.usecase';
import { PrincipalCache } from './auth/principal-cache';
import { RequestAuthorizer } from './auth/request-authorizer';
import { SessionsRepository } from './auth/sessions.repository';
import { BootstrapAdminService } from './users/bootstrap-admin.service';
import { CreateUserUseCase } from './users/create-user.usecase';
import { ListUsersUseCase } from './users/list-users.usecase';
import { UpdateUserUseCase } from './users/update-user.usecase';
import { UsersController } from './users/users.controller';
import { UsersRepository } from './users/users.repository';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';

/** Users, sessions and API keys, and the global guard that checks them on every route. */
@Module({
  controllers: [AuthController, UsersController, ApiKeysController],
  providers: [
    UsersRepository,
    SessionsRepository,
    ApiKeysRepository,
    LoginThrottle,
    { provide: PrincipalCache, inject: [GATEWAY_CONFIG], useFactory: (config: GatewayConfig) => new PrincipalCache(config.GALLEY_AUTH_CACHE_MS) },
    CredentialChanges,
    AuthenticateUseCase,
    RequestAuthorizer,
    LoginUseCase,
    LogoutUseCase,
    ChangePasswordUseCase,
    CreateKernelSessionUseCase,
    ListUsersUseCase,
    CreateUserUseCase,
    UpdateUserUseCase,
    ListApiKeysUseCase,
    CreateApiKeyUseCase,
    RevokeApiKeyUseCase,
    BootstrapAdminService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  // Other gateway modules check that a named user exists (a dataset's new owner); the Jupyter proxy
  // authenticates outside Nest's guards (websocket upgrades) and mints kernel sessions; the online
  // lookup route is served ahead of Nest with the guard's own rule.
  exports: [UsersRepository, AuthenticateUseCase, RequestAuthorizer, CredentialChanges, CreateKernelSessionUseCase],
})
export class IdentityModule {}
