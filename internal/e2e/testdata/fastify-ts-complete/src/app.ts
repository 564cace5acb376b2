import Fastify, { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import jwt from '@fastify/jwt';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { PrismaClient } from '@prisma/client';

import authRoutes from './routes/auth.js';
import noteRoutes from './routes/notes.js';

declare module 'fastify' {
  interface FastifyInstance {
    prisma: PrismaClient;
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    user: { sub: number };
  }
}

export async function buildApp(prisma = new PrismaClient()) {
  const app = Fastify({
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('prisma', prisma);
  app.addHook('onClose', async () => prisma.$disconnect());

  await app.register(cors, { origin: (process.env.CORS_ORIGINS ?? 'http://localhost:5173').split(',') });
  await app.register(rateLimit, { max: 100, timeWindow: '1 minute' });
  await app.register(jwt, { secret: process.env.JWT_SECRET!, sign: { expiresIn: '1h' } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Notes API', version: '1.0.0', description: 'Notes and their tags' },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.decorate('authenticate', async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      await request.jwtVerify();
    } catch {
      reply.code(401).send({ error: 'invalid or missing token' });
    }
  });

  // One place turns errors into JSON: validation errors are 400, known
  // Prisma errors keep a meaningful status, anything else is a logged 500.
  app.setErrorHandler((error: FastifyError & { code?: string }, request, reply) => {
    if (error.validation) {
      return reply.code(400).send({ error: 'validation failed', details: error.validation });
    }
    if (error.code === 'P2025') {
      return reply.code(404).send({ error: 'not found' });
    }
    if (error.code === 'P2002') {
      return reply.code(409).send({ error: 'already exists' });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(error.statusCode ?? 500).send({ error: 'internal error' });
  });

  app.get('/health', async () => ({ status: 'ok' }));
  await app.register(authRoutes);
  await app.register(noteRoutes);
  return app;
}
