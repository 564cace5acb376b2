import { INestApplication, ValidationPipe } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import * as request from 'supertest';
import { AppModule } from '../src/app.module';

describe('Courses (e2e)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication();
    app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true }));
    await app.init();
  });

  afterAll(() => app.close());

  it('rejects listing courses without a token', () => {
    return request(app.getHttpServer()).get('/courses').expect(401);
  });

  it('registers, logs in and creates a course', async () => {
    const creds = { email: 'ana@example.com', password: 's3cure-pass' };
    await request(app.getHttpServer()).post('/auth/register').send(creds).expect(201);
    const login = await request(app.getHttpServer()).post('/auth/login').send(creds).expect(201);
    await request(app.getHttpServer())
      .post('/courses')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .send({ title: 'Intro to SQL' })
      .expect(201);
  });
});
