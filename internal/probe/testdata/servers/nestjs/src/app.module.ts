import { Module, Type } from '@nestjs/common';
import { HealthController, MeController, TasksController, UndeclaredParamController } from './tasks.controller';

const controllers: Type[] = [HealthController, TasksController, MeController];
if (process.env.BROKEN === '1') {
  controllers.push(UndeclaredParamController);
}

@Module({ controllers })
export class AppModule {}
