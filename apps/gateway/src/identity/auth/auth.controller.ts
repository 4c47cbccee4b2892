import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ChangePasswordRequestSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  MeResponseSchema,
  type ChangePasswordRequest,
  type LoginRequest,
  type LoginResponse,
  type MeResponse,
  type Principal,
} from '@galley/contracts';
import type { Request, Response } from 'express';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config';
import { Endpoint } from '../../http/endpoint.decorator';
import { CurrentPrincipal, ValidBody } from '../../http/validated-request';
import { toUserContract } from '../users/user.mapper';
import { UsersRepository } from '../users/users.repository';
import { ChangePasswordUseCase } from './change-password.usecase';
import { clearSessionCookie, readCredential, setSessionCookie } from './credentials';
import { LoginUseCase } from './login.usecase';
import { LogoutUseCase } from './logout.usecase';

@Controller('auth')
export class AuthController {
  constructor(
    private readonly login: LoginUseCase,
    private readonly logout: LogoutUseCase,
    private readonly changePassword: ChangePasswordUseCase,
    private readonly users: UsersRepository,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('login')
  @Endpoint({
    summary: 'Sign in',
    description: 'Answers a bearer token and sets it as an httpOnly SameSite=Lax cookie for browsers.',
    tags: ['auth'],
    access: 'public',
    body: LoginRequestSchema,
    response: LoginResponseSchema,
    errors: [401, 429],
  })
  async signIn(@ValidBody() body: LoginRequest, @Res({ passthrough: true }) response: Response): Promise<LoginResponse> {
    const result = await this.login.execute(body);
    setSessionCookie(response, result.token, result.expiresAt, this.config.GALLEY_COOKIE_SECURE);
    return result;
  }

  @Post('logout')
  @Endpoint({ summary: 'Sign out (ends this session)', tags: ['auth'], access: 'authenticated' })
  async signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.logout.execute(readCredential(request)?.token ?? null);
    clearSessionCookie(response, this.config.GALLEY_COOKIE_SECURE);
  }

  @Get('me')
  @Endpoint({ summary: 'Who am I', tags: ['auth'], access: 'authenticated', response: MeResponseSchema })
  async me(@CurrentPrincipal() principal: Principal): Promise<MeResponse> {
    const user = principal.kind === 'user' ? await this.users.findById(principal.id) : null;
    return { principal, user: user ? toUserContract(user) : null };
  }

  @Post('password')
  @Endpoint({
    summary: 'Change my password (ends all my sessions)',
    tags: ['auth'],
    access: 'authenticated',
    body: ChangePasswordRequestSchema,
    errors: [401],
  })
  async password(
    @CurrentPrincipal() principal: Principal,
    @ValidBody() body: ChangePasswordRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.changePassword.execute(principal, body);
    clearSessionCookie(response, this.config.GALLEY_COOKIE_SECURE);
  }
}
