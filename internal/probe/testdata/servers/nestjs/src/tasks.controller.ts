import { CanActivate, Controller, ExecutionContext, Get, Injectable, NotFoundException, Param, ParseIntPipe, Req, UnauthorizedException, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiParam, ApiProperty } from '@nestjs/swagger';

export class Task {
  @ApiProperty() id: number;
  @ApiProperty() title: string;
  @ApiProperty() done: boolean;
}

class Health {
  @ApiProperty() status: string;
}

class Me {
  @ApiProperty() user: string;
}

const tasks: Task[] = [
  { id: 1, title: 'Write the README', done: true },
  { id: 2, title: 'Deploy', done: false },
];

@Injectable()
export class BearerGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest();
    const token = process.env.API_TOKEN;
    if (!token || req.headers.authorization !== `Bearer ${token}`) {
      throw new UnauthorizedException();
    }
    return true;
  }
}

@Controller('health')
export class HealthController {
  @Get()
  @ApiOkResponse({ type: Health })
  check(): Health {
    return { status: 'ok' };
  }
}

@Controller('api/tasks')
export class TasksController {
  @Get()
  @ApiOkResponse({ type: [Task] })
  list(): Task[] {
    return tasks;
  }

  @Get(':id')
  @ApiParam({ name: 'id', type: Number, example: 1 })
  @ApiOkResponse({ type: Task })
  one(@Param('id', ParseIntPipe) id: number): Task {
    const t = tasks.find((x) => x.id === id);
    if (!t) throw new NotFoundException();
    return t;
  }
}

@Controller('api/me')
@ApiBearerAuth()
@UseGuards(BearerGuard)
export class MeController {
  @Get()
  @ApiOkResponse({ type: Me })
  me(): Me {
    return { user: 'reviewer' };
  }
}

// The handler reads :taskId from the request: @nestjs/swagger cannot see
// it, so the document's path has a parameter no operation declares.
@Controller('api/tasks/:taskId/notes')
export class UndeclaredParamController {
  @Get()
  @ApiOkResponse({ type: [String] })
  notes(@Req() req: { params: { taskId: string } }): string[] {
    return [`notes of task ${req.params.taskId}`];
  }
}
