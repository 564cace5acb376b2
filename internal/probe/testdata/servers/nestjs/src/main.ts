// Tasks: a small NestJS API the probe's integration tests run, documented
// with @nestjs/swagger at /api. BROKEN=1 serves a handler that reads its
// route parameter from the request instead of declaring it, so the
// document lists /api/tasks/{id} without an id parameter (invalid).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(AppModule, { logger: ['error'] });
  const config = new DocumentBuilder().setTitle('Tasks').setVersion('1.0').addBearerAuth().build();
  SwaggerModule.setup('api', app, SwaggerModule.createDocument(app, config));
  await app.listen(Number(process.env.PORT || 3000), '127.0.0.1');
  console.log('listening');
}
bootstrap();
