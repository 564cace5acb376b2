import {
  Body,
  CanActivate,
  ConflictException,
  Controller,
  ExecutionContext,
  Get,
  Injectable,
  Post,
  Req,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiConflictResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import * as bcrypt from 'bcrypt';
import { IsEmail, IsString, Length } from 'class-validator';
import { Repository } from 'typeorm';
import { User } from '../courses/entities';

export class CredentialsDto {
  @IsEmail()
  email: string;

  @IsString()
  @Length(8, 72)
  password: string;
}

/** Accepts requests that carry a valid bearer token and exposes its subject as req.user. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly jwt: JwtService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest();
    const [type, token] = (req.headers.authorization ?? '').split(' ');
    if (type !== 'Bearer' || !token) throw new UnauthorizedException();
    try {
      req.user = await this.jwt.verifyAsync(token);
    } catch {
      throw new UnauthorizedException();
    }
    return true;
  }
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly jwt: JwtService,
  ) {}

  @Post('register')
  @ApiConflictResponse({ description: 'Email already registered' })
  async register(@Body() dto: CredentialsDto) {
    if (await this.users.findOneBy({ email: dto.email })) throw new ConflictException('Email already registered');
    const user = await this.users.save({ email: dto.email, passwordHash: await bcrypt.hash(dto.password, 12) });
    return { id: user.id, email: user.email };
  }

  @Post('login')
  @ApiUnauthorizedResponse({ description: 'Wrong email or password' })
  async login(@Body() dto: CredentialsDto) {
    const user = await this.users.findOneBy({ email: dto.email });
    if (!user || !(await bcrypt.compare(dto.password, user.passwordHash))) {
      throw new UnauthorizedException('Wrong email or password');
    }
    return { accessToken: await this.jwt.signAsync({ sub: user.id }) };
  }

  @Get('me')
  @ApiBearerAuth()
  @UseGuards(JwtAuthGuard)
  @ApiUnauthorizedResponse()
  me(@Req() req: { user: { sub: number } }) {
    return this.users.findOneOrFail({ where: { id: req.user.sub }, select: ['id', 'email'] });
  }
}
