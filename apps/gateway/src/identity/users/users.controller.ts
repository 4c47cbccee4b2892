import { Controller, Get, Patch, Post } from '@nestjs/common';
import {
  CreateUserRequestSchema,
  UpdateUserRequestSchema,
  UserIdParamsSchema,
  UserListSchema,
  UserSchema,
  type CreateUserRequest,
  type Principal,
  type UpdateUserRequest,
  type User,
  type UserList,
} from '@galley/contracts';
import { Endpoint } from '../../http/endpoint.decorator';
import { CurrentPrincipal, ValidBody, ValidParams } from '../../http/validated-request';
import { CreateUserUseCase } from './create-user.usecase';
import { ListUsersUseCase } from './list-users.usecase';
import { UpdateUserUseCase } from './update-user.usecase';

@Controller('users')
export class UsersController {
  constructor(
    private readonly listUsers: ListUsersUseCase,
    private readonly createUser: CreateUserUseCase,
    private readonly updateUser: UpdateUserUseCase,
  ) {}

  @Get()
  @Endpoint({ summary: 'List users', tags: ['admin'], access: ['admin'], response: UserListSchema })
  async list(): Promise<UserList> {
    return this.listUsers.execute();
  }

  @Post()
  @Endpoint({
    summary: 'Create a user',
    tags: ['admin'],
    access: ['admin'],
    body: CreateUserRequestSchema,
    response: UserSchema,
    status: 201,
    errors: [400, 409],
  })
  async create(@ValidBody() body: CreateUserRequest): Promise<User> {
    return this.createUser.execute(body);
  }

  @Patch(':id')
  @Endpoint({
    summary: 'Change a user: roles, display name, password, disabled (disabling or a new password ends their sessions)',
    tags: ['admin'],
    access: ['admin'],
    params: UserIdParamsSchema,
    body: UpdateUserRequestSchema,
    response: UserSchema,
    errors: [400, 404, 409],
  })
  async update(
    @CurrentPrincipal() actor: Principal,
    @ValidParams() params: { id: string },
    @ValidBody() body: UpdateUserRequest,
  ): Promise<User> {
    return this.updateUser.execute(actor, params.id, body);
  }
}
